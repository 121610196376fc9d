import { createServer } from 'node:net';
import { LatheError } from '@lathe/core';
import type { RunningServer } from '@lathe/server';
import { COMMON_OPTIONS, type Command } from '../command.js';

/** `lathe server start [--port P] [--home DIR]`: runs until SIGINT or SIGTERM. */
export const serverStart: Command = {
  name: 'server start',
  summary: 'Start the Lathe server (SQLite + local files + local compute)',
  options: {
    help: COMMON_OPTIONS.help,
    port: { type: 'string', description: 'port to listen on (LATHE_PORT, default 5252; 0 picks a free one)' },
    home: { type: 'string', description: 'data directory (LATHE_HOME, default ./.lathe)' },
    host: { type: 'string', description: 'address to listen on (LATHE_HOST, default 127.0.0.1)' },
    'insecure-no-auth': { type: 'boolean', description: 'never ask for the access token, even beyond loopback (LATHE_AUTH=none)' },
  },
  usage: 'lathe server start [--port 5252] [--home ./.lathe] [--host 127.0.0.1] [--insecure-no-auth]   (or LATHE_PORT, LATHE_HOME, LATHE_HOST, LATHE_AUTH)',
  async run(values, _positionals, io) {
    // Loaded here, not at the top: every other command starts without the server's code.
    const [{ configFromEnv, startServer }, { defaultServerUrl }] = await Promise.all([import('@lathe/server'), import('@lathe/sdk/client')]);
    const env = { ...process.env };
    if (values.port) env.LATHE_PORT = values.port as string;
    if (values.home) env.LATHE_HOME = values.home as string;
    if (values.host) env.LATHE_HOST = values.host as string;
    if (values['insecure-no-auth']) env.LATHE_AUTH = 'none';
    const config = configFromEnv(env);
    const server = await startServer(config).catch(async (error: NodeJS.ErrnoException & { port?: number }) => {
      if (error.code !== 'EADDRINUSE') throw error;
      // HTTPS listens first: its port is the one to name only when the plain port is free (else
      // another server, most likely Lathe, holds both).
      if (config.tls !== undefined && error.port === config.tls.port && config.tls.port !== config.port && !(await portTaken(config.host, config.port))) {
        throw new LatheError('LATHE_UNAVAILABLE', `HTTPS port ${config.tls.port} on ${config.host} is in use; choose another with LATHE_TLS_PORT (or LATHE_TLS=off)`);
      }
      throw new LatheError('LATHE_UNAVAILABLE', `port ${config.port} on ${config.host} is in use; choose another with --port or LATHE_PORT`);
    });
    io.out(`Lathe is running at ${server.url}\n  data: ${config.home} (LATHE_HOME)\n  jobs run with ${config.python} (LATHE_PYTHON), ${config.concurrency} at once (LATHE_CONCURRENCY)\n`);
    if (server.tls) io.out(`  https: ${server.tls.url} (LATHE_TLS_PORT)${server.tls.caFile ? `, CA ${server.tls.caFile}` : ''}; Azure ML SDK settings: lathe sdk env\n`);
    for (const warning of server.warnings) io.err(`${warning}\n`);
    io.out(accessLines(server));
    // The CLI finds the server by itself on the default address, or through the same LATHE_PORT.
    const urlPrefix = server.url === defaultServerUrl(process.env) ? '' : `LATHE_URL=${server.url} `;
    io.out(`Submit a job:  ${urlPrefix}lathe job create --file examples/jobs/hello-world.yml --stream\n`);
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop).once('SIGTERM', stop);
    });
    io.err('Stopping...\n');
    await server.close();
    return 0;
  },
};

// The login URL carries the token: printed once, when the token is made; later starts say where it is.
function accessLines(server: RunningServer): string {
  const token = server.accessToken;
  if (token === undefined) return '';
  if (!token.created) return `  API calls need the access token in ${token.file} (LATHE_TOKEN, MLFLOW_TRACKING_TOKEN, or ${server.url}/login?token=<token> for Studio)\n`;
  return `  API calls need this access token (kept in ${token.file}); it is printed only now:\n    ${token.value}\n  Studio: ${server.url}/login?token=${token.value}\n  CLI: LATHE_TOKEN=<token>; MLflow clients: MLFLOW_TRACKING_TOKEN=<token>\n`;
}

/** True when `port` on `host` cannot be listened on (another process holds it). */
function portTaken(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}
