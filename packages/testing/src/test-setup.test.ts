// `npm test`'s own set-up on a fresh machine (scripts/test-setup.mjs): a real PostgreSQL started
// when none answers, and missing system packages named with the one command to run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import pg from 'pg';

const SETUP = fileURLToPath(new URL('../../../scripts/test-setup.mjs', import.meta.url));

/** Runs `code` in a child Node that has imported the set-up script as `setup`. */
function runSetup(code: string, env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const script = `const setup = await import(${JSON.stringify(SETUP)});\n${code}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ code: status, stdout, stderr }));
  });
}

describe("npm test's set-up", () => {
  it('starts a real PostgreSQL with a database test when none answers, and stops it after', async () => {
    // A port nothing listens on: the set-up must start its own server and say where.
    const result = await runSetup(
      `const stop = await setup.ensurePostgres();
       console.log(process.env.LATHE_TEST_POSTGRES_URL);
       const { default: pg } = await import('pg');
       const client = new pg.Client({ connectionString: process.env.LATHE_TEST_POSTGRES_URL });
       await client.connect();
       console.log((await client.query('select current_database() as db')).rows[0].db);
       await client.end();
       await stop();`,
      { LATHE_TEST_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/test', LATHE_SKIP_POSTGRES: '' },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /no PostgreSQL answers at postgres:\/\/postgres@127\.0\.0\.1:1\/test \(ECONNREFUSED\); starting one for this run/);
    const [url, database] = result.stdout.trim().split('\n');
    assert.match(url ?? '', /^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/test$/);
    assert.equal(database, 'test');
    const after = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    after.on('error', () => {});
    await assert.rejects(after.connect(), 'the server is stopped after the tests');
  });

  it('leaves a PostgreSQL that answers alone', async () => {
    const url = process.env.LATHE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const result = await runSetup(`await setup.ensurePostgres(); console.log(process.env.LATHE_TEST_POSTGRES_URL);`, { LATHE_TEST_POSTGRES_URL: url });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), url);
    assert.equal(result.stderr, '');
  });

  it('stops at once with the one command to run when system packages are missing and cannot be installed', async () => {
    const result = await runSetup(`setup.ensureSystemPackages({ python: '/nonexistent/python3', chromium: '/nonexistent/chromium', mayInstall: false });`);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /the tests need Python libraries for \/nonexistent\/python3 \(sklearn, pandas, packaging, venv, ensurepip, torch, xgboost, azure.storage.blob, azure.identity\) and Chromium at \/nonexistent\/chromium/,
    );
    assert.match(result.stderr, /^ {2}sudo apt-get install -y python3 python3-sklearn python3-pandas python3-packaging python3-venv python3-torch python3-xgboost chromium python3-azure$/m);
  });
});
