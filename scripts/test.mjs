// `npm test`: install if needed, build, set up what the tests need (system packages, a PostgreSQL
// when none answers: scripts/test-setup.mjs), then run every compiled test file with node's test
// runner. Tests run real parts: SQLite, PostgreSQL (127.0.0.1:5432, database test, or
// LATHE_TEST_POSTGRES_URL), Python (LATHE_PYTHON, default /usr/bin/python3), HTTP servers on free ports. A full run first checks
// the sources with ESLint and Prettier (`npm run lint`, `npm run format:check`); a run given path
// filters (`node scripts/test.mjs packages/cli/dist`) skips them to stay quick.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';
import { ensurePostgres, ensureSystemPackages } from './test-setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const only = process.argv.slice(2);
ensureBuilt();
if (only.length === 0) checkSources();
ensureSystemPackages();
const stopPostgres = await ensurePostgres();

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
// `node --test` given no files would look for tests itself, under the sources as well.
if (files.length === 0) {
  console.error(`lathe: no compiled test file matches ${only.map((o) => JSON.stringify(o)).join(', ')} (filters match paths under packages/*/dist)`);
  process.exit(2);
}
const env = { ...process.env, LATHE_PYTHON: process.env.LATHE_PYTHON ?? '/usr/bin/python3' };
const tests = spawn(process.execPath, ['--test', '--test-concurrency=2', ...files], { cwd: root, stdio: 'inherit', env });
// Ctrl-C reaches the test runner too (same process group); PostgreSQL is stopped once it ends.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => tests.kill(signal));
const code = await new Promise((resolve) => tests.on('close', (status) => resolve(status ?? 1)));
await stopPostgres();
process.exit(code);
