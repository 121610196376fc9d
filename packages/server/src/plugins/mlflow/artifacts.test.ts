import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertMlflowError, describeOnEachStore, MlflowTestServer, uniqueName } from '../../testing/mlflow-test-server.js';

describeOnEachStore((store) => {
  const PROXY = '/api/2.0/mlflow-artifacts/artifacts';

  let srv: MlflowTestServer;
  let exp: string;
  before(async () => {
    srv = await MlflowTestServer.start({}, store);
    exp = await srv.createExperiment(uniqueName('artifacts'));
  });
  after(() => srv.close());

  /** A new run and the proxy path of its artifact root (`<exp>/<run>/artifacts`). */
  async function newRun(): Promise<{ runId: string; root: string }> {
    const runId = await srv.createRun(exp);
    const { run } = await srv.getOk('runs/get', { run_id: runId });
    assert.equal(run.info.artifact_uri, `mlflow-artifacts:/${exp}/${runId}/artifacts`);
    return { runId, root: `${exp}/${runId}/artifacts` };
  }

  async function put(path: string, body: string | Uint8Array, contentType = 'application/octet-stream') {
    return srv.send('PUT', `${PROXY}/${path}`, body, { 'content-type': contentType });
  }

  describe('the artifact proxy', () => {
    it('stores an upload and serves the same bytes back', async () => {
      const { root } = await newRun();
      const bytes = Uint8Array.from({ length: 256 * 4 }, (_, i) => i % 256);
      const up = await put(`${root}/model.bin`, bytes);
      assert.equal(up.status, 200, JSON.stringify(up.body));
      const down = await srv.bytes(`${PROXY}/${root}/model.bin`);
      assert.equal(down.status, 200);
      assert.deepEqual(new Uint8Array(down.bytes), bytes);
      assert.equal(down.headers.get('content-type'), 'application/octet-stream');
      assert.match(down.headers.get('content-disposition') ?? '', /attachment; filename="model.bin"/);
    });

    it('serves a file with a non-Latin-1 name, naming it with filename* and an ASCII fallback', async () => {
      const { root } = await newRun();
      const path = `${root}/${encodeURIComponent('模型.txt')}`;
      assert.equal((await put(path, 'weights')).status, 200);
      const down = await srv.bytes(`${PROXY}/${path}`);
      assert.equal(down.status, 200, down.bytes.toString());
      assert.equal(down.bytes.toString(), 'weights');
      assert.equal(down.headers.get('content-disposition'), `attachment; filename="__.txt"; filename*=UTF-8''%E6%A8%A1%E5%9E%8B.txt`);
    });

    it('refuses an upload whose name holds a line break or another control character', async () => {
      const { root } = await newRun();
      for (const name of ['a%0D%0Ab.txt', 'tab%09.txt', 'del%7F']) {
        assertMlflowError(await put(`${root}/${name}`, 'x'), 400, 'INVALID_PARAMETER_VALUE', /control characters/);
      }
      const listed = await srv.getOk('artifacts/list', { run_id: root.split('/')[1] as string });
      assert.deepEqual(listed.files ?? [], []);
    });

    it('a path segment over 255 bytes is a 400 that names no server path', async () => {
      const { root } = await newRun();
      const long = 'a'.repeat(300);
      for (const res of [await put(`${root}/${long}`, 'x'), await put(`${root}/${long}/b.txt`, 'x'), await put(`${root}/${'模'.repeat(90)}`, 'x')]) {
        assertMlflowError(res, 400, 'INVALID_PARAMETER_VALUE', /too long/);
        assert.doesNotMatch(JSON.stringify(res.body), /\/tmp\/|lathe-mlflow-/);
      }
    });

    it('stores a JSON file uploaded as application/json byte for byte, valid JSON or not', async () => {
      const { root } = await newRun();
      const text = '{ "b" : 2,\n  "a": [1,2.50, "\\u00e9"] }\n';
      assert.equal((await put(`${root}/meta.json`, text, 'application/json')).status, 200);
      const down = await srv.bytes(`${PROXY}/${root}/meta.json`);
      assert.equal(down.bytes.toString('utf8'), text);
      assert.equal(down.headers.get('content-type'), 'application/json');
      assert.equal((await put(`${root}/broken.json`, '{not json', 'application/json')).status, 200);
      assert.equal((await srv.bytes(`${PROXY}/${root}/broken.json`)).bytes.toString('utf8'), '{not json');
      assert.equal((await put(`${root}/empty.json`, '', 'application/json')).status, 200);
      assert.equal((await srv.bytes(`${PROXY}/${root}/empty.json`)).bytes.length, 0);
    });

    it('keeps text with its type and replaces a file uploaded twice', async () => {
      const { root } = await newRun();
      await put(`${root}/notes.txt`, 'first', 'text/plain');
      await put(`${root}/notes.txt`, 'second version', 'text/plain');
      const down = await srv.bytes(`${PROXY}/${root}/notes.txt`);
      assert.equal(down.bytes.toString('utf8'), 'second version');
      assert.match(down.headers.get('content-type') ?? '', /^text\/plain/);
    });

    it('creates nested folders and lists one level at a time', async () => {
      const { root } = await newRun();
      await put(`${root}/a.txt`, 'aaa');
      await put(`${root}/dir/b.txt`, 'bb');
      await put(`${root}/dir/sub/c.bin`, 'c');
      const list = async (path: string) => {
        const res = await srv.get(PROXY, { path });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body.files;
      };
      assert.deepEqual(await list(root), [
        { path: 'a.txt', is_dir: false, file_size: 3 },
        { path: 'dir', is_dir: true },
      ]);
      assert.deepEqual(await list(`${root}/dir`), [
        { path: 'b.txt', is_dir: false, file_size: 2 },
        { path: 'sub', is_dir: true },
      ]);
      assert.deepEqual(await list(`${root}/dir/sub/`), [{ path: 'c.bin', is_dir: false, file_size: 1 }]);
      assert.deepEqual((await list(`${root}/missing`)) ?? [], []);
      assert.equal((await srv.bytes(`${PROXY}/${root}/dir/sub/c.bin`)).bytes.toString('utf8'), 'c');
    });

    it('deletes a file', async () => {
      const { root } = await newRun();
      await put(`${root}/gone.txt`, 'x');
      const res = await srv.send('DELETE', `${PROXY}/${root}/gone.txt`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assertMlflowError(await srv.get(`${PROXY}/${root}/gone.txt`), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('answers RESOURCE_DOES_NOT_EXIST for a missing file or a folder', async () => {
      const { root } = await newRun();
      await put(`${root}/dir/x.txt`, 'x');
      assertMlflowError(await srv.get(`${PROXY}/${root}/nothing.txt`), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.get(`${PROXY}/${root}/dir`), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('refuses .. segments and absolute paths with 400, however they are written', async () => {
      const { root } = await newRun();
      const escapes = [
        `${PROXY}/${root}/../../../../etc/passwd`,
        `${PROXY}/${root}/%2E%2E/%2e%2e/secret`,
        `${PROXY}/..%2F..%2Fetc%2Fpasswd`,
        `${PROXY}/%2Fetc%2Fpasswd`,
        `${PROXY}//etc/passwd`,
        `${PROXY}/${root}/./x.txt`,
        `${PROXY}/${root}/a%5C..%5Cb`,
      ];
      for (const path of escapes) {
        assertMlflowError(await srv.raw('GET', path), 400, 'INVALID_PARAMETER_VALUE', /Invalid path/);
        assertMlflowError(await srv.raw('PUT', path, 'evil'), 400, 'INVALID_PARAMETER_VALUE', /Invalid path/);
        assertMlflowError(await srv.raw('DELETE', path), 400, 'INVALID_PARAMETER_VALUE', /Invalid path/);
      }
      for (const path of ['../x', '/etc', `${root}/../..`]) {
        assertMlflowError(await srv.get(PROXY, { path }), 400, 'INVALID_PARAMETER_VALUE', /Invalid path/);
      }
    });

    it('refuses an upload or delete without a file path', async () => {
      assertMlflowError(await srv.raw('PUT', `${PROXY}/`, 'x'), 400, 'INVALID_PARAMETER_VALUE');
      assertMlflowError(await srv.raw('DELETE', `${PROXY}/`), 400, 'INVALID_PARAMETER_VALUE');
    });

    it('refuses an upload below a path that is a file, or onto a folder, with 400', async () => {
      const { root } = await newRun();
      await put(`${root}/file.txt`, 'x');
      await put(`${root}/folder/inner.txt`, 'y');
      assertMlflowError(await put(`${root}/file.txt/child.txt`, 'z'), 400, 'INVALID_PARAMETER_VALUE', /file\.txt' is a file/);
      assertMlflowError(await put(`${root}/folder`, 'z'), 400, 'INVALID_PARAMETER_VALUE', /is a folder/);
      assert.equal((await srv.bytes(`${PROXY}/${root}/file.txt`)).bytes.toString('utf8'), 'x');
    });
  });

  describe('artifacts/list of a run', () => {
    it('lists the run artifact root and its folders with paths relative to the root', async () => {
      const { runId, root } = await newRun();
      await put(`${root}/model/MLmodel`, 'flavors: {}\n');
      await put(`${root}/model/data/weights.bin`, '0123456789');
      await put(`${root}/metrics.csv`, 'a,b\n');
      const top = await srv.getOk('artifacts/list', { run_id: runId });
      assert.equal(top.root_uri, `mlflow-artifacts:/${root}`);
      assert.deepEqual(top.files, [
        { path: 'metrics.csv', is_dir: false, file_size: 4 },
        { path: 'model', is_dir: true },
      ]);
      const model = await srv.getOk('artifacts/list', { run_id: runId, path: 'model' });
      assert.deepEqual(model.files, [
        { path: 'model/MLmodel', is_dir: false, file_size: 12 },
        { path: 'model/data', is_dir: true },
      ]);
      const data = await srv.getOk('artifacts/list', { run_uuid: runId, path: 'model/data' });
      assert.deepEqual(data.files, [{ path: 'model/data/weights.bin', is_dir: false, file_size: 10 }]);
    });

    it('lists nothing for a run without artifacts', async () => {
      const { runId } = await newRun();
      const res = await srv.getOk('artifacts/list', { run_id: runId });
      assert.deepEqual(res.files ?? [], []);
    });

    it('refuses a missing run_id, an unknown run and an escaping path', async () => {
      const { runId } = await newRun();
      assertMlflowError(await srv.get('artifacts/list'), 400, 'INVALID_PARAMETER_VALUE', /'run_id'/);
      assertMlflowError(await srv.get('artifacts/list', { run_id: 'fe'.repeat(16) }), 404, 'RESOURCE_DOES_NOT_EXIST');
      assertMlflowError(await srv.get('artifacts/list', { run_id: runId, path: '../other' }), 400, 'INVALID_PARAMETER_VALUE', /Invalid path/);
      assertMlflowError(await srv.get('artifacts/list', { run_id: runId, path: '/etc' }), 400, 'INVALID_PARAMETER_VALUE', /Invalid path/);
    });
  });
});
