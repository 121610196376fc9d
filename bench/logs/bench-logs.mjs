#!/usr/bin/env node
// Log benchmark: opening a big job log at its end (208 MB, 2 million lines by default), paging back
// and searching it, beside the baseline measured in the same run — reading the whole log, which is
// what Studio did before it read tails — over HTTP from Node, and in Chromium: the log tab from
// navigation until its last line shows.
//
//   node bench/logs/bench-logs.mjs [--lines 2000000] [--rounds 5] [--browser-rounds 3] [--no-browser] [--json FILE]
//
// Lathe runs as `lathe server start` (SQLite, fresh LATHE_HOME, free port). The log belongs to a
// real finished job; its text is appended straight to the job's log file (as the launcher's
// chunks would be, without shipping 208 MB through the runtime route first). Chromium is Debian's
// (LATHE_CHROMIUM, default /usr/bin/chromium), headless, driven by playwright-core.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startLatheServer } from '../studio/start-lathe-server.mjs';
import { summarize } from '../studio/stats.mjs';

/** Target for opening the log at its end, in ms. */
const TARGET_MS = 300;

const { values: opts } = parseArgs({
  options: {
    lines: { type: 'string', default: '2000000' },
    rounds: { type: 'string', default: '5' },
    'browser-rounds': { type: 'string', default: '3' },
    'no-browser': { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log('usage: node bench/logs/bench-logs.mjs [--lines 2000000] [--rounds 5] [--browser-rounds 3] [--no-browser] [--json FILE]');
  process.exit(0);
}
const LINES = Number(opts.lines);
const rounds = Number(opts.rounds);

/** A line of the log: ~104 bytes, numbered, so 2 million lines are ~208 MB. */
const line = (n) => `${new Date(1_700_000_000_000 + n * 10).toISOString()} INFO step ${n} loss=${(1 / (n + 1)).toFixed(8)} ${'.'.repeat(48)}\n`;

async function writeLog(file, lines) {
  const out = createWriteStream(file, { flags: 'a' });
  for (let n = 0; n < lines;) {
    let chunk = '';
    for (const stop = Math.min(lines, n + 10_000); n < stop; n++) chunk += line(n);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function submitFinishedJob(url) {
  const created = await fetch(`${url}/api/v1/workspaces/default/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec: { command: 'true' } }) });
  const { name } = await created.json();
  for (;;) {
    const job = await (await fetch(`${url}/api/v1/workspaces/default/jobs/${name}`)).json();
    if (['Completed', 'Failed'].includes(job.status)) return name;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Milliseconds of `rounds` runs of `fn`, which returns the bytes it received. */
async function time(fn) {
  const ms = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    bytes = await fn();
    ms.push(performance.now() - t0);
  }
  return { ...summarize(ms), bytes };
}

async function bodyBytes(response) {
  let n = 0;
  for await (const chunk of response.body) n += chunk.byteLength;
  return n;
}

async function apiCases(url, job) {
  const logs = `${url}/api/v1/workspaces/default/jobs/${job}/logs`;
  const tail = await fetch(`${logs}?tail=1000`);
  const start = tail.headers.get('lathe-log-start');
  await bodyBytes(tail);
  return {
    'whole log (baseline: what Studio read before)': await time(async () => bodyBytes(await fetch(`${logs}?offset=0&follow=true`))),
    'tail=1000 (the log opens at its end)': await time(async () => bodyBytes(await fetch(`${logs}?tail=1000`))),
    'tail=1000&before (the page before)': await time(async () => bodyBytes(await fetch(`${logs}?tail=1000&before=${start}`))),
    'search, stopping at the first match (max_results=1)': await time(async () => bodyBytes(await fetch(`${logs}/search?q=step%2012345%20&max_results=1`))),
    'search, whole log (111 matches)': await time(async () => bodyBytes(await fetch(`${logs}/search?q=step%2012345`))),
  };
}

/** The log tab of `job` in Chromium: a fresh page load at `?tab=logs`, and a click on the tab. */
async function browserCase(url, job, lastLine) {
  const browser = await chromium.launch({ executablePath: process.env.LATHE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const last = lastLine;
    await page.goto(`${url}/`);
    const [load, tab] = [[], []];
    for (let i = 0; i < Number(opts['browser-rounds']); i++) {
      await page.goto(`${url}/jobs`);
      await page.locator('body').waitFor();
      let t0 = performance.now();
      await page.goto(`${url}/jobs/${job}?tab=logs`);
      await page.locator('[data-testid=log-view]', { hasText: last }).waitFor({ timeout: 120_000 });
      load.push(performance.now() - t0);
      await page.locator('[data-tab=overview]').click();
      await page.getByTestId('job-overview').waitFor();
      t0 = performance.now();
      await page.locator('[data-tab=logs]').click();
      await page.locator('[data-testid=log-view]', { hasText: last }).waitFor({ timeout: 120_000 });
      tab.push(performance.now() - t0);
    }
    return { load: summarize(load), tab: summarize(tab) };
  } finally {
    await browser.close();
  }
}

const root = await mkdtemp(join(tmpdir(), 'lathe-bench-logs-'));
const server = await startLatheServer(join(root, 'home'));
try {
  const job = await submitFinishedJob(server.url);
  const file = join(root, 'home', 'artifacts', 'workspaces', 'default', 'jobs', job, 'user_logs', 'std_log.txt');
  await mkdir(dirname(file), { recursive: true });
  await writeLog(file, LINES);
  const size = (await stat(file)).size;
  console.log(`log: ${LINES.toLocaleString('en-US')} lines, ${(size / 1e6).toFixed(1)} MB · ${cpus().length} cores · Node ${process.version}`);
  const results = { lines: LINES, bytes: size, api: await apiCases(server.url, job) };
  for (const [name, r] of Object.entries(results.api)) {
    console.log(`  ${name.padEnd(58)} median ${r.median.toFixed(1).padStart(8)} ms  p95 ${r.p95.toFixed(1).padStart(8)} ms  ${(r.bytes / 1024).toFixed(0).padStart(7)} KiB`);
  }
  if (!opts['no-browser']) {
    // The same views on a 10-line log: what the page costs whatever the log's size.
    const small = await submitFinishedJob(server.url);
    const smallFile = file.replace(job, small);
    await mkdir(dirname(smallFile), { recursive: true });
    await writeLog(smallFile, 10);
    results.browser = { big: await browserCase(server.url, job, line(LINES - 1).trim()), small: await browserCase(server.url, small, line(9).trim()) };
    for (const [what, r] of [
      ['Studio: ?tab=logs loaded until the last line shows, big', results.browser.big.load],
      ['Studio: the same, 10-line log (reference)', results.browser.small.load],
      ['Studio: Logs tab clicked until the last line shows, big', results.browser.big.tab],
      ['Studio: the same, 10-line log (reference)', results.browser.small.tab],
    ]) {
      console.log(`  ${what.padEnd(58)} median ${r.median.toFixed(1).padStart(8)} ms  p95 ${r.p95.toFixed(1).padStart(8)} ms`);
    }
    console.log(`  target: the big log's tab under ${TARGET_MS} ms`);
  }
  if (opts.json) await writeFile(opts.json, `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await server.stop();
  await rm(root, { recursive: true, force: true });
}
