import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LatheClient } from '@lathe/sdk';
import { CLI, jobToken, runCli, startTestServer, waitForEnd, waitForStatus, type TestServer } from './harness.js';
import { rawRequest } from './raw-request.js';

const JOBS = '/api/v1/workspaces/default/jobs';
const MLFLOW = '/api/2.0/mlflow';

describe('the default server refuses what a web page or another caller should not do', () => {
  let t: TestServer;
  let host: string;
  const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', host, ...extra });

  before(async () => {
    t = await startTestServer();
    host = new URL(t.url).host;
  });
  after(async () => t.close());

  it('a request naming a host outside the allow-list is refused before any handler runs (DNS rebinding)', async () => {
    const port = new URL(t.url).port;
    const evil = `rebind.example:${port}`;
    const create = await rawRequest(`${t.url}${JOBS}`, { method: 'POST', headers: { ...json(), host: evil }, body: JSON.stringify({ spec: { command: 'echo rebound' } }) });
    assert.equal(create.status, 403);
    assert.equal(create.json.error_code, 'LATHE_FORBIDDEN');
    assert.match(create.json.message, /LATHE_ALLOWED_HOSTS/);
    assert.equal((await t.client.listJobs()).value.length, 0);
    for (const path of ['/', '/jobs', `${MLFLOW}/experiments/search?max_results=5`, '/api/v1/health']) {
      assert.equal((await rawRequest(`${t.url}${path}`, { headers: { host: evil, accept: 'text/html' } })).status, 403, path);
    }
    for (const name of ['127.0.0.1', 'localhost', '[::1]', '127.0.0.1.nip.io']) {
      const expected = name.endsWith('nip.io') ? 403 : 200;
      assert.equal((await rawRequest(`${t.url}/api/v1/health`, { headers: { host: `${name}:${port}` } })).status, expected, name);
    }
  });

  it('a state-changing request from another origin is refused and changes nothing (CSRF)', async () => {
    const job = await t.client.createJob({ command: 'sleep 30' });
    await waitForStatus(t.client, job.name, ['Running']);
    const foreign = { origin: 'http://attacker.example' };
    const cancel = await rawRequest(`${t.url}${JOBS}/${job.name}/cancel`, { method: 'POST', headers: { host, ...foreign } });
    assert.equal(cancel.status, 403);
    assert.equal((await t.client.getJob(job.name)).status, 'Running');
    const create = await rawRequest(`${t.url}${MLFLOW}/experiments/create`, { method: 'POST', headers: json(foreign), body: '{"name":"forged"}' });
    assert.equal(create.status, 403);
    const crossSite = await rawRequest(`${t.url}${MLFLOW}/experiments/create`, { method: 'POST', headers: json({ 'sec-fetch-site': 'cross-site' }), body: '{"name":"forged"}' });
    assert.equal(crossSite.status, 403);
    const nullOrigin = await rawRequest(`${t.url}${MLFLOW}/experiments/create`, { method: 'POST', headers: json({ origin: 'null' }), body: '{"name":"forged"}' });
    assert.equal(nullOrigin.status, 403);
    const missing = await rawRequest(`${t.url}${MLFLOW}/experiments/get-by-name?experiment_name=forged`, { headers: { host } });
    assert.equal(missing.status, 404);
    // Studio's own page (same origin) and programs (no Origin) still write.
    const sameOrigin = await rawRequest(`${t.url}${MLFLOW}/experiments/create`, { method: 'POST', headers: json({ origin: t.url, 'sec-fetch-site': 'same-origin' }), body: '{"name":"mine"}' });
    assert.equal(sameOrigin.status, 200);
    const read = await rawRequest(`${t.url}${JOBS}`, { headers: { host, ...foreign } });
    assert.equal(read.status, 200);
    assert.equal(read.headers['access-control-allow-origin'], undefined);
    await t.client.cancelJob(job.name);
    await waitForEnd(t.client, job.name);
  });

  it('MLflow writes take only JSON bodies, as MLflow does', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const headers: Record<string, string> = { host, ...(type ? { 'content-type': type } : {}) };
      const answer = await rawRequest(`${t.url}${MLFLOW}/experiments/create`, { method: 'POST', headers, body: '{"name":"typed"}' });
      assert.equal(answer.status, 400, String(type));
      assert.equal(answer.json.error_code, 'INVALID_PARAMETER_VALUE');
      assert.match(answer.json.message, /Content-Type/);
    }
    assert.equal((await rawRequest(`${t.url}${MLFLOW}/experiments/get-by-name?experiment_name=typed`, { headers: { host } })).status, 404);
  });

  it('CORS preflights are refused unless the origin is configured', async () => {
    const preflight = await rawRequest(`${t.url}${JOBS}`, { method: 'OPTIONS', headers: { host, origin: 'http://attacker.example', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });

  it("runtime routes take only the job's own token, so nobody can forge a result", async () => {
    const job = await t.client.createJob({ command: 'sleep 30' });
    const other = await t.client.createJob({ command: 'true' });
    await waitForEnd(t.client, other.name);
    await waitForStatus(t.client, job.name, ['Running']);
    const base = `${t.url}${JOBS}/${job.name}/runtime`;
    const forged = JSON.stringify({ status: 'Completed', exitCode: 0 });
    for (const credential of [undefined, await jobToken(t.home, other.name), 'ljt_Zm9v.YmFy']) {
      const auth: Record<string, string> = credential ? { authorization: `Bearer ${credential}` } : {};
      const report = await rawRequest(`${base}/report`, { method: 'POST', headers: json(auth), body: forged });
      assert.equal(report.status, 401);
      assert.equal(report.json.error_code, 'LATHE_UNAUTHORIZED');
      const log = await rawRequest(`${base}/logs?offset=0`, { method: 'POST', headers: { host, 'content-type': 'application/octet-stream', ...auth }, body: 'forged log line\n' });
      assert.equal(log.status, 401);
      const outputs = await rawRequest(`${base}/outputs/default`, { method: 'PUT', headers: { host, 'content-type': 'application/x-tar', ...auth }, body: 'x'.repeat(1024) });
      assert.equal(outputs.status, 401);
    }
    assert.equal((await t.client.getJob(job.name)).status, 'Running');
    // The job's own token is accepted: what the launcher sends.
    const own = await rawRequest(`${base}/report`, { method: 'POST', headers: json({ authorization: `Bearer ${await jobToken(t.home, job.name)}` }), body: JSON.stringify({ status: 'Running' }) });
    assert.equal(own.status, 200);
    // MLflow's runs/update (any caller, a script's end_run() too) cannot end a running job's run.
    const update = await rawRequest(`${t.url}${MLFLOW}/runs/update`, { method: 'POST', headers: json(), body: JSON.stringify({ run_id: job.name, status: 'FINISHED', end_time: Date.now() }) });
    assert.equal(update.status, 200);
    assert.equal(update.json.run_info.status, 'RUNNING');
    assert.equal((await t.client.getJob(job.name)).status, 'Running');
    await t.client.cancelJob(job.name);
    assert.equal((await waitForEnd(t.client, job.name)).status, 'Canceled');
    const log = await (await fetch(`${t.url}${JOBS}/${job.name}/logs`)).text();
    assert.doesNotMatch(log, /forged/);
  });
});

describe('a server configured for a browser on another origin', () => {
  let t: TestServer;
  const origin = 'http://notebooks.example:8888';
  before(async () => {
    t = await startTestServer({ LATHE_CORS_ORIGINS: origin });
  });
  after(async () => t.close());

  it('answers CORS for that origin only', async () => {
    const host = new URL(t.url).host;
    const preflight = await rawRequest(`${t.url}${MLFLOW}/experiments/create`, { method: 'OPTIONS', headers: { host, origin, 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], origin);
    const create = await rawRequest(`${t.url}${MLFLOW}/experiments/create`, { method: 'POST', headers: { host, origin, 'content-type': 'application/json' }, body: '{"name":"from-notebook"}' });
    assert.equal(create.status, 200);
    assert.equal(create.headers['access-control-allow-origin'], origin);
    const other = await rawRequest(`${t.url}${MLFLOW}/experiments/create`, { method: 'OPTIONS', headers: { host, origin: 'http://else.example' } });
    assert.equal(other.status, 403);
  });
});

describe('listening beyond loopback', () => {
  let t: TestServer;
  let token: string;
  before(async () => {
    t = await startTestServer({ LATHE_HOST: '0.0.0.0' });
    // Reached through loopback, which the server also answers.
    t.url = t.url.replace('0.0.0.0', '127.0.0.1');
    token = t.server.accessToken?.value as string;
  });
  after(async () => t.close());

  it("makes an access token, kept where only the server's user can read it", async () => {
    assert.equal(t.server.accessToken?.created, true);
    assert.match(token, /^[\w-]{40,}$/);
    assert.equal((await stat(t.server.accessToken?.file as string)).mode & 0o777, 0o600);
    assert.deepEqual(t.server.warnings, []);
  });

  it('answers the API only with the token, as a bearer token or the login cookie', async () => {
    assert.equal((await fetch(`${t.url}${JOBS}`)).status, 401);
    assert.equal((await fetch(`${t.url}${MLFLOW}/experiments/search?max_results=1`)).status, 401);
    assert.equal((await fetch(`${t.url}${JOBS}`, { headers: { authorization: 'Bearer nope' } })).status, 401);
    assert.equal((await fetch(`${t.url}${JOBS}`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    assert.equal((await fetch(`${t.url}${MLFLOW}/experiments/search?max_results=1`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    assert.equal((await fetch(`${t.url}/api/v1/health`)).status, 200);
    assert.equal((await fetch(`${t.url}/health`)).status, 200);

    assert.equal((await fetch(`${t.url}/login?token=wrong`, { redirect: 'manual' })).status, 401);
    const login = await fetch(`${t.url}/login?token=${token}`, { redirect: 'manual' });
    assert.equal(login.status, 302);
    const cookie = login.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const session = cookie.split(';')[0] as string;
    assert.equal((await fetch(`${t.url}${JOBS}`, { headers: { cookie: session } })).status, 200);
  });

  it("runs a job whose launcher and MLflow client use the job's own token, valid only while it runs", async () => {
    const client = new LatheClient({ url: t.url, token });
    const job = await client.createJob({ command: `python -c "import mlflow; mlflow.log_metric('reached', 1.0)"` });
    const ended = await waitForEnd(client, job.name);
    assert.equal(ended.status, 'Completed', JSON.stringify(ended.error));
    const run = (await (await fetch(`${t.url}${MLFLOW}/runs/get?run_id=${job.name}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { run: { data: { metrics: { key: string }[] } } };
    assert.deepEqual(
      run.run.data.metrics.map((m) => m.key),
      ['reached'],
    );
    const own = await jobToken(t.home, job.name);
    assert.equal((await fetch(`${t.url}${JOBS}`, { headers: { authorization: `Bearer ${own}` } })).status, 401);
  });

  it('the CLI sends LATHE_TOKEN', async () => {
    const listed = await runCli(['job', 'list'], t.url, undefined, { LATHE_TOKEN: token });
    assert.equal(listed.code, 0, listed.stderr);
    const refused = await runCli(['job', 'list'], t.url, undefined, { LATHE_TOKEN: '' });
    assert.equal(refused.code, 8);
    assert.match(refused.stderr, /access token/);
  });
});

describe('lathe server start beyond loopback', () => {
  it('prints the login URL once, and warns on every start without auth', async () => {
    const first = await startAndRead(['--host', '0.0.0.0', '--port', '0'], /Studio: (\S+)/);
    assert.match(first.match[1] as string, /\/login\?token=[\w-]{40,}$/);
    const again = await startAndRead(['--host', '0.0.0.0', '--port', '0'], /need the access token in (\S+)/, first.home);
    assert.doesNotMatch(again.output, /login\?token=[\w-]/);
    const insecure = await startAndRead(['--host', '0.0.0.0', '--port', '0', '--insecure-no-auth'], /WARNING: (.*)/);
    assert.match(insecure.match[1] as string, /without authentication/);
  });
});

// Starts `lathe server start` in a temp home (or `home`), reads its output until `pattern`, stops it.
async function startAndRead(args: string[], pattern: RegExp, home?: string): Promise<{ match: RegExpMatchArray; output: string; home: string }> {
  const folder = home ?? (await mkdtemp(join(tmpdir(), 'lathe-start-')));
  const child = spawn(process.execPath, [CLI, 'server', 'start', '--home', folder, ...args], {
    env: { ...process.env, LATHE_LOG_LEVEL: 'silent', LATHE_AUTH: '', LATHE_JOB_RECONNECT_S: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${output}`)), 30_000);
      const read = (d: Buffer) => {
        output += d.toString();
        const found = pattern.exec(output);
        if (found && /Submit a job/.test(output)) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('close', () => reject(new Error(`server exited: ${output}`)));
    });
    return { match, output, home: folder };
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('close', done));
  }
}
