import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runProcess, runCli, startTestServer, type TestServer } from './harness.js';

// What a user's shell holds after `eval "$(lathe sdk env)"`.
function parseExports(stdout: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) env[match[1]] = match[2].replace(/^'(.*)'$/, '$1');
  }
  return env;
}

// Asynchronous: the server answering it runs in this process.
async function getToken(env: Record<string, string>): Promise<string> {
  const script = 'from azure.identity import DefaultAzureCredential\nprint(DefaultAzureCredential().get_token("https://management.azure.com/.default").token)';
  const result = await runProcess('/usr/bin/python3', ['-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin', ...env } });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

describe('lathe sdk env and lathe sp', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.close());

  it('prints export lines with which DefaultAzureCredential gets a token the server verifies', async () => {
    const result = await runCli(['sdk', 'env'], t.url);
    assert.equal(result.code, 0, result.stderr);
    const env = parseExports(result.stdout);
    assert.deepEqual(Object.keys(env), [
      'AZUREML_DEV_URL_MFE',
      'REQUESTS_CA_BUNDLE',
      'AZURE_AUTHORITY_HOST',
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_ID',
      'AZURE_CLIENT_SECRET',
      'AZUREML_SDKV2_TELEMETRY_OPTOUT',
    ]);
    assert.equal(env.AZURE_AUTHORITY_HOST, t.server.tls?.url);
    const principal = await t.server.tokens.verifyAccessToken(`Bearer ${await getToken(env)}`, 'https://management.azure.com');
    assert.equal(principal.clientId, env.AZURE_CLIENT_ID);
  });

  it('creates a principal whose secret is printed once and works, lists it without the secret, and deletes it', async () => {
    const created = await runCli(['sp', 'create', '--name', 'ci', '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const sp = JSON.parse(created.stdout) as { client_id: string; client_secret: string };
    const env = parseExports((await runCli(['sdk', 'env'], t.url)).stdout);
    const token = await getToken({ ...env, AZURE_CLIENT_ID: sp.client_id, AZURE_CLIENT_SECRET: sp.client_secret });
    assert.equal((await t.server.tokens.verifyAccessToken(`Bearer ${token}`)).name, 'ci');
    const listed = await runCli(['sp', 'list', '-o', 'json'], t.url);
    assert.doesNotMatch(listed.stdout, /client_secret/);
    assert.deepEqual(
      (JSON.parse(listed.stdout) as { name: string }[]).map((p) => p.name),
      ['ci', 'default'],
    );
    assert.equal((await runCli(['sp', 'delete', '--client-id', sp.client_id], t.url)).code, 0);
    await assert.rejects(t.server.tokens.verifyAccessToken(`Bearer ${token}`), /no longer exists/);
    const again = await runCli(['sp', 'delete', '--client-id', sp.client_id], t.url);
    assert.equal(again.code, 3, again.stderr);
  });

  it('gives the credentials only to the access token holder when auth is on', async () => {
    const secured = await startTestServer({ LATHE_AUTH: 'token' });
    try {
      const token = secured.server.accessToken?.value ?? '';
      const refused = await runCli(['sdk', 'env'], secured.url);
      assert.equal(refused.code, 8, refused.stderr);
      const allowed = await runCli(['sdk', 'env'], secured.url, undefined, { LATHE_TOKEN: token });
      assert.equal(allowed.code, 0, allowed.stderr);
      assert.match(allowed.stdout, /export AZURE_CLIENT_SECRET=/);
    } finally {
      await secured.close();
    }
  });
});
