import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { isTerminal } from '@lathe/core';
import { LatheClient, TrackingClient } from '@lathe/sdk';
import { startLatheServerProcess, type LatheServerProcess } from './lathe-server-process.js';

const CHROMIUM = process.env.LATHE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * What a page on another site, opened in the user's browser while Lathe runs, can do to it: a
 * real Chromium whose resolver maps two attacker names to 127.0.0.1, as a DNS-rebinding domain
 * and any site the user visits would.
 */
describe('a web page the user visits cannot act through Lathe (Chromium)', () => {
  let root: string;
  let server: LatheServerProcess;
  let client: LatheClient;
  let browser: Browser;
  let page: Page;
  let attacker: Server;
  let attackerPort = 0;
  let html = '';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'lathe-attacks-'));
    server = await startLatheServerProcess(join(root, 'home'), { LATHE_PYTHON: process.env.LATHE_PYTHON ?? '/usr/bin/python3' });
    client = new LatheClient({ url: server.url });
    attacker = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
    attackerPort = (attacker.address() as { port: number }).port;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Chromium's own local-network checks are off: other browsers have none, and the server
      // must hold without them.
      args: [
        '--no-sandbox',
        '--host-resolver-rules=MAP attacker.test 127.0.0.1, MAP rebind.test 127.0.0.1',
        '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
      ],
    });
    page = await (await browser.newContext()).newPage();
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => attacker?.close(done));
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('simple cross-site requests change nothing (CSRF)', async () => {
    const job = await client.createJob({ command: 'sleep 60' });
    await until(async () => (await client.getJob(job.name)).status === 'Running');
    const tracking = new TrackingClient(server.url, 'default');
    const experiment = (await mlflow('experiments/create', { name: 'victim' })) as { experiment_id: string };
    const run = (await mlflow('runs/create', { experiment_id: experiment.experiment_id })) as { run: { info: { run_id: string } } };
    const runId = run.run.info.run_id;
    await mkdir(join(root, 'home', 'datastores', 'default', 'workspaceblobstore', 'victim'), { recursive: true });
    const data = { type: 'uri_folder', path: 'azureml://datastores/workspaceblobstore/paths/victim/' };
    await client.createAsset('data', 'kept', data, '1');
    await client.createAsset('data', 'retired', data, '1');
    await client.setAssetArchived('data', 'retired', '1', true);

    html = attackPage(server.url, [
      { path: `/api/v1/workspaces/default/jobs/${job.name}/cancel` },
      { path: '/api/2.0/mlflow/experiments/create', body: { name: 'forged' } },
      { path: '/api/2.0/mlflow/runs/delete', body: { run_id: runId } },
      { path: '/api/2.0/mlflow/runs/set-tag', body: { run_id: runId, key: 'forged', value: 'yes' } },
      { path: '/api/2.0/mlflow/runs/update', body: { run_id: job.name, status: 'FINISHED' } },
      { path: '/api/v1/workspaces/default/data/kept/archive?version=1' },
      { path: '/api/v1/workspaces/default/data/retired/restore?version=1' },
    ]);
    await page.goto(`http://attacker.test:${attackerPort}/`);
    const outcome = await page.waitForFunction(() => (globalThis as unknown as { outcome?: unknown }).outcome, undefined, { timeout: 30_000 });
    const { sent, read } = (await outcome.jsonValue()) as { sent: number; read: string };
    assert.equal(sent, 8, 'every forged request left the browser');
    assert.match(read, /^blocked/, 'the page cannot read the API either');

    assert.equal((await client.getJob(job.name)).status, 'Running');
    assert.equal((await tracking.getRun(job.name)).info.status, 'RUNNING');
    const victim = await tracking.getRun(runId);
    assert.equal(victim.info.lifecycle_stage, 'active');
    assert.equal(
      (victim.data.tags ?? []).some((tag) => tag.key === 'forged'),
      false,
    );
    assert.equal(
      (await client.listExperiments()).some((e) => e.name === 'forged'),
      false,
    );
    assert.equal((await client.getAsset('data', 'kept', '1')).archived, false);
    assert.equal((await client.getAsset('data', 'retired', '1')).archived, true);
    await client.cancelJob(job.name);
    await until(async () => isTerminal((await client.getJob(job.name)).status));
  });

  it('a page whose name resolves to 127.0.0.1 cannot use the API (DNS rebinding)', async () => {
    const origin = `http://rebind.test:${new URL(server.url).port}`;
    const direct = await page.goto(`${origin}/jobs`);
    assert.equal(direct?.status(), 403);
    // The attacker's page, at the rebound name and Lathe's port, posts a job to its own origin.
    await page.route(`${origin}/attack`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<script>fetch('/api/v1/workspaces/default/jobs', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ spec: { command: 'echo rebound' } }) }).then((r) => { window.outcome = r.status; }, (e) => { window.outcome = String(e); });</script>`,
      }),
    );
    await page.goto(`${origin}/attack`);
    const status = await (await page.waitForFunction(() => (globalThis as unknown as { outcome?: unknown }).outcome, undefined, { timeout: 30_000 })).jsonValue();
    assert.equal(status, 403);
    const jobs = (await client.listJobs({ maxResults: 100 })).value;
    assert.equal(
      jobs.some((j) => JSON.stringify(j).includes('rebound')),
      false,
    );
  });

  async function mlflow(endpoint: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${server.url}/api/2.0/mlflow/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(response.status, 200, await response.clone().text());
    return response.json();
  }
});

/**
 * A page that sends each request as a browser sends a "simple" one (no preflight: POST with a
 * text/plain body or none, `no-cors`), plus an HTML form post, then tries to read the job list.
 */
function attackPage(target: string, requests: { path: string; body?: unknown }[]): string {
  const calls = requests.map(({ path, body }) => ({ url: `${target}${path}`, body: body === undefined ? undefined : JSON.stringify(body) }));
  return `<!doctype html><iframe name="sink" style="display:none"></iframe>
<form id="f" method="POST" enctype="text/plain" target="sink" action="${target}/api/2.0/mlflow/experiments/create"><input name='{"name":"forged","x":"' value='"}'></form>
<script>
(async () => {
  const calls = ${JSON.stringify(calls)};
  let sent = 0;
  for (const call of calls) {
    const init = { method: 'POST', mode: 'no-cors' };
    if (call.body !== undefined) { init.body = call.body; init.headers = { 'content-type': 'text/plain' }; }
    try { await fetch(call.url, init); sent++; } catch (e) { /* counted as not sent */ }
  }
  document.getElementById('f').submit();
  sent++;
  await new Promise((r) => setTimeout(r, 1000));
  let read;
  try { read = 'read: ' + (await (await fetch('${target}/api/v1/workspaces/default/jobs')).text()); } catch (e) { read = 'blocked: ' + e; }
  window.outcome = { sent, read };
})();
</script>`;
}

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
