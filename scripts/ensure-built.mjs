// Makes a fresh clone runnable: installs dependencies when they are missing, then builds
// (an incremental `tsc -b`, a few seconds when nothing changed). Used by `npm start` and `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(args, what) {
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`lathe: ${what} failed (npm ${args.join(' ')} exited ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

export function ensureBuilt() {
  const installed = existsSync(`${root}/node_modules/.package-lock.json`) && existsSync(`${root}/node_modules/better-sqlite3/build/Release/better_sqlite3.node`);
  if (!installed) {
    console.error('lathe: installing dependencies (first run)...');
    run(['install', '--no-audit', '--no-fund'], 'installing dependencies');
  }
  run(['run', '--silent', 'build'], 'building');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuilt();
