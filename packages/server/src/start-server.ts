import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { LocalProcessBackend } from '@lathe/backend-local';
import { Scheduler, type Logger } from '@lathe/scheduler';
import { LocalArtifactStore, openPostgresStore, openSqliteStore, type KyselyMetadataStore } from '@lathe/store';
import { buildApp } from './build-app.js';
import { JobKindRegistry, ScheduleRunner, builtInJobKinds, outputPublishingSteps, submitJob, type JobKind } from '@lathe/jobs';
import type { ServerConfig, TlsSettings } from './server-config.js';
import { resolveStudioRoot } from './plugins/studio-routes.js';
import type { ServerContext } from './server-context.js';
import { buildSecurity } from './security/build-security.js';
import { isWildcardHost } from './security/host-allow-list.js';
import { redactedRequest } from './security/log-redaction.js';
import { listenTls, portOf } from './tls/tls-listener.js';
import { loadOrCreateTlsMaterial, type TlsMaterial } from './tls/tls-material.js';
import { TokenService } from './tokens/token-service.js';
import { sdkEnvironment } from './tokens/sdk-environment.js';
import type { SdkEnvResource } from '@lathe/api';

/** A started server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:5252`. */
  url: string;
  app: FastifyInstance;
  context: ServerContext;
  /**
   * The access token API calls must present, when auth is on; `created` when this start made it
   * (the CLI then prints the login URL, once).
   */
  accessToken?: { value: string; file: string; created: boolean };
  /**
   * The HTTPS listener, unless `LATHE_TLS=off`: its base URL (`https://127.0.0.1:5253`), the CA
   * file clients trust (absent for the operator's own certificate) and what this start did with
   * the certificate.
   */
  tls?: { url: string; caFile?: string; action: TlsMaterial['action'] };
  /** The token service: issues and verifies the Azure SDK's access tokens (`verifyAccessToken`). */
  tokens: TokenService;
  /** Warnings to print at every start (listening beyond loopback without auth). */
  warnings: string[];
  /** Stops taking jobs and requests, and closes the database. Running jobs are left alone. */
  close(): Promise<void>;
}

/** The version in the server package's package.json. */
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function openStore(config: ServerConfig): Promise<KyselyMetadataStore> {
  if (!config.databaseUrl) return openSqliteStore(join(config.home, 'lathe.db'));
  return openPostgresStore({ connectionString: config.databaseUrl, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}) });
}

/**
 * Starts Lathe on its embedded defaults: SQLite at `<home>/lathe.db`, artifacts under
 * `<home>/artifacts`, jobs on local compute in `<home>/runs`. Jobs a previous server left active
 * are failed with a reason before new ones start, and the temporary files of uploads it left
 * unfinished are removed.
 */
/** What a program embedding the server adds to it. */
export interface StartServerOptions {
  /** Job kinds beyond the built-in ones. */
  kinds?: readonly JobKind[];
}

export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  // Private to the server's user: it holds every snapshot, and snapshots keep 0600 files.
  await mkdir(config.home, { recursive: true, mode: 0o700 });
  const store = await openStore(config);
  await store.ensureWorkspace('default', Date.now());
  const security = await buildSecurity(config, store);
  const tokens = await TokenService.open(config.home, store.servicePrincipals);
  const sdkPrincipal = await tokens.defaultPrincipal(config.home);
  let sdkEnv: SdkEnvResource | undefined;
  const artifacts = new LocalArtifactStore(join(config.home, 'artifacts'));
  const staleTemporaryFiles = await artifacts.removeTemporaryFiles();
  let url = '';
  const backend = new LocalProcessBackend({
    runsDir: join(config.home, 'runs'),
    cacheDir: join(config.home, 'cache'),
    blobDir: artifacts.blobDir,
    artifactsDir: artifacts.root,
    serverUrl: () => url,
    python: config.python,
    capacity: config.concurrency,
    cancelGraceMs: config.cancelGraceMs,
    envAllow: config.jobEnvAllow,
    reconnectMs: config.jobReconnectMs,
    standby: true,
    jobToken: (workspace, job) => security.jobTokens.issue(workspace, job),
  });
  let app: FastifyInstance | undefined;
  // The scheduler logs through the app's logger, which exists once the app is built.
  const logger: Logger = {
    info: (obj, msg) => app?.log.info(obj, msg),
    warn: (obj, msg) => app?.log.warn(obj, msg),
    error: (obj, msg) => app?.log.error(obj, msg),
  };
  const kinds = new JobKindRegistry([...builtInJobKinds(store.tracking), ...(options.kinds ?? [])]);
  // The context is complete before the scheduler calls back into it (children, publishing).
  let context: ServerContext;
  const scheduler = new Scheduler({
    store,
    backends: [backend],
    // Named targets (`amlcompute`) run their jobs as local processes, within their own limit.
    targets: async () => (await store.workspaces.listComputes()).map((c) => ({ workspace: c.workspace, name: c.name, capacity: c.maxInstances, backend: backend.name })),
    cancelGraceMs: config.cancelGraceMs,
    logger,
    controllers: kinds.controllers(),
    submitChild: (parent, request) => submitJob(context, parent.workspace, { spec: request.spec, name: request.name, parent, reuse: request.reuse }),
    finalization: (job) => outputPublishingSteps(context, job),
    ...(config.crashPoint ? { crashPoint: crashAt(config.crashPoint) } : {}),
  });
  // A fired job is announced and queued as a submitted one is.
  const scheduleRunner = new ScheduleRunner({
    submit: (workspace, request) => submitJob(context, workspace, request),
    jobs: store,
    schedules: store.schedules,
    logger,
    onJobCreated: (job) => {
      scheduler.events.emitStatus(job);
      scheduler.notify();
    },
  });
  context = {
    store,
    tracking: store.tracking,
    registry: store.assets,
    modelRegistry: store.modelRegistry,
    datastoreRoot: join(config.home, 'datastores'),
    datastoreRoots: config.datastoreRoots,
    artifacts,
    scheduler,
    workspaces: store.workspaces,
    schedules: store.schedules,
    scheduleRunner,
    kinds,
    defaultCompute: backend.name,
    python: config.python,
    version: VERSION,
    studioRoot: resolveStudioRoot(config.studioDir),
  };
  app = await buildApp(context, {
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, serializers: { req: redactedRequest } },
    headersTimeoutMs: config.headersTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    bodyIdleTimeoutMs: config.bodyIdleTimeoutMs,
    guard: security.guard,
    azure: { tokens, servicePrincipals: store.servicePrincipals, sdkEnvironment: () => sdkEnv },
  });
  if (staleTemporaryFiles > 0) app.log.info({ removed: staleTemporaryFiles }, 'removed temporary files of unfinished uploads');
  // Answers go out at once: no Nagle delay waiting for the client's delayed ACK.
  app.server.on('connection', (socket) => socket.setNoDelay(true));
  // Listening on every interface, jobs and local clients reach the server through loopback.
  const local = isWildcardHost(config.host) ? '127.0.0.1' : config.host;
  const hostInUrl = local.includes(':') ? `[${local}]` : local;
  // HTTPS before the plain port: once /health answers, `lathe sdk env` finds the HTTPS address.
  await app.ready();
  const tls = config.tls === undefined ? undefined : await startTls(app, config, config.tls, hostInUrl);
  if (tls) sdkEnv = sdkEnvironment(tls.info, tokens.tenantId, sdkPrincipal);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    if (tls) await new Promise((done) => tls.server.close(done));
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  url = `http://${hostInUrl}:${port}`;
  context.httpPort = port;
  await scheduler.start();
  // After the scheduler: a fire missed while the server was down queues its job at once.
  await scheduleRunner.start();
  return {
    url,
    app: app as FastifyInstance,
    context,
    ...(security.accessToken ? { accessToken: security.accessToken } : {}),
    ...(tls ? { tls: tls.info } : {}),
    tokens,
    warnings: security.warnings,
    async close() {
      await scheduleRunner.stop();
      await scheduler.stop();
      if (tls) await new Promise((done) => tls.server.close(done));
      await app.close();
      await store.close();
    },
  };
}

// The certificate is made (or renewed) before listening, so the first connection gets it.
async function startTls(app: FastifyInstance, config: ServerConfig, settings: TlsSettings, hostInUrl: string) {
  const material = await loadOrCreateTlsMaterial(config.home, settings, config.host);
  const server = await listenTls(app, { host: config.host, port: settings.port, material, headersTimeoutMs: config.headersTimeoutMs, requestTimeoutMs: config.requestTimeoutMs });
  const info = { url: `https://${hostInUrl}:${portOf(server)}`, action: material.action, ...(material.caFile ? { caFile: material.caFile } : {}) };
  return { server, info };
}

/**
 * `LATHE_CRASH_POINT`: the server kills itself (SIGKILL, as a power cut would) on reaching that
 * point of durable work, so tests can check that a restart resumes from every one of them.
 */
function crashAt(point: string): (reached: string) => void {
  return (reached) => {
    if (reached === point) process.kill(process.pid, 'SIGKILL');
  };
}
