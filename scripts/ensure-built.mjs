// Makes a fresh clone runnable: installs dependencies when they are missing, then builds
// (an incremental `tsc -b`, a few seconds when nothing changed). Used by `npm start` and `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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

// Installed means npm's record of the tree is newer than the lockfile (a pull that changes
// dependencies makes the lockfile newer) and the native SQLite driver is built.
function isInstalled() {
  const record = `${root}/node_modules/.package-lock.json`;
  if (!existsSync(record) || !existsSync(`${root}/node_modules/better-sqlite3/build/Release/better_sqlite3.node`)) return false;
  return statSync(record).mtimeMs >= statSync(`${root}/package-lock.json`).mtimeMs;
}

/** Says what each step does before it starts and how long it took after. */
function step(doing, done, fn) {
  const started = Date.now();
  console.error(`lathe: ${doing}...`);
  fn();
  console.error(`lathe: ${done} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function ensureBuilt() {
  if (!isInstalled()) {
    step('installing dependencies (the first time this compiles the SQLite driver: a few minutes)', 'installed dependencies', () =>
      run(['install', '--no-audit', '--no-fund'], 'installing dependencies'),
    );
  }
  step('building (TypeScript, JSON schemas, Studio)', 'built', () => run(['run', '--silent', 'build'], 'building'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuilt();
