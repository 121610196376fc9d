// `npm start`: install if needed, build, and run the server on its embedded defaults
// (SQLite and files under LATHE_HOME, default ./.lathe; port LATHE_PORT, default 5252).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

ensureBuilt();
const cli = fileURLToPath(new URL('../packages/cli/bin/lathe.js', import.meta.url));
const server = spawn(process.execPath, [cli, 'server', 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
