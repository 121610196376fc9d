import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MlflowTestServer } from '../testing/mlflow-test-server.js';

describe('Studio at /: the built app, its client-side routes and assets', () => {
  let srv: MlflowTestServer;
  let web: string;

  before(async () => {
    web = await mkdtemp(join(tmpdir(), 'lathe-studio-web-'));
    await mkdir(join(web, 'assets'));
    await writeFile(join(web, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(join(web, 'favicon.svg'), '<svg/>');
    await writeFile(join(tmpdir(), 'outside-studio.txt'), 'secret');
    srv = await MlflowTestServer.start({ LATHE_STUDIO_DIR: web });
  });
  after(async () => {
    await srv.close();
    await rm(web, { recursive: true, force: true });
  });

  it('serves index.html at / and at any client-side route a browser asks for', async () => {
    for (const path of ['/', '/jobs', '/jobs/some_job?tab=metrics', '/models/iris/3', '/compare?runs=a,b']) {
      const res = await fetch(`${srv.url}${path}`, { headers: { accept: 'text/html' } });
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      assert.match(await res.text(), /<div id="root">/);
    }
  });

  it('serves hashed assets for a year and top-level files', async () => {
    const js = await fetch(`${srv.url}/assets/index-abc123.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(await js.text(), 'console.log(1)');
    const icon = await fetch(`${srv.url}/favicon.svg`);
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
  });

  it('never serves a file outside the folder, nor a missing asset as the app', async () => {
    for (const path of ['/assets/../../outside-studio.txt', '/assets/%2e%2e/%2e%2e/outside-studio.txt', '/assets/missing.js']) {
      const res = await srv.raw('GET', path);
      assert.ok(res.status === 404 || res.status === 400 || res.status === 403, `${path}: ${res.status}`);
      assert.doesNotMatch(JSON.stringify(res.body), /secret/);
    }
  });

  it("leaves API paths to the APIs: unknown ones are JSON 404s, in MLflow's shape under MLflow", async () => {
    const lathe = await fetch(`${srv.url}/api/v1/no/such/route`, { headers: { accept: 'text/html' } });
    assert.equal(lathe.status, 404);
    assert.equal(((await lathe.json()) as { error_code: string }).error_code, 'LATHE_NOT_FOUND');
    const mlflow = await fetch(`${srv.url}/api/2.0/mlflow/no/such`, { headers: { accept: 'text/html' } });
    assert.equal(mlflow.status, 404);
    assert.equal(((await mlflow.json()) as { error_code: string }).error_code, 'ENDPOINT_NOT_FOUND');
    // A script's fetch of an unknown non-API path is not answered with the app.
    const plain = await fetch(`${srv.url}/not-a-page`, { headers: { accept: 'application/json' } });
    assert.equal(plain.status, 404);
  });
});

describe('Without a built Studio', () => {
  it('answers / with how to use the API', async () => {
    const srv = await MlflowTestServer.start({ LATHE_STUDIO_DIR: join(tmpdir(), 'no-studio-here') });
    try {
      const res = await fetch(`${srv.url}/`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /REST API: \/api\/v1[\s\S]*Studio is not built/);
    } finally {
      await srv.close();
    }
  });
});
