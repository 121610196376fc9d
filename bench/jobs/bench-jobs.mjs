#!/usr/bin/env node
// Job latency and throughput of Lathe on local compute, against the same commands spawned
// directly (the baseline, measured in the same run).
//
//   npm run bench:jobs
//   node bench/jobs/bench-jobs.mjs [--jobs 20] [--throughput 200] [--json out.json]
//                                  [--timeout 300] [--check]
//
// Starts `lathe server start` as a child process on a fresh LATHE_HOME and a free port, runs the
// cases below one after another, prints a table, then stops the server and removes its home.
// See bench/jobs/README.md for what each row means.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LatheClient, submitJobFile } from '@lathe/sdk';
import { freePort } from '../lib/free-port.mjs';
import { ServerProcess } from '../lib/server-process.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'packages', 'cli', 'bin', 'lathe.js');
const LAUNCHER = join(ROOT, 'packages', 'launcher', 'bin', 'lathe-launch.js');
const TERMINAL = ['Completed', 'Failed', 'Canceled'];
const TARGETS = { overheadMs: 500, submitToRunningMs: 300, burstJobsPerS: 20 };
const WARMUP = 2;

const USAGE = `usage: node bench/jobs/bench-jobs.mjs [options]
  --jobs N         sequential jobs per latency case (default 20)
  --throughput N   jobs in the burst (default 200)
  --in-flight N    concurrent POSTs during the burst (default 50)
  --poll-ms N      GET job interval while waiting for polled cases (default 10)
  --json FILE      also write the figures as JSON
  --timeout S      stop everything and exit 2 after S seconds (default 300)
  --check          exit 1 when a target is missed
env: LATHE_PYTHON (default /usr/bin/python3), LATHE_CONCURRENCY (default: number of cores)`;

// ---------------------------------------------------------------------------------------------
// Options

function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        jobs: { type: 'string', default: '20' },
        throughput: { type: 'string', default: '200' },
        'in-flight': { type: 'string', default: '50' },
        'poll-ms': { type: 'string', default: '10' },
        json: { type: 'string' },
        timeout: { type: 'string', default: '300' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, min) => {
    const value = Number(parsed[name]);
    if (!Number.isInteger(value) || value < min) {
      console.error(`--${name} ${parsed[name]}: expected an integer >= ${min}\n${USAGE}`);
      process.exit(2);
    }
    return value;
  };
  const concurrency = Number(process.env.LATHE_CONCURRENCY || availableParallelism());
  return {
    jobs: int('jobs', 1),
    throughput: int('throughput', 1),
    inFlight: int('in-flight', 1),
    pollMs: int('poll-ms', 1),
    timeoutS: int('timeout', 1),
    json: parsed.json,
    check: parsed.check,
    python: process.env.LATHE_PYTHON || '/usr/bin/python3',
    concurrency,
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const now = () => performance.now();

/** Linear-interpolated percentile of `values` (p in 0..100). */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

function summary(samples) {
  return {
    median_ms: round(percentile(samples, 50)),
    p95_ms: round(percentile(samples, 95)),
    min_ms: round(Math.min(...samples)),
    max_ms: round(Math.max(...samples)),
    n: samples.length,
    samples_ms: samples.map(round),
  };
}

const round = (x) => Math.round(x * 10) / 10;

/** Runs `task(i)` for i in 0..count-1 with at most `limit` running at once. */
async function pool(count, limit, task) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------
// Baseline: the same commands spawned directly, as the launcher spawns them

/** `bash -c <command>` with piped stdout/stderr, until it has exited and its pipes closed. */
function spawnDirect(command) {
  return new Promise((resolve, reject) => {
    const start = now();
    const child = spawn('/bin/bash', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = now() - start;
      if (code !== 0) reject(new Error(`bash -c '${command}' exited ${code}: ${out}`));
      else resolve({ ms, out });
    });
  });
}

async function directLatency(command, n) {
  for (let i = 0; i < WARMUP; i++) await spawnDirect(command);
  const samples = [];
  for (let i = 0; i < n; i++) samples.push((await spawnDirect(command)).ms);
  return samples;
}

/** `node lathe-launch.js` with no job: it prints its usage and exits (Node start + imports). */
function launcherStartup() {
  return new Promise((resolve, reject) => {
    const start = now();
    const child = spawn(process.execPath, [LAUNCHER], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', (code) => (code === 2 ? resolve(now() - start) : reject(new Error(`lathe-launch exited ${code}`))));
  });
}

// ---------------------------------------------------------------------------------------------
// Lathe cases

const NOOP_SPEC = { command: 'true', experiment_name: 'bench' };

function historyTimes(job) {
  const at = {};
  for (const event of job.status_history) at[event.status] ??= Date.parse(event.time);
  return at;
}

/** Waits until the job ends by following its log (the stream ends when the job has ended). */
async function followToEnd(client, name) {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of client.followLogs(name)) text += decoder.decode(chunk, { stream: true });
  return text;
}

/** Polls GET job every `intervalMs` until it is terminal; returns the job and when it was seen. */
async function pollToEnd(client, name, intervalMs) {
  for (;;) {
    const job = await client.getJob(name);
    if (TERMINAL.includes(job.status)) return { job, seenAt: now() };
    await sleep(intervalMs);
  }
}

/**
 * One job: POST it, wait for its end (following the log, or polling), read it once.
 * Returns client and server timings in ms.
 */
async function runOne(client, submit, wait, pollMs) {
  const wall0 = Date.now();
  const t0 = now();
  const job0 = await submit();
  const tPosted = now();
  let job;
  let tEnd;
  if (wait === 'follow') {
    await followToEnd(client, job0.name);
    tEnd = now();
    job = await client.getJob(job0.name);
  } else {
    ({ job, seenAt: tEnd } = await pollToEnd(client, job0.name, pollMs));
  }
  const at = historyTimes(job);
  return {
    name: job.name,
    status: job.status,
    post: tPosted - t0,
    endToEnd: tEnd - t0,
    submitToRunning: at.Running - wall0,
    createdToCompleted: at.Completed - at.Queued,
    phases: {
      queued: at.Preparing - at.Queued,
      preparing: at.Running - at.Preparing,
      running: at.Finalizing - at.Running,
      finalizing: at.Completed - at.Finalizing,
    },
    error: job.error,
  };
}

async function latencyCase(client, n, submit, wait, pollMs, failures) {
  for (let i = 0; i < WARMUP; i++) await runOne(client, submit, wait, pollMs);
  const runs = [];
  for (let i = 0; i < n; i++) {
    const run = await runOne(client, submit, wait, pollMs);
    if (run.status !== 'Completed') failures.push(`${run.name}: ${run.status} ${run.error ? `(${run.error.type}: ${run.error.message})` : ''}`);
    else runs.push(run);
  }
  return runs;
}

async function burst(client, count, inFlight, concurrency) {
  const experiment = 'bench-burst';
  const t0 = now();
  const created = await pool(count, inFlight, () => client.createJob({ command: 'true', experiment_name: experiment }));
  const tSubmitted = now();
  const names = new Set(created.map((j) => j.name));
  let ended = [];
  for (;;) {
    const page = await client.listJobs({ experimentName: experiment, status: TERMINAL, maxResults: 1000 });
    ended = page.value.filter((j) => names.has(j.name));
    if (ended.length >= count) break;
    await sleep(200);
  }
  const tAll = now();
  const lastEnd = Math.max(...ended.map((j) => Date.parse(j.ended_at ?? j.status_history.at(-1).time)));
  const firstCreated = Math.min(...ended.map((j) => Date.parse(j.created_at)));
  const failed = ended.filter((j) => j.status !== 'Completed');
  // Where a slot's time goes: each job's own phases from its status history, and the rest of
  // the slot time (span x slots / jobs) that no phase accounts for — the launcher exiting, the
  // slot being handed to the next job, the server's own work between jobs.
  const times = ended.filter((j) => j.status === 'Completed').map(historyTimes);
  const med = (values) => percentile(values, 50);
  const slotMs = ((lastEnd - firstCreated) * concurrency) / count;
  const phases = {
    preparing_ms: med(times.map((t) => t.Running - t.Preparing)),
    running_ms: med(times.map((t) => t.Finalizing - t.Running)),
    finalizing_ms: med(times.map((t) => t.Completed - t.Finalizing)),
  };
  const breakdown = { slot_ms: slotMs, ...phases, between_jobs_ms: slotMs - phases.preparing_ms - phases.running_ms - phases.finalizing_ms };
  return {
    breakdown,
    jobs: count,
    completed: count - failed.length,
    failed: failed.length,
    failures: failed.slice(0, 5).map((j) => `${j.name}: ${j.status} ${j.error ? `(${j.error.type}: ${j.error.message})` : ''}`),
    submit_s: (tSubmitted - t0) / 1000,
    total_s: (tAll - t0) / 1000,
    server_span_s: (lastEnd - firstCreated) / 1000,
    jobs_per_s: count / ((tAll - t0) / 1000),
  };
}

async function directBurst(count, concurrency) {
  const t0 = now();
  await pool(count, concurrency, () => spawnDirect('true'));
  const total = (now() - t0) / 1000;
  return { jobs: count, total_s: total, jobs_per_s: count / total };
}

// ---------------------------------------------------------------------------------------------
// Report

function printTable(rows) {
  const head = ['case', 'median ms', 'p95 ms', 'n'];
  const body = rows.map(([label, s]) => [label, s.median_ms.toFixed(1), s.p95_ms.toFixed(1), String(s.n)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------
// Main

// Set once the run is being stopped early; the cases still in flight then fail quietly.
let aborted = false;

async function main() {
  const options = readOptions();
  const home = await mkdtemp(join(tmpdir(), 'lathe-bench-'));
  let server;
  let finished = false;

  const cleanup = async () => {
    await server?.stop().catch(() => undefined);
    await rm(home, { recursive: true, force: true }).catch(() => undefined);
  };
  const abort = (why, code) => {
    if (finished) return;
    finished = true;
    aborted = true;
    console.error(`bench-jobs: ${why}; stopping`);
    if (server?.output.trim()) console.error(`server output (last lines):\n${server.output.split('\n').slice(-20).join('\n')}`);
    void cleanup().finally(() => process.exit(code));
  };
  const watchdog = setTimeout(() => abort(`timed out after ${options.timeoutS} s (--timeout)`, 2), options.timeoutS * 1000);
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));

  try {
    const noopFile = join(home, 'noop.yml');
    const helloFile = join(home, 'hello-world.yml');
    const yaml = (command, name) => `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n` + `command: ${command}\nexperiment_name: ${name}\n`;
    await writeFile(noopFile, yaml('"true"', 'bench-yaml'));
    await writeFile(helloFile, yaml('echo "hello world"', 'bench-hello'));

    const port = await freePort();
    const tSpawn = now();
    server = new ServerProcess(home, port, options);
    const client = new LatheClient({ url: server.url, workspace: 'default' });
    await server.waitHealthy(client);
    const serverStartMs = now() - tSpawn;

    console.log(
      `Lathe job benchmark — Node ${process.versions.node}, ${availableParallelism()} cores, ` +
        `LATHE_CONCURRENCY=${options.concurrency}, python ${options.python}\n` +
        `server ${server.url} (child process, up in ${serverStartMs.toFixed(0)} ms), ` +
        `${options.jobs} sequential jobs per case after ${WARMUP} warm-up, burst of ${options.throughput}, polling every ${options.pollMs} ms\n`,
    );

    const failures = [];
    const log = (text) => process.stderr.write(`  … ${text}\n`);

    log('baseline: direct spawns');
    const directTrue = await directLatency('true', options.jobs);
    const directHello = await directLatency('echo "hello world"', options.jobs);
    const launcher = [];
    await launcherStartup();
    for (let i = 0; i < options.jobs; i++) launcher.push(await launcherStartup());

    log('no-op jobs (createJob with a spec object, log followed to the end)');
    const noop = await latencyCase(client, options.jobs, () => client.createJob(NOOP_SPEC), 'follow', 0, failures);

    log(`hello-world jobs (submitJobFile, GET job polled every ${options.pollMs} ms)`);
    let helloBad = 0;
    const hello = await latencyCase(client, options.jobs, async () => (await submitJobFile(client, helloFile)).job, 'poll', options.pollMs, failures);
    for (const run of hello) {
      const text = await client.getLogs(run.name);
      if (!text.includes('hello world')) {
        helloBad++;
        failures.push(`${run.name}: log lacks "hello world": ${JSON.stringify(text.slice(0, 200))}`);
      }
    }

    log(`no-op jobs from YAML (submitJobFile, GET job polled every ${options.pollMs} ms)`);
    const noopYaml = await latencyCase(client, options.jobs, async () => (await submitJobFile(client, noopFile)).job, 'poll', options.pollMs, failures);

    log(`burst: ${options.throughput} no-op jobs, ${options.inFlight} POSTs in flight`);
    const lathe = await burst(client, options.throughput, options.inFlight, options.concurrency);
    for (const f of lathe.failures) failures.push(`burst ${f}`);
    log(`burst: ${options.throughput} direct spawns, ${options.concurrency} at once`);
    const direct = await directBurst(options.throughput, options.concurrency);

    const pick = (runs, key) => runs.map((r) => r[key]);
    const phase = (runs, key) => runs.map((r) => r.phases[key]);
    const rows = [
      ['direct: bash -c true', summary(directTrue)],
      ['direct: bash -c \'echo "hello world"\'', summary(directHello)],
      ['direct: node lathe-launch.js (no job: start + imports)', summary(launcher)],
      ['no-op [createJob]: POST /jobs round trip', summary(pick(noop, 'post'))],
      ['no-op [createJob]: submit -> Running', summary(pick(noop, 'submitToRunning'))],
      ['no-op [createJob]: end-to-end (log stream ends)', summary(pick(noop, 'endToEnd'))],
      ['no-op [createJob]: server created -> Completed', summary(pick(noop, 'createdToCompleted'))],
      ['  phase Queued -> Preparing', summary(phase(noop, 'queued'))],
      ['  phase Preparing -> Running', summary(phase(noop, 'preparing'))],
      ['  phase Running -> Finalizing', summary(phase(noop, 'running'))],
      ['  phase Finalizing -> Completed', summary(phase(noop, 'finalizing'))],
      ['no-op [submitJobFile]: POST incl. YAML load', summary(pick(noopYaml, 'post'))],
      ['no-op [submitJobFile]: submit -> Running', summary(pick(noopYaml, 'submitToRunning'))],
      ['no-op [submitJobFile]: end-to-end (polled)', summary(pick(noopYaml, 'endToEnd'))],
      ['hello [submitJobFile]: submit -> Running', summary(pick(hello, 'submitToRunning'))],
      ['hello [submitJobFile]: end-to-end (polled)', summary(pick(hello, 'endToEnd'))],
      ['hello [submitJobFile]: server created -> Completed', summary(pick(hello, 'createdToCompleted'))],
    ];
    printTable(rows);

    console.log(
      `\nthroughput: Lathe ${lathe.jobs_per_s.toFixed(2)} jobs/s — ${lathe.completed}/${lathe.jobs} Completed, ` +
        `${lathe.failed} failed, ${lathe.total_s.toFixed(2)} s total (POSTs done after ${lathe.submit_s.toFixed(2)} s; ` +
        `server span ${lathe.server_span_s.toFixed(2)} s), concurrency ${options.concurrency}`,
    );
    const b = lathe.breakdown;
    console.log(
      `  a slot's time per burst job: ${b.slot_ms.toFixed(1)} ms = Preparing -> Running ${b.preparing_ms.toFixed(1)} ` +
        `(job folder, launcher, staging) + Running -> Finalizing ${b.running_ms.toFixed(1)} (the command) + ` +
        `Finalizing -> Completed ${b.finalizing_ms.toFixed(1)} (log, outputs, report) + between jobs ${b.between_jobs_ms.toFixed(1)} (medians)`,
    );
    console.log(`throughput: direct ${direct.jobs_per_s.toFixed(1)} spawns/s — ${direct.jobs} x bash -c true, ` + `${options.concurrency} at once, ${direct.total_s.toFixed(2)} s total`);

    const noopE2e = percentile(pick(noop, 'endToEnd'), 50);
    const overhead = noopE2e - percentile(directTrue, 50);
    const helloOverhead = percentile(pick(hello, 'endToEnd'), 50) - percentile(directHello, 50);
    const s2r = percentile(pick(noop, 'submitToRunning'), 50);
    const checks = [
      { name: 'overhead', value_ms: round(overhead), target_ms: TARGETS.overheadMs, pass: overhead < TARGETS.overheadMs, what: 'no-op end-to-end median - direct bash -c true median' },
      { name: 'submit_to_running', value_ms: round(s2r), target_ms: TARGETS.submitToRunningMs, pass: s2r < TARGETS.submitToRunningMs, what: 'no-op submit -> Running median' },
      {
        name: 'burst_throughput',
        value_jobs_per_s: round(lathe.jobs_per_s),
        target_jobs_per_s: TARGETS.burstJobsPerS,
        pass: lathe.jobs_per_s >= TARGETS.burstJobsPerS,
        what: `burst of ${options.throughput} no-op jobs`,
      },
      { name: 'all_completed', pass: failures.length === 0, what: 'every measured job Completed (and hello-world logs say so)' },
    ];
    console.log('');
    console.log(`${checks[0].pass ? 'PASS' : 'FAIL'} overhead ${overhead.toFixed(1)} ms (target < ${TARGETS.overheadMs} ms): ${checks[0].what}`);
    console.log(`${checks[1].pass ? 'PASS' : 'FAIL'} submit -> Running ${s2r.toFixed(1)} ms (target < ${TARGETS.submitToRunningMs} ms): ${checks[1].what}`);
    console.log(`${checks[2].pass ? 'PASS' : 'FAIL'} burst ${lathe.jobs_per_s.toFixed(1)} jobs/s (target >= ${TARGETS.burstJobsPerS}): ${checks[2].what}`);
    console.log(`     (hello-world overhead, submitJobFile + polling: ${helloOverhead.toFixed(1)} ms)`);
    if (failures.length > 0) {
      console.log(`FAIL ${failures.length} job(s) did not complete as expected:`);
      for (const f of failures.slice(0, 10)) console.log(`  ${f}`);
    }
    const serverWarnings = server.output.split('\n').filter((l) => l.startsWith('{')).length;
    if (serverWarnings > 0) console.log(`note: the server logged ${serverWarnings} line(s) at LATHE_LOG_LEVEL=warn or above`);

    if (options.json) {
      const report = {
        meta: {
          date: new Date().toISOString(),
          node: process.versions.node,
          platform: `${process.platform}-${process.arch}`,
          cores: availableParallelism(),
          concurrency: options.concurrency,
          python: options.python,
          jobs_per_case: options.jobs,
          warmup: WARMUP,
          server_start_ms: round(serverStartMs),
          submit: { noop: 'LatheClient.createJob({command: "true", experiment_name: "bench"})', hello: 'submitJobFile(hello-world.yml)', noop_yaml: 'submitJobFile(noop.yml)' },
          end_detection: { noop: 'followLogs stream end', hello: `GET job every ${options.pollMs} ms`, noop_yaml: `GET job every ${options.pollMs} ms` },
        },
        cases: Object.fromEntries(rows.map(([label, s]) => [label.trim(), s])),
        throughput: { lathe, direct },
        checks,
        failures,
      };
      await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`figures written to ${options.json}`);
    }
    const ok = failures.length === 0 && lathe.failed === 0 && helloBad === 0;
    return !ok ? 1 : options.check && !(checks[0].pass && checks[1].pass && checks[2].pass) ? 1 : 0;
  } finally {
    clearTimeout(watchdog);
    if (!finished) {
      finished = true;
      await cleanup();
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (aborted) return;
    console.error(`bench-jobs: ${error.stack ?? error}`);
    process.exitCode = 1;
  },
);
