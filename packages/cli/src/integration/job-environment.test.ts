// Jobs and the server's environment: a job inherits only allow-listed variables, never the
// server's secrets, and neither does the launcher process that runs it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, waitForEnd, type TestServer } from './harness.js';

const SECRETS = {
  LATHE_DATABASE_URL: 'postgres://lathe:db-password-7f3a@db.internal/lathe',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-9c1e',
  LATHE_TEST_JOB_ENV_TOKEN: 'token-4d2b',
};

describe('the environment of a job', () => {
  let t: TestServer;
  before(async () => {
    // The server runs in this process, so its environment is this one.
    Object.assign(process.env, SECRETS, { LATHE_TEST_ALLOWED: 'allowed-value', LATHE_TEST_PREFIX_ONE: 'prefixed-value', LANG: 'C.UTF-8' });
    t = await startTestServer({ LATHE_JOB_ENV_ALLOW: 'LATHE_TEST_ALLOWED,LATHE_TEST_PREFIX_*' });
  });
  after(async () => {
    await t.close();
    for (const name of Object.keys(SECRETS)) delete process.env[name];
  });

  it("holds no secret of the server's, but the allowed, declared and Lathe's own variables", async () => {
    const created = await t.client.createJob({
      // $PPID is the launcher: its environment must be as clean as the job's.
      command: "env; echo '--- launcher ---'; tr '\\0' '\\n' < /proc/$PPID/environ; python -c 'print(\"python runs\")'",
      environment_variables: { DECLARED_BY_JOB: 'declared-value' },
    });
    const job = await waitForEnd(t.client, created.name);
    const log = await t.client.getLogs(job.name);
    assert.equal(job.status, 'Completed', log);
    for (const value of Object.values(SECRETS)) assert.ok(!log.includes(value), `the log shows a secret:\n${log}`);
    const [jobEnv = '', launcherEnv = ''] = log.split('--- launcher ---');
    for (const line of ['LATHE_TEST_ALLOWED=allowed-value', 'LATHE_TEST_PREFIX_ONE=prefixed-value', 'DECLARED_BY_JOB=declared-value', 'LANG=C.UTF-8', `LATHE_JOB_NAME=${job.name}`, 'LATHE_PYTHON=']) {
      assert.match(jobEnv, new RegExp(`^${line}`, 'm'));
    }
    assert.match(jobEnv, /^PATH=.*\/bin/m);
    assert.match(jobEnv, /^PYTHONPATH=\S+/m);
    assert.match(launcherEnv, /^LATHE_TEST_ALLOWED=allowed-value$/m);
    assert.doesNotMatch(launcherEnv, /^(LATHE_DATABASE_URL|AWS_SECRET_ACCESS_KEY|LATHE_TEST_JOB_ENV_TOKEN)=/m);
    assert.match(log, /^python runs$/m);
  });
});
