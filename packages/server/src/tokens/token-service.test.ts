import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SdkEnvResource, ServicePrincipalResource } from '@lathe/api';
import { LatheError } from '@lathe/core';
import type { ServicePrincipalStore } from '@lathe/store';
import { configFromEnv } from '../server-config.js';
import { startServer, type RunningServer } from '../start-server.js';
import { TokenService } from './token-service.js';
import { TokenSigner } from './token-signer.js';

const PYTHON = '/usr/bin/python3';
const ARM = 'https://management.azure.com';

// azure-identity's DefaultAzureCredential, as a user's script calls it; prints the token or the error.
const GET_TOKEN = `
import sys
from azure.identity import DefaultAzureCredential
kwargs = {"instance_discovery": False} if sys.argv[1] == "no-discovery" else {}
try:
    print("TOKEN " + DefaultAzureCredential(**kwargs).get_token("${ARM}/.default").token)
except Exception as error:
    print("ERROR " + str(error).replace("\\n", " "))
`;

/** Runs GET_TOKEN with only `env` (and PATH) set, as a shell after `lathe sdk env` would. */
function pythonGetToken(env: Record<string, string>, mode: 'adfs' | 'no-discovery' = 'adfs'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', GET_TOKEN, mode], { env: { PATH: process.env.PATH ?? '/usr/bin', HOME: tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject).on('close', () => {
      const line = out.split('\n').find((l) => l.startsWith('TOKEN ') || l.startsWith('ERROR '));
      if (line === undefined) reject(new Error(`no answer from Python: ${out}${err}`));
      else resolve(line);
    });
  });
}

async function rejectsUnauthorized(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof LatheError && error.code === 'LATHE_UNAUTHORIZED' && message.test(error.message));
}

describe('the token service with azure-identity', () => {
  let root: string;
  let server: RunningServer;
  let sdk: SdkEnvResource;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'lathe-tokens-'));
    server = await startServer(configFromEnv({ LATHE_HOME: join(root, 'home'), LATHE_PORT: '0', LATHE_LOG_LEVEL: 'silent', LATHE_PYTHON: PYTHON }));
    sdk = (await (await fetch(`${server.url}/api/v1/sdk/env`)).json()) as SdkEnvResource;
  });
  after(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('gives DefaultAzureCredential a token for the adfs tenant that the server verifies as the default principal', async () => {
    assert.equal(sdk.variables.AZURE_AUTHORITY_HOST, server.tls?.url);
    assert.equal(sdk.variables.AZUREML_DEV_URL_MFE, server.tls?.url);
    assert.equal(sdk.variables.REQUESTS_CA_BUNDLE, server.tls?.caFile);
    assert.equal(sdk.variables.AZURE_TENANT_ID, 'adfs');
    const answer = await pythonGetToken(sdk.variables);
    assert.match(answer, /^TOKEN /);
    const principal = await server.tokens.verifyAccessToken(`Bearer ${answer.slice(6)}`, ARM);
    assert.deepEqual(principal, { clientId: sdk.variables.AZURE_CLIENT_ID, workspace: 'default', name: 'default', audience: ARM });
    const claims = JSON.parse(Buffer.from(answer.slice(6).split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    assert.equal(claims.tid, sdk.tenant_id);
    assert.equal(claims.appid, sdk.variables.AZURE_CLIENT_ID);
    assert.equal(claims.iss, `${server.tls?.url}/adfs`);
  });

  it("accepts the server's tenant GUID with instance_discovery=False", async () => {
    const answer = await pythonGetToken({ ...sdk.variables, AZURE_TENANT_ID: sdk.tenant_id }, 'no-discovery');
    assert.match(answer, /^TOKEN /);
    assert.equal((await server.tokens.verifyAccessToken(`Bearer ${answer.slice(6)}`, ARM)).name, 'default');
  });

  it('refuses a wrong secret as Entra does, 401 invalid_client, and azure-identity reports it', async () => {
    const answer = await pythonGetToken({ ...sdk.variables, AZURE_CLIENT_SECRET: 'not-the-secret' });
    assert.match(answer, /^ERROR .*AADSTS7000215/s);
    const raw = await fetch(`${server.url}/adfs/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: sdk.variables.AZURE_CLIENT_ID ?? '', client_secret: 'wrong', grant_type: 'client_credentials', scope: `${ARM}/.default` }),
    });
    assert.equal(raw.status, 401);
    const body = (await raw.json()) as { error: string; error_description: string; error_codes: number[] };
    assert.equal(body.error, 'invalid_client');
    assert.deepEqual(body.error_codes, [7000215]);
  });

  it('answers bad token requests with 400 and an OAuth error, never a 5xx', async () => {
    const post = (path: string, body: string, type = 'application/x-www-form-urlencoded') => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
    const cases: [string, string, string, number, string][] = [
      ['/adfs/oauth2/v2.0/token', 'grant_type=client_credentials', 'application/x-www-form-urlencoded', 400, 'invalid_request'],
      ['/adfs/oauth2/v2.0/token', `client_id=x&grant_type=password&scope=${ARM}/.default&client_secret=s`, 'application/x-www-form-urlencoded', 400, 'unsupported_grant_type'],
      ['/adfs/oauth2/v2.0/token', `client_id=x&grant_type=client_credentials&scope=${ARM}&client_secret=s`, 'application/x-www-form-urlencoded', 400, 'invalid_scope'],
      ['/adfs/oauth2/v2.0/token', `client_id=nobody&grant_type=client_credentials&scope=${ARM}/.default&client_secret=s`, 'application/x-www-form-urlencoded', 400, 'unauthorized_client'],
      ['/adfs/oauth2/v2.0/token', '{"client_id":"x"}', 'application/json', 400, 'invalid_request'],
      ['/00000000-0000-4000-a000-000000000000/oauth2/v2.0/token', 'client_id=x', 'application/x-www-form-urlencoded', 400, 'invalid_tenant'],
    ];
    for (const [path, body, type, status, error] of cases) {
      const response = await post(path, body, type);
      assert.equal(response.status, status, `${path} ${body}`);
      assert.equal(((await response.json()) as { error: string }).error, error, `${path} ${body}`);
    }
  });

  it('refuses expired, forged and foreign-audience tokens, and tokens of a deleted principal', async () => {
    const created = await fetch(`${server.url}/api/v1/workspaces/default/service-principals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"ci"}' });
    assert.equal(created.status, 201);
    const sp = (await created.json()) as ServicePrincipalResource;
    assert.ok(sp.client_secret);
    const listed = (await (await fetch(`${server.url}/api/v1/workspaces/default/service-principals`)).json()) as { value: ServicePrincipalResource[] };
    assert.deepEqual(
      listed.value.map((p) => [p.name, p.client_secret]),
      [
        ['ci', undefined],
        ['default', undefined],
      ],
    );
    const answer = await pythonGetToken({ ...sdk.variables, AZURE_CLIENT_ID: sp.client_id, AZURE_CLIENT_SECRET: sp.client_secret });
    const token = answer.slice(6);
    assert.equal((await server.tokens.verifyAccessToken(`Bearer ${token}`, ARM)).name, 'ci');
    await rejectsUnauthorized(server.tokens.verifyAccessToken(`Bearer ${token}`, 'https://storage.azure.com'), /is for 'https:\/\/management\.azure\.com'/);
    const [head, payload, signature] = token.split('.') as [string, string, string];
    const altered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), exp: 9_999_999_999 })).toString('base64url');
    await rejectsUnauthorized(server.tokens.verifyAccessToken(`Bearer ${head}.${altered}.${signature}`), /not issued by this server, or was altered/);
    await rejectsUnauthorized(server.tokens.verifyAccessToken(undefined), /no bearer token/);
    const past = new TokenService(
      await TokenSigner.load(join(root, 'home')),
      (server.context.store as unknown as { servicePrincipals: ServicePrincipalStore }).servicePrincipals,
      () => Date.now() - 2 * 3600_000,
    );
    const old = await past.issue({ client_id: sp.client_id, client_secret: sp.client_secret ?? '', grant_type: 'client_credentials', scope: `${ARM}/.default` }, 'https://x/adfs');
    await rejectsUnauthorized(server.tokens.verifyAccessToken(`Bearer ${old.access_token}`), /has expired/);
    const deleted = await fetch(`${server.url}/api/v1/workspaces/default/service-principals/${sp.client_id}`, { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    await rejectsUnauthorized(server.tokens.verifyAccessToken(`Bearer ${token}`), /no longer exists/);
  });

  it('validates service principal input and refuses a taken name', async () => {
    const post = (body: string) => fetch(`${server.url}/api/v1/workspaces/default/service-principals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal((await post('{"name":"bad name!"}')).status, 400);
    assert.equal((await post('{}')).status, 400);
    assert.equal((await post('{"name":"default"}')).status, 409);
    assert.equal((await fetch(`${server.url}/api/v1/workspaces/nowhere/service-principals`)).status, 404);
    assert.equal((await fetch(`${server.url}/api/v1/workspaces/default/service-principals/nobody`, { method: 'DELETE' })).status, 404);
  });
});
