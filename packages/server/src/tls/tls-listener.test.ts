import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LatheError } from '@lathe/core';
import { configFromEnv } from '../server-config.js';
import { startServer, type RunningServer } from '../start-server.js';
import { loadOrCreateTlsMaterial } from './tls-material.js';

const root = await mkdtemp(join(tmpdir(), 'lathe-tls-'));
after(() => rm(root, { recursive: true, force: true }));

function start(home: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(configFromEnv({ LATHE_HOME: home, LATHE_PORT: '0', LATHE_LOG_LEVEL: 'silent', LATHE_PYTHON: '/usr/bin/python3', ...env }));
}

/** A GET over https; resolves with the status and body, or rejects with the TLS error. */
function get(url: string, options: { ca?: string; host?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // Another Host header: the certificate is still checked against the URL's address.
    const host = options.host ? { headers: { host: options.host }, checkServerIdentity: () => undefined } : {};
    const req = request(url, { ...(options.ca ? { ca: options.ca } : {}), ...host }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

describe('the TLS listener', () => {
  it('serves the same app over https with a generated CA that clients trust, and refuses clients that do not', async () => {
    const home = join(root, 'a');
    const server = await start(home);
    try {
      assert.ok(server.tls, 'TLS is on by default');
      assert.match(server.tls.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(server.tls.url.split(':')[2], server.url.split(':')[2]);
      assert.equal(server.tls.caFile, join(home, 'tls', 'ca.pem'));
      const ca = await readFile(server.tls.caFile, 'utf8');
      const health = await get(`${server.tls.url}/api/v1/health`, { ca });
      assert.equal(health.status, 200);
      assert.equal((await get(`${server.tls.url.replace('127.0.0.1', 'localhost')}/api/v1/health`, { ca })).status, 200);
      await assert.rejects(get(`${server.tls.url}/api/v1/health`), (error: NodeJS.ErrnoException) => error.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    } finally {
      await server.close();
    }
  });

  it('keeps keys private and applies the request guard on the TLS listener too', async () => {
    const home = join(root, 'b');
    const server = await start(home);
    try {
      for (const key of ['ca-key.pem', 'server-key.pem']) assert.equal((await stat(join(home, 'tls', key))).mode & 0o777, 0o600, key);
      assert.equal((await stat(join(home, 'tls'))).mode & 0o777, 0o700);
      const ca = await readFile(join(home, 'tls', 'ca.pem'), 'utf8');
      const rebound = await get(`${server.tls?.url}/api/v1/health`, { ca, host: 'attacker.example' });
      assert.equal(rebound.status, 403);
      assert.equal((JSON.parse(rebound.body) as { error_code: string }).error_code, 'LATHE_FORBIDDEN');
    } finally {
      await server.close();
    }
  });

  it('reuses the CA and certificate on later starts and re-issues the certificate when its names change', async () => {
    const home = join(root, 'c');
    const first = await start(home);
    assert.equal(first.tls?.action, 'created');
    await first.close();
    const ca = await readFile(join(home, 'tls', 'ca.pem'), 'utf8');
    const cert = await readFile(join(home, 'tls', 'server.pem'), 'utf8');
    const second = await start(home);
    assert.equal(second.tls?.action, 'reused');
    await second.close();
    assert.equal(await readFile(join(home, 'tls', 'server.pem'), 'utf8'), cert);
    const third = await start(home, { LATHE_TLS_NAMES: 'lathe.internal' });
    try {
      assert.equal(third.tls?.action, 'renewed');
      assert.equal(await readFile(join(home, 'tls', 'ca.pem'), 'utf8'), ca);
      assert.notEqual(await readFile(join(home, 'tls', 'server.pem'), 'utf8'), cert);
      assert.equal((await get(`${third.tls?.url}/api/v1/health`, { ca, host: 'lathe.internal' })).status, 403, 'a certificate name is not an allowed host');
    } finally {
      await third.close();
    }
  });

  it('renews the server certificate when it nears its end, under the same CA', async () => {
    const home = join(root, 'd');
    const settings = { port: 0, names: [] };
    const made = await loadOrCreateTlsMaterial(home, settings, '127.0.0.1');
    assert.equal((await loadOrCreateTlsMaterial(home, settings, '127.0.0.1', Date.now() + 300 * 86_400_000)).action, 'reused');
    const renewed = await loadOrCreateTlsMaterial(home, settings, '127.0.0.1', Date.now() + 380 * 86_400_000);
    assert.equal(renewed.action, 'renewed');
    assert.notEqual(renewed.certPem, made.certPem);
    assert.equal(renewed.caFile, made.caFile);
  });

  it("serves the operator's own certificate instead, and has no CA file to hand out", async () => {
    const made = await loadOrCreateTlsMaterial(join(root, 'e'), { port: 0, names: [] }, '127.0.0.1');
    const server = await start(join(root, 'f'), { LATHE_TLS_CERT: join(root, 'e', 'tls', 'server.pem'), LATHE_TLS_KEY: join(root, 'e', 'tls', 'server-key.pem') });
    try {
      assert.equal(server.tls?.action, 'own');
      assert.equal(server.tls?.caFile, undefined);
      assert.equal((await get(`${server.tls?.url}/api/v1/health`, { ca: await readFile(made.caFile ?? '', 'utf8') })).status, 200);
    } finally {
      await server.close();
    }
  });

  it('is off with LATHE_TLS=off, and its settings are checked', async () => {
    assert.equal(configFromEnv({ LATHE_TLS: 'off' }).tls, undefined);
    assert.deepEqual(configFromEnv({}).tls, { port: 5253, names: [] });
    assert.equal(configFromEnv({ LATHE_PORT: '8080' }).tls?.port, 8081, 'the port after a chosen one');
    assert.equal(configFromEnv({ LATHE_PORT: '0' }).tls?.port, 0);
    assert.deepEqual(configFromEnv({ LATHE_TLS_NAMES: 'Lathe.Internal, 10.0.0.5' }).tls?.names, ['lathe.internal', '10.0.0.5']);
    assert.throws(
      () => configFromEnv({ LATHE_TLS: 'maybe' }),
      (e: unknown) => e instanceof LatheError && /LATHE_TLS=maybe/.test(e.message),
    );
    assert.throws(
      () => configFromEnv({ LATHE_TLS_CERT: '/x.pem' }),
      (e: unknown) => e instanceof LatheError && /LATHE_TLS_CERT and LATHE_TLS_KEY go together/.test(e.message),
    );
    assert.throws(() => configFromEnv({ LATHE_TLS_NAMES: 'a/b' }), /LATHE_TLS_NAMES: 'a\/b'/);
    const server = await start(join(root, 'g'), { LATHE_TLS: 'off' });
    await server.close();
    assert.equal(server.tls, undefined);
  });
});
