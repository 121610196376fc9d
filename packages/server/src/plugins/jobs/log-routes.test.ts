import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LOG_TAIL_MAX_BYTES } from '@lathe/api';
import { MlflowTestServer } from '../../testing/mlflow-test-server.js';

const WS = '/api/v1/workspaces/default';
/** Lines of the big log: `line <n> of the log` padded, ~5.6 MB in all. */
const LINES = 200_000;
const lineText = (n: number) => `line ${n} of the log ${'.'.repeat(8)}`;

describe('log routes read a big log from its end and search it on the server', () => {
  let srv: MlflowTestServer;
  let job: string;
  let log: Buffer;
  /** A finished job whose log is `text` (written through the artifact store, as the launcher's chunks are). */
  const jobWithLog = async (text: Buffer): Promise<string> => {
    const created = await srv.post(`${WS}/jobs`, { spec: { command: 'true' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const name = created.body.name as string;
    for (let i = 0; i < 600 && !['Completed', 'Failed'].includes((await srv.get(`${WS}/jobs/${name}`)).body.status); i++) await new Promise((r) => setTimeout(r, 100));
    const ref = { workspace: 'default', job: name };
    const artifacts = srv.server.context.artifacts;
    const size = await artifacts.appendLog(ref, await artifacts.logSize(ref), text);
    assert.equal(size, text.length, 'the job wrote no log of its own');
    return name;
  };
  const tail = (name: string, query: string) => srv.bytes(`${WS}/jobs/${name}/logs?${query}`);

  before(async () => {
    srv = await MlflowTestServer.start();
    log = Buffer.from(Array.from({ length: LINES }, (_, n) => `${lineText(n)}\n`).join(''));
    job = await jobWithLog(log);
  });
  after(async () => srv?.close());

  it('tail=N answers the last N lines of a big log and only their bytes, with their range', async () => {
    const res = await tail(job, 'tail=100');
    assert.equal(res.status, 200);
    const expected = Array.from({ length: 100 }, (_, i) => `${lineText(LINES - 100 + i)}\n`).join('');
    assert.equal(res.bytes.toString(), expected);
    assert.equal(Number(res.headers.get('lathe-log-start')), log.length - Buffer.byteLength(expected));
    assert.equal(Number(res.headers.get('lathe-log-end')), log.length);
    assert.equal(Number(res.headers.get('lathe-log-size')), log.length);
  });

  it('before= pages back: each page ends where the later one starts, and the first starts at 0', async () => {
    const small = await jobWithLog(Buffer.from('a\nb\nc\nd\ne'));
    const pages: string[] = [];
    let before: number | undefined;
    for (let i = 0; i < 5 && before !== 0; i++) {
      const res = await tail(small, `tail=2${before === undefined ? '' : `&before=${before}`}`);
      assert.equal(res.status, 200);
      if (before !== undefined) assert.equal(Number(res.headers.get('lathe-log-end')), before);
      pages.unshift(res.bytes.toString());
      before = Number(res.headers.get('lathe-log-start'));
    }
    assert.deepEqual(pages, ['a\n', 'b\nc\n', 'd\ne'], 'the unfinished last line counts as a line');
    const deep = await tail(job, `tail=3&before=${Buffer.byteLength(`${lineText(0)}\n${lineText(1)}\n`)}`);
    assert.equal(deep.bytes.toString(), `${lineText(0)}\n${lineText(1)}\n`);
  });

  it('a tail of lines longer than the byte limit starts mid-line, at the limit', async () => {
    const long = await jobWithLog(Buffer.concat([Buffer.from('x'.repeat(LOG_TAIL_MAX_BYTES + 10)), Buffer.from('\nend\n')]));
    const res = await tail(long, 'tail=2');
    assert.equal(res.bytes.length, LOG_TAIL_MAX_BYTES);
    assert.match(res.bytes.toString(), /^x+\nend\n$/);
    assert.equal(Number(res.headers.get('lathe-log-start')), LOG_TAIL_MAX_BYTES + 15 - LOG_TAIL_MAX_BYTES);
  });

  it('refuses tail with offset or follow, before without tail, and tails out of range, with 400', async () => {
    for (const query of ['tail=0', 'tail=10001', 'tail=x', 'tail=5&offset=0', 'tail=5&follow=true', 'before=10', 'tail=5&before=-1']) {
      const res = await srv.get(`${WS}/jobs/${job}/logs?${query}`);
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error_code, 'LATHE_BAD_REQUEST', query);
    }
    assert.equal((await srv.get(`${WS}/jobs/no_such_job/logs?tail=5`)).status, 404);
  });

  it('search streams the matching lines with their byte offsets, case-insensitively', async () => {
    const res = await srv.bytes(`${WS}/jobs/${job}/logs/search?q=${encodeURIComponent('LINE 12345 ')}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/x-ndjson/);
    const records = res.bytes
      .toString()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const end = records.pop();
    assert.deepEqual(end, { end: true, matches: 1, next_offset: null, searched_to: log.length });
    assert.deepEqual(
      records.map((r) => r.text),
      [lineText(12345)],
    );
    const offset = records[0].offset as number;
    assert.equal(log.subarray(offset, offset + Buffer.byteLength(lineText(12345))).toString(), lineText(12345));
  });

  it('search stops at max_results with next_offset, and goes on from there', async () => {
    const first = await srv.bytes(`${WS}/jobs/${job}/logs/search?q=line%2012345&max_results=4`);
    const records = first.bytes
      .toString()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const end = records.pop();
    assert.deepEqual(
      records.map((r) => r.text),
      [12345, 123450, 123451, 123452].map(lineText),
    );
    assert.equal(end.matches, 4);
    assert.equal(end.next_offset, log.indexOf(`${lineText(123453)}\n`));
    const rest = await srv.bytes(`${WS}/jobs/${job}/logs/search?q=line%2012345&offset=${end.next_offset}`);
    const more = rest.bytes
      .toString()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(more.pop().next_offset, null);
    assert.deepEqual(
      more.map((r) => r.text),
      [123453, 123454, 123455, 123456, 123457, 123458, 123459].map(lineText),
    );
  });

  it('refuses a search without text or with bad bounds, with 400', async () => {
    for (const query of ['', 'q=', 'q=a&max_results=0', 'q=a&max_results=1001', 'q=a&offset=-1', 'q=a&extra=1']) {
      const res = await srv.get(`${WS}/jobs/${job}/logs/search?${query}`);
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
    }
  });
});
