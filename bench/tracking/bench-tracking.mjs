#!/usr/bin/env node
// Tracking-server benchmark: Lathe's MLflow REST API, measured by mlflow-bench.py (a
// standard-library MLflow client, one request at a time over one keep-alive connection), beside
// MLflow's own tracking server in the same run when one is given, plus search over 100,000 runs.
//
//   npm run bench:tracking
//   node bench/tracking/bench-tracking.mjs [--rounds 5] [--scale 100000] [--json out.json]
//        [--mlflow-server "<command {port} {dir}>"] [--check]
//
// Lathe runs as `lathe server start` (SQLite, fresh LATHE_HOME, free port). `--mlflow-server`
// is a command that starts MLflow's server on {port} with its files under {dir}, e.g.
// `bash /path/start-mlflow-server.sh {port} {dir}`; it is stopped when its cases are done.
// See bench/tracking/README.md for what each row means.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seedRuns } from './seed-runs.mjs';
import { freePort } from '../lib/free-port.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'packages', 'cli', 'bin', 'lathe.js');
const BENCH_PY = fileURLToPath(new URL('./mlflow-bench.py', import.meta.url));
const PYTHON = process.env.LATHE_PYTHON ?? '/usr/bin/python3';
/** Targets: search at scale, log_batch, and the ratio to MLflow's server measured alongside. */
const TARGETS = { scaleFilteredSearchMs: 100, logBatch1000Ms: 20, ratioVsMlflow: 5 };
/** MLflow 3.5's server on this kind of machine (SQLite, one client), for when it is not run here. */
const MLFLOW_ANCHOR = { log_metric: 5, log_batch_1000: 77, create_1000_runs: 10.5, search_1000_runs: 1000, search_filtered: 257, history_10000: 500 };

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    scale: { type: 'string', default: '100000' },
    'scale-rounds': { type: 'string', default: '20' },
    json: { type: 'string' },
    'mlflow-server': { type: 'string' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log('usage: node bench/tracking/bench-tracking.mjs [--rounds 5] [--scale 100000] [--scale-rounds 20] [--json FILE] [--mlflow-server CMD] [--check]');
  process.exit(0);
}

async function waitHealthy(url, child, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy in ${seconds} s`);
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
}

/** Runs mlflow-bench.py against `url`; returns its results object. */
async function runClientBench(url, dir, label) {
  const out = join(dir, `${label}.json`);
  console.log(`\n## ${label}: python3 bench/tracking/mlflow-bench.py ${url} --rounds ${opts.rounds}`);
  const result = spawnSync(PYTHON, [BENCH_PY, url, '--rounds', opts.rounds, '--json', out], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`mlflow-bench.py against ${label} exited with ${result.status}`);
  return JSON.parse(await readFile(out, 'utf8')).results;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function post(url, path, body) {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(`${path} -> ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Seeds `scale` runs and times runs/search over them through HTTP. */
async function scaleCases(url, home) {
  const scale = Number(opts.scale);
  const { experiment_id: experimentId } = await post(url, '/api/2.0/mlflow/experiments/create', { name: `bench-scale-${Date.now()}` });
  const seconds = seedRuns(join(home, 'lathe.db'), Number(experimentId), scale);
  console.log(`\n## search over ${scale} runs (seeded straight into SQLite in ${seconds.toFixed(1)} s)`);
  const cases = [
    { name: 'scale_filtered_100', body: { filter: 'metrics.m0 > 0.5', max_results: 100 } },
    { name: 'scale_filtered_1000', body: { filter: 'metrics.m0 > 0.5', max_results: 1000 } },
    { name: 'scale_selective_ordered', body: { filter: "metrics.m0 > 0.99 and params.p0 = 'v'", order_by: ['metrics.m1 DESC'], max_results: 100 } },
    { name: 'scale_unfiltered_100', body: { max_results: 100 } },
    { name: 'scale_page_50', body: { max_results: 100 }, deep: 50 },
  ];
  const results = {};
  for (const c of cases) {
    const times = [];
    let count = 0;
    for (let r = 0; r < Number(opts['scale-rounds']); r++) {
      let token;
      // For a deep page, walk there first; time only the last page.
      for (let p = 0; p < (c.deep ?? 0); p++) token = (await post(url, '/api/2.0/mlflow/runs/search', { experiment_ids: [experimentId], ...c.body, page_token: token })).next_page_token;
      const t0 = performance.now();
      const out = await post(url, '/api/2.0/mlflow/runs/search', { experiment_ids: [experimentId], ...c.body, ...(token ? { page_token: token } : {}) });
      times.push(performance.now() - t0);
      count = out.runs?.length ?? 0;
    }
    results[c.name] = { median: median(times), min: Math.min(...times), max: Math.max(...times), unit: 'ms', returned: count };
    console.log(`${c.name.padEnd(24)} median ${median(times).toFixed(2).padStart(8)} ms  (min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)})  ${count} runs returned`);
  }
  return results;
}

async function benchLathe(dir) {
  const port = await freePort();
  const home = join(dir, 'lathe-home');
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [CLI, 'server', 'start'], {
    env: { ...process.env, LATHE_HOME: home, LATHE_PORT: String(port), LATHE_HOST: '127.0.0.1', LATHE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    await waitHealthy(url, child, 60);
    const client = await runClientBench(url, dir, 'lathe');
    const scale = Number(opts.scale) > 0 ? await scaleCases(url, home) : {};
    return { client, scale };
  } finally {
    await stop(child);
  }
}

async function benchMlflow(dir) {
  if (!opts['mlflow-server']) return undefined;
  const port = await freePort();
  const home = join(dir, 'mlflow-home');
  const command = opts['mlflow-server'].replaceAll('{port}', String(port)).replaceAll('{dir}', home);
  const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  try {
    await waitHealthy(`http://127.0.0.1:${port}`, child, 180);
    return await runClientBench(`http://127.0.0.1:${port}`, dir, 'mlflow');
  } finally {
    await stop(child);
  }
}

const dir = await mkdtemp(join(tmpdir(), 'lathe-bench-tracking-'));
let failed = false;
try {
  const lathe = await benchLathe(dir);
  const mlflow = await benchMlflow(dir);
  const rows = [];
  for (const [name, r] of Object.entries(lathe.client)) {
    const other = mlflow?.[name]?.median;
    const anchor = MLFLOW_ANCHOR[name];
    const base = other ?? anchor;
    rows.push({
      case: name,
      lathe: `${r.median.toFixed(2)} ${r.unit}`,
      mlflow: other !== undefined ? `${other.toFixed(2)} ${r.unit}` : anchor !== undefined ? `(${anchor} ${r.unit} anchor)` : '',
      ratio: base !== undefined && r.median > 0 ? `${(base / r.median).toFixed(1)}x` : '',
    });
  }
  console.log(`\n## Lathe vs MLflow's tracking server${mlflow ? ' (measured in this run)' : ' (MLflow 3.5 anchor figures, not measured here)'}`);
  console.log('| case | Lathe | MLflow | MLflow / Lathe |\n|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.case} | ${row.lathe} | ${row.mlflow} | ${row.ratio} |`);
  const checks = [];
  if (lathe.scale.scale_filtered_100) checks.push(['search over scale runs, metric filter (100 returned)', lathe.scale.scale_filtered_100.median, TARGETS.scaleFilteredSearchMs]);
  if (lathe.client.log_batch_1000) checks.push(['log_batch of 1000 metrics', lathe.client.log_batch_1000.median, TARGETS.logBatch1000Ms]);
  console.log('\n## Targets');
  for (const [label, value, target] of checks) {
    const ok = value < target;
    failed ||= !ok;
    console.log(`${ok ? 'met   ' : 'MISSED'} ${label}: ${value.toFixed(2)} ms (target < ${target} ms)`);
  }
  if (mlflow) {
    for (const name of ['search_1000_runs', 'search_filtered', 'history_10000']) {
      const ratio = mlflow[name].median / lathe.client[name].median;
      const ok = ratio >= TARGETS.ratioVsMlflow;
      failed ||= !ok;
      console.log(`${ok ? 'met   ' : 'MISSED'} ${name}: ${ratio.toFixed(1)}x MLflow's server (target >= ${TARGETS.ratioVsMlflow}x)`);
    }
  }
  if (opts.json) {
    await writeFile(
      opts.json,
      `${JSON.stringify({ date: new Date().toISOString(), rounds: Number(opts.rounds), scale: Number(opts.scale), lathe, mlflow: mlflow ?? null, mlflowAnchor: MLFLOW_ANCHOR }, null, 1)}\n`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(opts.check && failed ? 1 : 0);
