import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MlflowTestServer } from '../testing/mlflow-test-server.js';

const WS = '/api/v1/workspaces/default';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('upload routes read any content type as bytes', () => {
  let srv: MlflowTestServer;
  let job: string;
  before(async () => {
    srv = await MlflowTestServer.start({ LATHE_CANCEL_GRACE_MS: '0' });
    const created = await srv.send('POST', `${WS}/jobs`, { spec: { command: 'sleep 30' } }, { 'content-type': 'application/json' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    job = created.body.name as string;
  });
  after(async () => {
    await srv.send('POST', `${WS}/jobs/${job}/cancel`);
    for (let i = 0; i < 100 && !['Canceled', 'Failed', 'Completed'].includes((await srv.send('GET', `${WS}/jobs/${job}`)).body.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await srv.close();
  });

  it('a blob sent as text/plain or JSON is stored as its bytes', async () => {
    for (const [type, text] of [
      ['text/plain', 'plain text blob'],
      ['application/json', '{"a": 1}'],
      ['application/json', '{not json'],
    ] as const) {
      const res = await srv.send('PUT', `${WS}/blobs/${sha256(text)}`, text, { 'content-type': type });
      assert.equal(res.status, 201, `${type}: ${JSON.stringify(res.body)}`);
      const back = await srv.bytes(`${WS}/blobs/${sha256(text)}`);
      assert.equal(back.bytes.toString(), text);
    }
  });

  it('a blob PUT whose text does not hash to the digest is a 400 whatever its type', async () => {
    const res = await srv.send('PUT', `${WS}/blobs/${'a'.repeat(64)}`, 'hello', { 'content-type': 'text/plain' });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error_code, 'LATHE_CHECKSUM_MISMATCH');
  });

  const auth = async () => ({ authorization: `Bearer ${await srv.jobToken(job)}` });

  it('a log chunk sent as text/plain or JSON is appended as bytes', async () => {
    const first = await srv.send('POST', `${WS}/jobs/${job}/runtime/logs?offset=0`, 'a line\n', { 'content-type': 'text/plain', ...(await auth()) });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const size = first.body.size as number;
    const json = await srv.send('POST', `${WS}/jobs/${job}/runtime/logs?offset=${size}`, '{"x":1}', { 'content-type': 'application/json', ...(await auth()) });
    assert.equal(json.status, 200, JSON.stringify(json.body));
    assert.equal(json.body.size, size + 7);
  });

  it('an output body that is not a tar archive is a 400, whatever its content type', async () => {
    for (const [type, body] of [
      ['application/x-tar', 'not a tar archive at all'],
      ['text/plain', 'hello'],
      ['application/json', '{"a":1}'],
      ['application/gzip', '\x1f\x8bbroken'],
    ] as const) {
      const res = await srv.send('PUT', `${WS}/jobs/${job}/runtime/outputs/model`, body.repeat(40), { 'content-type': type, ...(await auth()) });
      assert.equal(res.status, 400, `${type}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error_code, 'LATHE_BAD_REQUEST');
      assert.doesNotMatch(res.body.message, /\/tmp\//);
    }
  });
});
