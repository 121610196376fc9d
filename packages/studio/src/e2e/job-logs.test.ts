// Studio's log tab on a big log (300,000 lines, ~6 MB) of a real job: it opens at the last line
// having fetched only the tail, loads earlier lines as the view scrolls up, and searches the whole
// log on the server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Response } from 'playwright-core';
import type { JobResource } from '@lathe/api';
import { eventually } from './eventually.js';
import { startStudio, type StudioHarness } from './studio-harness.js';

const LINES = 300_000;
const BIG_LOG = {
  'job.yml': `command: python -c "import sys; sys.stdout.write(''.join(f'line {i} of the log\\\\n' for i in range(${LINES})))"
experiment_name: studio-logs
display_name: big-log
`,
};

/** The numbers of the `line <n> of the log` lines in the view, in order. */
const lineNumbers = (text: string) => [...text.matchAll(/^line (\d+) of the log$/gm)].map((m) => Number(m[1]));

describe('Studio log tab on a big log', () => {
  let h: StudioHarness;
  let job: JobResource;
  let logSize: number;
  /** Every log request the page made, with the bytes of its answer. */
  const fetched: { url: URL; bytes: number }[] = [];
  const record = (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith(`/jobs/${job.name}/logs`)) return;
    void response.body().then(
      (body) => fetched.push({ url, bytes: body.length }),
      () => fetched.push({ url, bytes: -1 }),
    );
  };

  before(async () => {
    h = await startStudio();
    job = await h.submitJob(BIG_LOG);
    assert.equal((await h.waitForJob(job.name)).status, 'Completed');
    logSize = (await h.client.getLogTail(job.name, { lines: 1 })).size;
    h.page.on('response', record);
  });
  after(async () => h?.close());

  it('opens at the last line having fetched only the tail of the log', async () => {
    await h.open(`/jobs/${job.name}?tab=logs`);
    const log = h.page.getByTestId('log-view');
    await eventually(async () => assert.match(await log.innerText(), /line 299999 of the log$/));
    await h.page.locator('[data-testid=job-logs][data-streaming=false]').waitFor();
    const numbers = lineNumbers(await log.innerText());
    assert.deepEqual(
      numbers,
      Array.from({ length: 1000 }, (_, i) => LINES - 1000 + i),
      'the last page of lines, each once',
    );
    await eventually(async () => assert.ok(fetched.length >= 2, 'the tail and the follow were answered'));
    for (const { url } of fetched) assert.ok(url.searchParams.has('tail') || Number(url.searchParams.get('offset')) === logSize, `no request reads the log from its start: ${url.search}`);
    const total = fetched.reduce((sum, f) => sum + f.bytes, 0);
    assert.ok(total > 0 && total < 64 * 1024, `the page fetched ${total} bytes of a ${logSize}-byte log`);
  });

  it('loads the lines before as the view scrolls up, keeping them in order', async () => {
    const log = h.page.getByTestId('log-view');
    await log.evaluate((el) => (el.scrollTop = 0));
    await eventually(async () => assert.equal(lineNumbers(await log.innerText())[0], LINES - 2000));
    const numbers = lineNumbers(await log.innerText());
    assert.deepEqual(
      numbers,
      Array.from({ length: 2000 }, (_, i) => LINES - 2000 + i),
      'two pages joined with no line lost or doubled',
    );
    assert.ok(
      fetched.some((f) => f.url.searchParams.has('before')),
      'the earlier page was asked for by byte offset',
    );
  });

  it('searches the whole log on the server, far beyond the lines loaded', async () => {
    await h.page.getByTestId('log-search').fill('line 12345 of');
    await eventually(async () => assert.equal((await h.page.getByTestId('log-match-count').innerText()).trim(), '1 matching line'));
    await h.page.getByTestId('log-search').fill('LINE 12345');
    await eventually(async () => assert.equal((await h.page.getByTestId('log-match-count').innerText()).trim(), '11 matching lines'));
    await h.page.getByTestId('log-only-matches').check();
    const log = h.page.getByTestId('log-view');
    await eventually(async () => assert.deepEqual(lineNumbers(await log.innerText()), [12345, 123450, 123451, 123452, 123453, 123454, 123455, 123456, 123457, 123458, 123459]));
    const total = fetched.reduce((sum, f) => sum + f.bytes, 0);
    assert.ok(total < 128 * 1024, `the page fetched ${total} bytes of log in all`);
  });

  it('raised no uncaught errors in the page', () => {
    assert.deepEqual(h.pageErrors, []);
  });
});
