import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SdkEnvResource } from '@lathe/api';
import { MlflowTestServer, type Answer } from '../../testing/mlflow-test-server.js';
import { lastJsonLine, runPython } from '../../testing/run-python.js';
import { BlobAccounts } from '../../shared/blob-accounts.js';
import { armToken, armWorkspacePath } from './arm-test-client.js';

const WS = armWorkspacePath();

describe('the ARM datastore routes', () => {
  let srv: MlflowTestServer;
  let auth: Record<string, string>;
  let host: string;

  before(async () => {
    srv = await MlflowTestServer.start();
    auth = { authorization: `Bearer ${await armToken(srv)}` };
    host = new URL(srv.url).host;
    const folder = join(srv.home, 'shared-data');
    await mkdir(folder);
    const created = await srv.send(
      'PUT',
      '/api/v1/workspaces/default/datastores/mystore/versions/1',
      { spec: { name: 'mystore', type: 'local', path: folder } },
      { 'content-type': 'application/json' },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const azure = await srv.send(
      'PUT',
      '/api/v1/workspaces/default/datastores/remote/versions/1',
      { spec: { name: 'remote', type: 'azure_blob', account_name: 'acct', container_name: 'c' } },
      { 'content-type': 'application/json' },
    );
    assert.equal(azure.status, 201, JSON.stringify(azure.body));
  });
  after(async () => srv?.close());

  it('answers workspaceblobstore as the default AzureBlob datastore on this server with an account key', async () => {
    const answer = await srv.send('GET', `${WS}/datastores/workspaceblobstore?api-version=2022-10-01`, undefined, auth);
    assert.equal(answer.status, 200);
    assert.deepEqual(
      { id: answer.body.id, name: answer.body.name, type: answer.body.type },
      { id: `${WS}/datastores/workspaceblobstore`, name: 'workspaceblobstore', type: 'Microsoft.MachineLearningServices/workspaces/datastores' },
    );
    const p = answer.body.properties;
    assert.deepEqual(
      { type: p.datastoreType, account: p.accountName, container: p.containerName, endpoint: p.endpoint, protocol: p.protocol, credentials: p.credentials, isDefault: p.isDefault },
      {
        type: 'AzureBlob',
        account: `${host}/blob/default#`,
        container: 'workspaceblobstore',
        endpoint: 'core.windows.net',
        protocol: 'https',
        credentials: { credentialsType: 'AccountKey' },
        isDefault: true,
      },
    );
    const local = await srv.send('GET', `${WS}/datastores/mystore?api-version=2099-01-01`, undefined, auth);
    assert.equal(local.status, 200);
    assert.deepEqual([local.body.properties.containerName, local.body.properties.isDefault], ['mystore', false]);
  });

  it("hands out the workspace's Blob account key from listSecrets", async () => {
    const answer = await srv.send('POST', `${WS}/datastores/workspaceblobstore/listSecrets?api-version=2022-10-01`, undefined, auth);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { secretsType: 'AccountKey', key: (await new BlobAccounts(srv.home).account('default')).key });
  });

  it('hands out a container SAS when asked for an expirable secret, which azure-storage-blob writes and lists with', async () => {
    const json = { ...auth, 'content-type': 'application/json' };
    const answer = await srv.send('POST', `${WS}/datastores/mystore/listSecrets?api-version=2023-04-01`, { expirableSecret: true, expireAfterHours: 2 }, json);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.secretsType, 'Sas');
    const sas = new URLSearchParams(answer.body.sasToken as string);
    assert.deepEqual([sas.get('sr'), sas.get('spr')], ['c', 'https']);
    const hours = (Date.parse(sas.get('se') ?? '') - Date.now()) / 3_600_000;
    assert.ok(hours > 1.9 && hours <= 2, String(hours));
    const sdk = (await srv.get<SdkEnvResource>('/api/v1/sdk/env')).body.variables;
    const base = `${sdk.AZUREML_DEV_URL_MFE ?? ''}/blob/default`;
    const script = [
      'import json, os',
      'from azure.storage.blob import ContainerClient',
      'from azure.core.exceptions import HttpResponseError',
      'cc = ContainerClient.from_container_url(os.environ["BASE"] + "/mystore?" + os.environ["SAS"])',
      'cc.upload_blob("by-sas.txt", b"written with a SAS")',
      'names = [b.name for b in cc.list_blobs()]',
      'other = ContainerClient.from_container_url(os.environ["BASE"] + "/workspaceblobstore?" + os.environ["SAS"])',
      'try:',
      '    other.upload_blob("elsewhere.txt", b"x"); refused = None',
      'except HttpResponseError as e:',
      '    refused = [e.status_code, e.error_code]',
      'print(json.dumps([names, refused]))',
    ].join('\n');
    const { code, out } = await runPython(['-c', script], srv.home, { REQUESTS_CA_BUNDLE: sdk.REQUESTS_CA_BUNDLE ?? '', BASE: base, SAS: answer.body.sasToken });
    assert.equal(code, 0, out);
    assert.deepEqual(lastJsonLine(out), [['by-sas.txt'], [403, 'AuthenticationFailed']]);
    assert.equal(await readFile(join(srv.home, 'shared-data', 'by-sas.txt'), 'utf8'), 'written with a SAS');
    for (const body of [{ expirableSecret: true, expireAfterHours: 0 }, { expirableSecret: 'yes' }, { expirableSecret: true, expireAfterHours: 1000 }]) {
      const bad = await srv.send('POST', `${WS}/datastores/mystore/listSecrets`, body, json);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.body.error.code, 'BadRequest');
    }
  });

  it('lists datastores with isDefault and pages them with nextLink', async () => {
    const defaults = await srv.send('GET', `${WS}/datastores?isDefault=true&count=30&api-version=2022-10-01`, undefined, auth);
    assert.deepEqual(
      defaults.body.value.map((d: { name: string }) => d.name),
      ['workspaceblobstore'],
    );
    assert.equal(defaults.body.nextLink, undefined);
    const names: string[] = [];
    let next: string | undefined = `${WS}/datastores?count=2&api-version=2022-10-01`;
    let pages = 0;
    while (next !== undefined) {
      const page: Answer = await srv.send('GET', next, undefined, auth);
      assert.equal(page.status, 200);
      names.push(...page.body.value.map((d: { name: string }) => d.name));
      const link = page.body.nextLink as string | undefined;
      if (link !== undefined) assert.ok(link.startsWith(`${srv.url}${WS}/datastores?`), link);
      next = link === undefined ? undefined : link.slice(srv.url.length);
      pages += 1;
    }
    assert.deepEqual(names, ['workspaceblobstore', 'workspacefilestore', 'workspaceartifactstore', 'workspaceworkingdirectory', 'mystore']);
    assert.equal(pages, 3);
  });

  it('refuses a missing or bad token with 401 and another workspace with 403, in the ARM envelope', async () => {
    const none = await srv.send('GET', `${WS}/datastores/workspaceblobstore`);
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'AuthenticationFailed');
    const bad = await srv.send('GET', `${WS}/datastores/workspaceblobstore`, undefined, { authorization: 'Bearer not.a.token' });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'AuthenticationFailed');
    assert.equal((await srv.send('PUT', '/api/v1/workspaces/other', { spec: {} }, { 'content-type': 'application/json' })).status < 300, true);
    const foreign = await srv.send('GET', `${armWorkspacePath('other')}/datastores/workspaceblobstore`, undefined, auth);
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.error.code, 'AuthorizationFailed');
  });

  it('answers unknown datastores, paths and bad queries with 404 and 400 in the ARM envelope', async () => {
    const unknown = await srv.send('GET', `${WS}/datastores/nope`, undefined, auth);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'ResourceNotFound');
    assert.match(unknown.body.error.message, /nope/);
    const secrets = await srv.send('POST', `${WS}/datastores/nope/listSecrets`, undefined, auth);
    assert.equal(secrets.status, 404);
    const lower = await srv.send('GET', `${WS.replace('resourceGroups', 'resourcegroups')}/datastores/workspaceblobstore`, undefined, auth);
    assert.equal(lower.status, 200);
    const provider = await srv.send('GET', `${WS.replace('MachineLearningServices', 'Storage')}/datastores/workspaceblobstore`, undefined, auth);
    assert.equal(provider.status, 404);
    assert.equal(provider.body.error.code, 'ResourceNotFound');
    // Recorded, not reachable: not listed, and named it is the client's mistake.
    for (const [method, path] of [
      ['GET', 'remote'],
      ['POST', 'remote/listSecrets'],
    ] as const) {
      const remote = await srv.send(method, `${WS}/datastores/${path}`, undefined, auth);
      assert.equal(remote.status, 400, path);
      assert.equal(remote.body.error.code, 'BadRequest', path);
    }
    for (const query of ['count=0', 'count=x', '$skip=-1', 'isDefault=maybe']) {
      const answer = await srv.send('GET', `${WS}/datastores?${query}`, undefined, auth);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.error.code, 'BadRequest', query);
    }
  });
});
