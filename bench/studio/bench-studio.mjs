#!/usr/bin/env node
// Studio benchmark: the job list over 100,000 runs and a 100,000-point metric chart, measured in
// Chromium against a real server, beside the same API calls made from Node without a browser.
//
//   npm run bench:studio
//   node bench/studio/bench-studio.mjs [--runs 100000] [--rounds 5] [--api-rounds 20]
//        [--series-runs 100] [--series-steps 1000] [--chart-points 100000]
//        [--scroll-rows 2000] [--scroll-step 20] [--chart-timeout 20] [--json FILE] [--check]
//
// Lathe runs as `lathe server start` (SQLite, fresh LATHE_HOME, free port); the runs are written
// straight into its database (seed-studio.mjs). Chromium is Debian's (LATHE_CHROMIUM, default
// /usr/bin/chromium), headless, driven by playwright-core. See bench/studio/README.md.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { deepPageUrl, listQuery, timeApiCases } from './api-cases.mjs';
import { chartLoad, chartTabSwitch, listLoad, over, scrollList } from './browser-cases.mjs';
import { seedStudioRuns } from './seed-studio.mjs';
import { startLatheServer } from './start-lathe-server.mjs';
import { summarize } from './stats.mjs';

const EXPERIMENT = 'studio-bench';
const FILTER = 'metrics.m0 > 0.5';
/** Targets, in ms. */
const TARGETS = { firstRows: 1000, filter: 300, chart100k: 500 };

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '5' },
    'api-rounds': { type: 'string', default: '20' },
    'series-runs': { type: 'string', default: '100' },
    'series-steps': { type: 'string', default: '1000' },
    'chart-points': { type: 'string', default: '100000' },
    'scroll-rows': { type: 'string', default: '2000' },
    'scroll-step': { type: 'string', default: '20' },
    'chart-timeout': { type: 'string', default: '20' },
    json: { type: 'string' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(
    'usage: node bench/studio/bench-studio.mjs [--runs 100000] [--rounds 5] [--api-rounds 20] [--series-runs 100] [--series-steps 1000]\n' +
      '       [--chart-points 100000] [--scroll-rows 2000] [--scroll-step 20] [--chart-timeout 20] [--json FILE] [--check]',
  );
  process.exit(0);
}
const sizes = {
  runs: Number(opts.runs),
  seriesRuns: Number(opts['series-runs']),
  seriesSteps: Number(opts['series-steps']),
  chartPoints: Number(opts['chart-points']),
};
const rounds = Number(opts.rounds);
const scrollStep = Number(opts['scroll-step']);
// The scroll stays inside the list, with a screenful to spare below.
const scrollRows = Math.min(Number(opts['scroll-rows']), Math.max(0, sizes.runs - 60));
const chartTimeout = Number(opts['chart-timeout']) * 1000;
const CHROMIUM = process.env.LATHE_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const isFullSize = sizes.runs >= 100_000 && sizes.chartPoints >= 100_000;
const jsonOut = opts.json ?? (isFullSize ? join(ROOT, 'bench', 'studio', 'results', `${cpus().length}-cores-node${process.versions.node.split('.')[0]}.json`) : undefined);

const ms = (x) => (x === undefined ? 'n/a' : `${x.toFixed(x < 10 ? 2 : x < 100 ? 1 : 0)} ms`);
const kb = (x) => (x === undefined ? '' : x > 1e6 ? `${(x / 1e6).toFixed(1)} MB` : `${(x / 1e3).toFixed(0)} kB`);

async function post(url, path, body) {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(`${path} -> ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

async function seed(server) {
  const { experiment_id: experimentId } = await post(server.url, '/api/2.0/mlflow/experiments/create', { name: EXPERIMENT });
  console.log(`seeding ${sizes.runs} runs into ${EXPERIMENT} (${sizes.seriesRuns} with ${sizes.seriesSteps}-step histories of 10 metrics, one with a ${sizes.chartPoints}-point metric)...`);
  const seeded = seedStudioRuns(server.dbFile, experimentId, sizes);
  console.log(`seeded ${seeded.rows.toLocaleString('en')} rows in ${seeded.seconds.toFixed(1)} s (one transaction, straight into SQLite)`);
  return seeded;
}

async function apiCases(server, seeded) {
  const api = `${server.url}/api/v1/workspaces/default`;
  const cases = [
    { name: 'list_first_page', what: `GET /runs?experiment=${EXPERIMENT}&max_results=200 (the first rows)`, url: `${api}/runs?${listQuery({ experiment: EXPERIMENT })}` },
    { name: 'list_count', what: `GET /runs?experiment=${EXPERIMENT}&max_results=1&count=true (the total)`, url: `${api}/runs?${listQuery({ experiment: EXPERIMENT, count: true })}` },
    { name: 'list_all_first_page', what: 'GET /runs?max_results=200 (all experiments)', url: `${api}/runs?${listQuery({})}` },
    { name: 'list_all_count', what: 'GET /runs?max_results=1&count=true (all experiments)', url: `${api}/runs?${listQuery({ count: true })}` },
    { name: 'list_filtered', what: `GET /runs?experiment=${EXPERIMENT}&max_results=200&filter=${FILTER}`, url: `${api}/runs?${listQuery({ experiment: EXPERIMENT, filter: FILTER })}` },
    { name: 'list_filtered_count', what: 'the same, max_results=1&count=true', url: `${api}/runs?${listQuery({ experiment: EXPERIMENT, filter: FILTER, count: true })}` },
  ];
  // The list page also asks for the experiments (with run counts) for its picker, beside the runs.
  cases.push({ name: 'experiments', what: 'GET /experiments (names and run counts, for the list page)', url: `${api}/experiments` });
  const deepPages = Math.floor(scrollRows / 200);
  if (deepPages > 0) {
    cases.push({ name: 'list_deep_page', what: `page ${deepPages + 1} of 200 (rows ${deepPages * 200}…)`, walk: () => deepPageUrl(`${api}/runs`, { experiment: EXPERIMENT }, deepPages) });
  }
  if (seeded.chartRunId) {
    cases.push({ name: 'series_100k', what: `GET /runs/<run>/metrics/${seeded.chartKey} (${sizes.chartPoints} points)`, url: `${api}/runs/${seeded.chartRunId}/metrics/${seeded.chartKey}` });
  }
  if (seeded.seriesRunIds.length) {
    cases.push({ name: 'series_1k', what: `GET /runs/<run>/metrics/m0 (${sizes.seriesSteps} points)`, url: `${api}/runs/${seeded.seriesRunIds[0]}/metrics/m0` });
  }
  console.log(`\n## API from Node (no browser): ${opts['api-rounds']} timed calls each, fetch + JSON.parse`);
  const results = await timeApiCases(cases, Number(opts['api-rounds']));
  console.log('| call | median | p95 | answer |\n|---|---|---|---|');
  for (const r of Object.values(results)) {
    const answer = [r.items !== undefined ? `${r.items} items` : '', r.total !== undefined ? `total ${r.total}` : '', kb(r.bytes)].filter(Boolean).join(', ');
    console.log(`| ${r.what} | ${ms(r.median)} | ${ms(r.p95)} | ${answer} |`);
  }
  return results;
}

async function browserCases(server, seeded) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const version = browser.version();
    const listPath = `/jobs?experiment=${EXPERIMENT}`;
    console.log(`\n## Chromium ${version}, headless, 1440×900, a fresh context (cold cache) per load; ${rounds} rounds`);
    // Untimed: the first context also pays for Chromium's own start-up.
    await listLoad(browser, server.url, listPath);

    const lists = [];
    const allLists = [];
    for (let r = 0; r < rounds; r++) {
      lists.push(await listLoad(browser, server.url, listPath, FILTER));
      allLists.push(await listLoad(browser, server.url, '/jobs'));
    }
    const scrolls = [];
    if (scrollRows >= scrollStep) for (let r = 0; r < rounds; r++) scrolls.push(await scrollList(browser, server.url, listPath, scrollRows, scrollStep));

    const chartSelector = `[data-testid=metric-chart][data-key="${seeded.chartKey}"][data-state=ready]`;
    const charts = [];
    const tabSwitches = [];
    const charts10 = [];
    let chartNote;
    if (seeded.chartRunId) {
      for (let r = 0; r < rounds; r++) {
        const result = await chartLoad(browser, server.url, `/jobs/${seeded.chartRunId}?tab=metrics`, chartSelector, 1, `/metrics/${seeded.chartKey}`, chartTimeout);
        if (!result) {
          chartNote = `no ${chartSelector} within ${chartTimeout / 1000} s of opening /jobs/<run>?tab=metrics`;
          break;
        }
        charts.push(result);
      }
      if (charts.length) {
        for (let r = 0; r < rounds; r++) {
          const result = await chartTabSwitch(browser, server.url, `/jobs/${seeded.chartRunId}`, chartSelector, chartTimeout);
          if (!result) break;
          tabSwitches.push(result);
        }
        if (seeded.seriesRunIds.length) {
          for (let r = 0; r < rounds; r++) {
            const result = await chartLoad(browser, server.url, `/jobs/${seeded.seriesRunIds[0]}?tab=metrics`, '[data-testid=metric-chart]', 10, '/metrics/m0', chartTimeout, true);
            if (!result) break;
            charts10.push(result);
          }
        }
      }
    }
    return { version, lists, allLists, scrolls, charts, tabSwitches, charts10, chartNote };
  } finally {
    await browser.close();
  }
}

function report(seeded, api, b) {
  const firstRows = over(b.lists, (x) => x.load.visible);
  const firstRowsAll = over(b.allLists, (x) => x.load.visible);
  const filter = over(b.lists, (x) => x.filter?.ms);
  const steps = b.scrolls.flatMap((s) => s.steps);
  const frameTimes = b.scrolls.flatMap((s) => s.frames);
  const longTasks = b.scrolls.flatMap((s) => s.longTasks);
  const plainSteps = steps.filter((s) => !s.waitedForPage);
  const pageSteps = steps.filter((s) => s.waitedForPage);
  const chart = over(b.charts, (x) => x.visible);
  const results = {
    list_first_rows: firstRows && {
      ...firstRows,
      what: `cold load of /jobs?experiment=${EXPERIMENT}: navigation start → first rows visible`,
      target: TARGETS.firstRows,
      breakdown: {
        domContentLoaded: over(b.lists, (x) => x.load.domContentLoaded),
        runsRequestStart: over(b.lists, (x) => x.load.api?.start),
        runsResponseEnd: over(b.lists, (x) => x.load.api?.end),
        experimentsRequestStart: over(b.lists, (x) => x.load.experiments?.start),
        experimentsResponseEnd: over(b.lists, (x) => x.load.experiments?.end),
        rowsInDom: over(b.lists, (x) => x.load.dom),
      },
      total: api.list_count?.total,
      domRows: b.lists[0]?.load.domRows,
    },
    list_all_first_rows: firstRowsAll && { ...firstRowsAll, what: 'cold load of /jobs (all experiments): navigation start → first rows visible', total: api.list_all_count?.total },
    filter: filter && {
      ...filter,
      what: `"${FILTER}" typed in the filter box, Enter → the filtered rows visible (data-query has the filter, data-state=ready)`,
      target: TARGETS.filter,
      request: over(b.lists, (x) => x.filter?.apiMs),
      total: api.list_filtered_count?.total,
    },
    scroll: steps.length
      ? {
          what: `${scrollRows} rows scrolled in steps of ${scrollStep} (${b.scrolls[0].rowHeight}px rows): scrollTop set → rows cover the box at the new position`,
          step: summarize(steps.map((s) => s.ms)),
          stepFrames: summarize(steps.map((s) => s.frames)),
          stepWithoutPageLoad: plainSteps.length ? summarize(plainSteps.map((s) => s.ms)) : undefined,
          stepWaitingForPage: pageSteps.length ? summarize(pageSteps.map((s) => s.ms)) : undefined,
          frame: summarize(frameTimes),
          framesOver50ms: frameTimes.filter((t) => t > 50).length,
          longTasks: longTasks.length ? summarize(longTasks) : { n: 0 },
          frames: frameTimes.length,
          total: summarize(b.scrolls.map((s) => s.totalMs)),
          rowsLoaded: b.scrolls[0].rowsAfter,
        }
      : undefined,
    chart_100k: chart
      ? {
          ...chart,
          what: `cold load of /jobs/<run>?tab=metrics: navigation start → the ${sizes.chartPoints}-point chart drawn (data-state=ready) and visible, including the app's own start`,
          seriesRequestStart: over(b.charts, (x) => x.seriesStart),
          seriesResponseEnd: over(b.charts, (x) => x.seriesEnd),
          afterSeries: over(b.charts, (x) => x.afterSeries),
          seriesBytes: b.charts[0]?.seriesBytes,
          dataPoints: b.charts[0]?.points,
          ...(b.chartNote ? { note: `${b.charts.length} of ${rounds} rounds; then ${b.chartNote}` } : {}),
        }
      : { note: b.chartNote ? `not available: ${b.chartNote}` : 'not measured (no chart run seeded)' },
    chart_100k_tab: b.tabSwitches.length
      ? { ...over(b.tabSwitches, (x) => x.ms), what: 'job page open, click on the Metrics tab → the chart drawn and visible (rendering the chart)', target: TARGETS.chart100k }
      : undefined,
    charts_10x1k: b.charts10.length
      ? {
          ...over(b.charts10, (x) => x.visible),
          what: `cold load of /jobs/<run>?tab=metrics with 10 metrics of ${sizes.seriesSteps} points: navigation start → the 10 charts on the page and those in view drawn`,
          drawn: b.charts10[0].drawn,
        }
      : undefined,
  };

  console.log('\n## Studio in Chromium (median and p95 over rounds; times from the page clock)');
  // n: the measurements behind a row (rounds; for scrolling, steps or frames) — fewer rounds
  // than asked means the others timed out.
  console.log('| case | median | p95 | n | target |\n|---|---|---|---|---|');
  const row = (label, s, target) => s && console.log(`| ${label} | ${ms(s.median)} | ${ms(s.p95)} | ${s.n} | ${target ? `< ${target} ms` : ''} |`);
  row(`job list, cold load → first rows visible (${EXPERIMENT}, ${results.list_first_rows?.total ?? '?'} runs)`, firstRows, TARGETS.firstRows);
  row(`job list, cold load → first rows visible (all experiments)`, firstRowsAll, undefined);
  row(`filter \`${FILTER}\` + Enter → filtered rows visible (${results.filter?.total ?? '?'} match)`, filter, TARGETS.filter);
  if (results.scroll) {
    row(`scroll step of ${scrollStep} rows → rows rendered (all steps)`, results.scroll.step);
    row(`scroll step, rows already loaded`, results.scroll.stepWithoutPageLoad);
    row(`scroll step that waits for the next page`, results.scroll.stepWaitingForPage);
    row(`frame interval while scrolling`, results.scroll.frame);
    row(`whole scroll of ${scrollRows} rows`, results.scroll.total);
  }
  if (chart) {
    row(`${sizes.chartPoints}-point chart, cold load of ?tab=metrics → drawn (app start included)`, chart);
    row(`  of which: the series request ends`, results.chart_100k.seriesResponseEnd);
    row(`  of which: series answer → drawn (parse, draw)`, results.chart_100k.afterSeries);
  } else {
    console.log(`| ${sizes.chartPoints}-point chart | ${results.chart_100k.note} | | | |`);
  }
  row(`${sizes.chartPoints}-point chart, click on the Metrics tab → drawn`, results.chart_100k_tab, TARGETS.chart100k);
  row(`10 charts of ${sizes.seriesSteps} points, cold load → those in view drawn (${results.charts_10x1k?.drawn ?? '?'} drawn)`, results.charts_10x1k);

  if (chart && b.chartNote) console.log(`\nChart: ${b.charts.length} of ${rounds} rounds drew it; then ${b.chartNote}.`);
  const f = results.list_first_rows?.breakdown;
  if (f) {
    console.log(
      `\nFirst render, medians: DOMContentLoaded ${ms(f.domContentLoaded?.median)}, runs request ${ms(f.runsRequestStart?.median)} → ${ms(f.runsResponseEnd?.median)} ` +
        `(experiments request ${ms(f.experimentsRequestStart?.median)} → ${ms(f.experimentsResponseEnd?.median)}), rows in the DOM ${ms(f.rowsInDom?.median)}, visible ${ms(firstRows.median)}; ${results.list_first_rows.domRows} rows in the DOM.`,
    );
  }
  if (results.filter) console.log(`Filter: the filtered request itself took ${ms(results.filter.request?.median)} (median) in the page; Node: ${ms(api.list_filtered?.median)}.`);
  if (results.scroll) {
    const s = results.scroll;
    console.log(
      `Scroll: ${s.frames} frames, ${s.framesOver50ms} over 50 ms, max ${ms(s.frame.max)}; ${s.longTasks.n} long tasks in the page` +
        `${s.longTasks.n ? ` (median ${ms(s.longTasks.median)}, max ${ms(s.longTasks.max)})` : ''}; a step took ${s.stepFrames.median} frame(s) (median), ${s.stepFrames.max} at most; ${s.rowsLoaded} rows loaded at the end.`,
    );
  }
  if (results.chart_100k.median !== undefined) {
    console.log(
      `Chart: series answer ${kb(results.chart_100k.seriesBytes)} on the wire, data-points=${results.chart_100k.dataPoints}; Node fetch + parse of the same: ${ms(api.series_100k?.median)}.`,
    );
  }

  const checks = [
    ['job list first rows', firstRows?.median, TARGETS.firstRows],
    ['metric filter', filter?.median, TARGETS.filter],
    // Rendering the chart: the page is open and the user asks for it. A cold load of the same URL
    // adds the app's own start (reported above; the job list's first render covers that).
    [`${sizes.chartPoints}-point chart rendered`, results.chart_100k_tab?.median, TARGETS.chart100k],
  ];
  console.log('\n## Targets (medians)');
  let failed = false;
  for (const [label, value, target] of checks) {
    if (value === undefined) {
      console.log(`n/a    ${label}: not measured (target < ${target} ms)`);
      continue;
    }
    const ok = value < target;
    failed ||= !ok;
    console.log(`${ok ? 'met   ' : 'MISSED'} ${label}: ${ms(value)} (target < ${target} ms)`);
  }
  return { results, failed };
}

const dir = await mkdtemp(join(tmpdir(), 'lathe-bench-studio-'));
let failed = false;
try {
  const server = await startLatheServer(join(dir, 'home'));
  try {
    console.log(`# bench-studio: ${cpus().length} cores, Node ${process.versions.node}, server ${server.url}`);
    const seeded = await seed(server);
    const api = await apiCases(server, seeded);
    const browser = await browserCases(server, seeded);
    const { results, failed: missed } = report(seeded, api, browser);
    failed = missed;
    if (jsonOut) {
      const version = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).version;
      await mkdir(dirname(jsonOut), { recursive: true });
      const out = {
        date: new Date().toISOString(),
        lathe: version,
        machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.versions.node, chromium: browser.version },
        options: { ...sizes, rounds, apiRounds: Number(opts['api-rounds']), scrollRows, scrollStep, filter: FILTER },
        seed: { seconds: seeded.seconds, rows: seeded.rows },
        targets: TARGETS,
        api,
        browser: results,
        rounds: { lists: browser.lists, allLists: browser.allLists, charts: browser.charts, tabSwitches: browser.tabSwitches, charts10: browser.charts10 },
      };
      await writeFile(jsonOut, `${JSON.stringify(out, null, 1)}\n`);
      console.log(`\nwrote ${jsonOut}`);
    }
  } finally {
    await server.stop();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(opts.check && failed ? 1 : 0);
