import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SdkEnvResource } from '@lathe/api';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';
import { lastJsonLine, runPython } from '../../testing/run-python.js';
import { BlobAccounts } from '../../shared/blob-accounts.js';

const PYTHON = process.env.LATHE_PYTHON ?? '/usr/bin/python3';
const WS = '/api/v1/workspaces/default';

// Runs `body` with azure-storage-blob's BlobServiceClient `svc` (and `cc`, the
// workspaceblobstore container) against the server; the script prints one JSON value. The
// server runs in this process, so Python runs asynchronously.
async function python(url: string, key: string, body: string, options: { singlePut?: number } = {}): Promise<any> {
  const single = options.singlePut === undefined ? '' : `, max_single_put_size=${options.singlePut}, max_block_size=${Math.floor(options.singlePut / 2)}`;
  const script = [
    'import json, sys, os, hashlib',
    'from azure.storage.blob import BlobServiceClient, generate_blob_sas, BlobSasPermissions, BlobClient',
    'from azure.core.exceptions import HttpResponseError',
    'from datetime import datetime, timedelta, timezone',
    `svc = BlobServiceClient(account_url=os.environ["URL"], credential=os.environ["KEY"]${single})`,
    'cc = svc.get_container_client("workspaceblobstore")',
    'def out(v): print(json.dumps(v)); sys.exit(0)',
    'def status(call):',
    '    try:',
    '        call(); return 0',
    '    except HttpResponseError as e:',
    '        return [e.status_code, e.error_code]',
    body,
  ].join('\n');
  const child = spawn(PYTHON, ['-c', script], { env: { ...process.env, URL: url, KEY: key } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, `python failed:\n${stderr}`);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
}

describe('the Blob endpoint under azure-storage-blob', () => {
  let srv: MlflowTestServer;
  let url: string;
  let key: string;
  const datastore = () => join(srv.home, 'datastores', 'default', 'workspaceblobstore');

  before(async () => {
    srv = await MlflowTestServer.start();
    url = `${srv.url}/blob/default`;
    key = (await new BlobAccounts(srv.home).account('default')).key;
  });
  after(async () => srv?.close());

  it('uploads a small blob with Content-MD5 into the datastore folder and reads its properties back', async () => {
    const props = await python(
      url,
      key,
      [
        'bc = cc.get_blob_client("LocalUpload/abc/src/train.py")',
        'data = b"print(\'hello from blob\')\\n"',
        'r = bc.upload_blob(data, metadata={"name": "code1"}, content_settings=__import__("azure.storage.blob").storage.blob.ContentSettings(content_type="text/x-python"))',
        'p = bc.get_blob_properties()',
        'out({"md5": r["content_md5"].hex(), "expected": hashlib.md5(data).hexdigest(), "size": p.size, "type": p.content_settings.content_type, "meta": p.metadata, "blob_type": str(p.blob_type), "etag": p.etag == r["etag"]})',
      ].join('\n'),
    );
    assert.equal(props.md5, props.expected);
    assert.deepEqual({ size: props.size, type: props.type, meta: props.meta, etag: props.etag }, { size: 25, type: 'text/x-python', meta: { name: 'code1' }, etag: true });
    assert.match(props.blob_type, /blockblob/i);
    assert.equal(await readFile(join(datastore(), 'LocalUpload/abc/src/train.py'), 'utf8'), "print('hello from blob')\n");
  });

  it('refuses a second upload with overwrite=False as 409 BlobAlreadyExists and keeps the first', async () => {
    const result = await python(
      url,
      key,
      [
        'bc = cc.get_blob_client("once.txt")',
        'first = status(lambda: bc.upload_blob(b"one", overwrite=False))',
        'second = status(lambda: bc.upload_blob(b"two", overwrite=False))',
        'out([first, second, bc.download_blob().readall().decode()])',
      ].join('\n'),
    );
    assert.deepEqual(result, [0, [409, 'BlobAlreadyExists'], 'one']);
  });

  it('uploads over the single-put threshold as blocks and a block list, and downloads it in ranges', async () => {
    const result = await python(
      url,
      key,
      [
        'data = os.urandom(300 * 1024 + 17)',
        'bc = cc.get_blob_client("big/data.bin")',
        'bc.upload_blob(data, overwrite=True, max_concurrency=2)',
        'svc2 = BlobServiceClient(account_url=os.environ["URL"], credential=os.environ["KEY"], max_single_get_size=64 * 1024, max_chunk_get_size=64 * 1024)',
        'got = svc2.get_blob_client("workspaceblobstore", "big/data.bin").download_blob().readall()',
        'out([hashlib.sha256(data).hexdigest(), hashlib.sha256(got).hexdigest(), len(got)])',
      ].join('\n'),
      { singlePut: 64 * 1024 },
    );
    assert.equal(result[0], result[1]);
    assert.equal(result[2], 300 * 1024 + 17);
    const stored = await readFile(join(datastore(), 'big/data.bin'));
    assert.equal(stored.length, 300 * 1024 + 17);
    // No temporary file or block is left in the datastore folder.
    assert.deepEqual(await readdir(join(datastore(), 'big')), ['data.bin']);
  });

  it('sets metadata and lists with prefix, delimiter and include=metadata', async () => {
    const result = await python(
      url,
      key,
      [
        'for n in ["list/a.txt", "list/sub/b.txt", "list/sub/c.txt", "other.txt"]: cc.upload_blob(n, b"x", overwrite=True)',
        'cc.get_blob_client("list/a.txt").set_blob_metadata({"upload_status": "completed", "version": "1"})',
        'flat = [(b.name, b.metadata or {}) for b in cc.list_blobs(name_starts_with="list/", include=["metadata"])]',
        'walk = [b.name for b in cc.walk_blobs(name_starts_with="list/", delimiter="/")]',
        'paged = [len(list(p)) for p in cc.list_blobs(name_starts_with="list/", results_per_page=2).by_page()]',
        'out({"flat": flat, "walk": walk, "paged": paged})',
      ].join('\n'),
    );
    assert.deepEqual(result.flat, [
      ['list/a.txt', { upload_status: 'completed', version: '1' }],
      ['list/sub/b.txt', {}],
      ['list/sub/c.txt', {}],
    ]);
    assert.deepEqual([...result.walk].sort(), ['list/a.txt', 'list/sub/']);
    assert.deepEqual(result.paged, [2, 1]);
  });

  it('reads through a SAS URL, and refuses an expired SAS with 403', async () => {
    const result = await python(
      url,
      key,
      [
        'cc.upload_blob("shared.txt", b"shared bytes", overwrite=True)',
        'def sas(delta): return generate_blob_sas("blob/default", "workspaceblobstore", "shared.txt", account_key=os.environ["KEY"], permission=BlobSasPermissions(read=True), expiry=datetime.now(timezone.utc) + delta)',
        'u = os.environ["URL"] + "/workspaceblobstore/shared.txt?"',
        'ok = BlobClient.from_blob_url(u + sas(timedelta(hours=1))).download_blob().readall().decode()',
        'expired = status(lambda: BlobClient.from_blob_url(u + sas(timedelta(hours=-1))).download_blob().readall())',
        'write = status(lambda: BlobClient.from_blob_url(u + sas(timedelta(hours=1))).upload_blob(b"no", overwrite=True))',
        'out([ok, expired, write])',
      ].join('\n'),
    );
    assert.deepEqual(result, ['shared bytes', [403, 'AuthenticationFailed'], [403, 'AuthenticationFailed']]);
  });

  it('refuses a wrong account key with 403 AuthenticationFailed and writes nothing', async () => {
    const wrong = Buffer.alloc(64, 7).toString('base64');
    const result = await python(url, wrong, 'out([status(lambda: cc.upload_blob("intruder.txt", b"x")), status(lambda: cc.get_blob_client("once.txt").get_blob_properties())])');
    assert.deepEqual(result, [
      [403, 'AuthenticationFailed'],
      [403, 'AuthenticationFailed'],
    ]);
    assert.equal(existsSync(join(datastore(), 'intruder.txt')), false);
  });

  it('takes bearer tokens of the token service for the storage audience, from principals of the workspace only', async () => {
    const sdk = (await srv.get<SdkEnvResource>('/api/v1/sdk/env')).body.variables;
    assert.equal((await srv.send('PUT', '/api/v1/workspaces/team-b', { spec: {} }, { 'content-type': 'application/json' })).status, 201);
    const other = await srv.post<{ client_id: string; client_secret: string }>('/api/v1/workspaces/team-b/service-principals', { name: 'ci' });
    assert.equal(other.status, 201, JSON.stringify(other.body));
    const script = [
      'import json, os',
      'from azure.identity import DefaultAzureCredential',
      'from azure.storage.blob import BlobServiceClient',
      'from azure.core.exceptions import HttpResponseError',
      'def status(call):',
      '    try:',
      '        return call()',
      '    except HttpResponseError as e:',
      '        return [e.status_code, e.error_code]',
      'cc = BlobServiceClient(os.environ["BLOB_URL"], credential=DefaultAzureCredential()).get_container_client("workspaceblobstore")',
      'print(json.dumps([status(lambda: cc.upload_blob("bearer.txt", b"by token", overwrite=True) and 0), status(lambda: cc.download_blob("bearer.txt").readall().decode())]))',
    ].join('\n');
    const run = async (env: Record<string, string>): Promise<unknown> => {
      const { code, out } = await runPython(['-c', script], srv.home, { ...sdk, ...env, BLOB_URL: `${sdk.AZUREML_DEV_URL_MFE ?? ''}/blob/default` });
      assert.equal(code, 0, out);
      return lastJsonLine(out);
    };
    assert.deepEqual(await run({}), [0, 'by token']);
    assert.equal(await readFile(join(datastore(), 'bearer.txt'), 'utf8'), 'by token');
    await rm(join(datastore(), 'bearer.txt'));
    const refused = await run({ AZURE_CLIENT_ID: other.body.client_id, AZURE_CLIENT_SECRET: other.body.client_secret });
    assert.deepEqual(refused, [
      [403, 'AuthorizationFailure'],
      [403, 'AuthorizationFailure'],
    ]);
    assert.equal(existsSync(join(datastore(), 'bearer.txt')), false);
  });

  it('answers a missing blob and a missing container with 404 and their Azure codes', async () => {
    const result = await python(
      url,
      key,
      'out([status(lambda: cc.get_blob_client("nope.txt").get_blob_properties()), status(lambda: svc.get_container_client("nocontainer").get_blob_client("x").download_blob())])',
    );
    assert.deepEqual(result, [
      [404, 'BlobNotFound'],
      [404, 'ContainerNotFound'],
    ]);
  });

  it('gives a Lathe job the uploaded file at its azureml://datastores path', { timeout: 60_000 }, async () => {
    await python(url, key, 'cc.upload_blob("jobdata/input.txt", b"uploaded through blob\\n", overwrite=True); out(0)');
    const spec = { command: 'cat ${{inputs.d}}', inputs: { d: { type: 'uri_file', path: 'azureml://datastores/workspaceblobstore/paths/jobdata/input.txt' } } };
    const created = await srv.send('POST', `${WS}/jobs`, { spec }, { 'content-type': 'application/json' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    let job = created.body;
    for (let i = 0; i < 400 && !['Completed', 'Failed', 'Canceled'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await srv.send('GET', `${WS}/jobs/${created.body.name}`)).body;
    }
    assert.equal(job.status, 'Completed');
    const log = await srv.send('GET', `${WS}/jobs/${created.body.name}/logs`);
    assert.match(String(log.body), /uploaded through blob/);
  });
});
