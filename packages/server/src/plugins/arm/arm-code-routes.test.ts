import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';
import { armToken, armWorkspacePath } from './arm-test-client.js';

const WS = armWorkspacePath();
const JSON_TYPE = { 'content-type': 'application/json' };

describe('the ARM code version routes', () => {
  let srv: MlflowTestServer;
  let auth: Record<string, string>;
  let codeUri: string;

  before(async () => {
    srv = await MlflowTestServer.start();
    auth = { authorization: `Bearer ${await armToken(srv)}`, ...JSON_TYPE };
    // Where the SDK's Blob upload of ./src lands.
    const folder = join(srv.home, 'datastores', 'default', 'workspaceblobstore', 'LocalUpload', 'abc', 'src');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'train.py'), 'print("hi")\n');
    // What the SDK sends: urljoin of the datastore's account URL and <container>/<path>.
    codeUri = `https://${new URL(srv.url).host}/blob/workspaceblobstore/LocalUpload/abc/src`;
  });
  after(async () => srv?.close());

  it('registers an uploaded folder as a code asset snapshot and answers it in ARM shape', async () => {
    const body = { properties: { isAnonymous: true, codeUri, description: null, properties: { hash_sha256: 'abc', hash_version: '202208' } } };
    const put = await srv.send('PUT', `${WS}/codes/7f3e-uuid/versions/1?api-version=2022-05-01`, body, auth);
    assert.equal(put.status, 201, JSON.stringify(put.body));
    assert.equal(put.body.id, `${WS}/codes/7f3e-uuid/versions/1`);
    assert.equal(put.body.name, '1');
    assert.deepEqual(
      { codeUri: put.body.properties.codeUri, isAnonymous: put.body.properties.isAnonymous, properties: put.body.properties.properties },
      { codeUri, isAnonymous: true, properties: { hash_sha256: 'abc', hash_version: '202208' } },
    );
    assert.match(put.body.systemData.createdAt, /^\d{4}-\d\d-\d\dT/);
    const get = await srv.send('GET', `${WS}/codes/7f3e-uuid/versions/1?api-version=2022-05-01`, undefined, auth);
    assert.equal(get.status, 200);
    assert.deepEqual(get.body, put.body);
    // The same asset through Lathe's own door: a snapshot of the folder's files.
    const lathe = await srv.get('/api/v1/workspaces/default/codes/7f3e-uuid/versions/1');
    assert.equal(lathe.status, 200);
    assert.match(lathe.body.spec.path, /^blob:\/\/[0-9a-f]{64}$/);
    const again = await srv.send('PUT', `${WS}/codes/7f3e-uuid/versions/1`, body, auth);
    assert.equal(again.status, 200);
  });

  it('refuses other content under a taken version with 409 Conflict', async () => {
    const other = join(srv.home, 'datastores', 'default', 'workspaceblobstore', 'LocalUpload', 'def', 'src');
    await mkdir(other, { recursive: true });
    await writeFile(join(other, 'train.py'), 'print("other")\n');
    assert.equal((await srv.send('PUT', `${WS}/codes/taken/versions/1`, { properties: { codeUri } }, auth)).status, 201);
    const clash = await srv.send('PUT', `${WS}/codes/taken/versions/1`, { properties: { codeUri: codeUri.replace('/abc/', '/def/') } }, auth);
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.code, 'Conflict');
  });

  it('answers unknown versions with 404 and bad bodies with 400, in the ARM envelope', async () => {
    const missing = await srv.send('GET', `${WS}/codes/nope/versions/1`, undefined, auth);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'ResourceNotFound');
    const bodies: unknown[] = [
      {},
      { properties: {} },
      { properties: { codeUri: 'ftp://host/x' } },
      { properties: { codeUri: `https://${new URL(srv.url).host}/blob` } },
      { properties: { codeUri, tags: { a: { b: 1 } } } },
      { properties: { codeUri, isAnonymous: 'yes' } },
      '{not json',
    ];
    for (const body of bodies) {
      const answer = await srv.send('PUT', `${WS}/codes/bad/versions/1`, body, auth);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.code, 'BadRequest', JSON.stringify(body));
    }
    const absent = await srv.send('PUT', `${WS}/codes/bad/versions/1`, { properties: { codeUri: codeUri.replace('/abc/', '/zzz/') } }, auth);
    assert.ok(absent.status >= 400 && absent.status < 500, String(absent.status));
    assert.ok(absent.body.error.code);
    const anonymous = await srv.send('PUT', `${WS}/codes/bad/versions/1`, { properties: { codeUri } }, JSON_TYPE);
    assert.equal(anonymous.status, 401);
  });
});
