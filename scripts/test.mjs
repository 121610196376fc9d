// `npm test`: install if needed, build, then run every compiled test file with node's test
// runner. Tests run real parts: SQLite, PostgreSQL (127.0.0.1:5432, database test), Python
// (LATHE_PYTHON, default /usr/bin/python3), HTTP servers on free ports. A full run first checks
// the sources with ESLint and Prettier (`npm run lint`, `npm run format:check`); a run given path
// filters (`node scripts/test.mjs packages/cli/dist`) skips them to stay quick.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const only = process.argv.slice(2);
ensureBuilt();
if (only.length === 0) checkSources();

/** Runs ESLint and Prettier's check; exits with a message naming the fix when either fails. */
function checkSources() {
  const checks = [
    { script: 'lint', what: 'ESLint found problems (see above): fix them, then run `npm run lint`' },
    { script: 'format:check', what: 'Prettier would reformat the files listed above: run `npm run format`' },
  ];
  for (const { script, what } of checks) {
    const result = spawnSync(npm, ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`lathe: ${what}`);
      process.exit(result.status ?? 1);
    }
  }
}

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...testFiles(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const files = readdirSync(join(root, 'packages'))
  .flatMap((pkg) => {
    const dist = join(root, 'packages', pkg, 'dist');
    try {
      return testFiles(dist);
    } catch {
      return [];
    }
  })
  .filter((file) => only.length === 0 || only.some((o) => file.includes(o)))
  .sort();
const env = { ...process.env, LATHE_PYTHON: process.env.LATHE_PYTHON ?? '/usr/bin/python3' };
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { cwd: root, stdio: 'inherit', env });
process.exit(result.status ?? 1);
