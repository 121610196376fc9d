#!/usr/bin/env node
// What a sweep costs beyond its trials: a sweep of N trials against the same N command jobs
// submitted at once by a client (the baseline, measured in the same run on the same server), and
// how soon the sweep stops a trial after it logs the value that condemns it.
//
//   node bench/sweep/orchestration.mjs [--trials 20] [--concurrency 2] [--timeout 300]
//
// Starts `lathe server start` on a fresh LATHE_HOME and a free port, runs the cases one after
// another and prints a table. Build first (`npx tsc -b tsconfig.json`).
import { parseArgs } from 'node:util';
import { TrackingClient } from '@lathe/sdk';
import { now, sleep, withServer } from '../lib/with-server.mjs';

const { values: options } = parseArgs({
  options: {
    trials: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '300' },
  },
});
const TRIALS = Number(options.trials);
const CONCURRENCY = Number(options.concurrency);
const TERMINAL = ['Completed', 'Failed', 'Canceled'];

// Logs its score once: the work of a trial is not what is measured.
const LOG_SCORE = (value) => `python -c "import mlflow; mlflow.start_run(); mlflow.log_metric('score', ${value})"`;

async function waitEnded(client, names) {
  const pending = new Set(names);
  while (pending.size > 0) {
    for (const name of [...pending]) if (TERMINAL.includes((await client.getJob(name)).status)) pending.delete(name);
    if (pending.size > 0) await sleep(20);
  }
}

/** The baseline: N command jobs POSTed at once, each the command one trial runs. */
async function commandJobs(client, tag) {
  const start = now();
  const names = [];
  for (let i = 0; i < TRIALS; i++) names.push((await client.createJob({ command: LOG_SCORE(i), experiment_name: `bench-${tag}` }, { name: `${tag}_${i}` })).name);
  await waitEnded(client, names);
  return now() - start;
}

/** The same N commands as the trials of one grid sweep. */
async function sweep(client, tag) {
  const start = now();
  await client.createJob(
    {
      type: 'sweep',
      trial: { command: LOG_SCORE('${{search_space.i}}') },
      sampling_algorithm: 'grid',
      search_space: { i: { type: 'choice', values: Array.from({ length: TRIALS }, (_, i) => i) } },
      objective: { primary_metric: 'score', goal: 'maximize' },
      limits: { max_concurrent_trials: TRIALS },
      experiment_name: `bench-${tag}`,
    },
    { name: tag },
  );
  await waitEnded(client, [tag]);
  const ms = now() - start;
  const ended = await client.getSweep(tag);
  if (ended.status !== 'Completed' || ended.trials.length !== TRIALS) throw new Error(`sweep ${tag}: ${ended.status}, ${ended.trials.length} trials`);
  return ms;
}

/**
 * From the moment a trial logs a hopeless value to the moment its job is CancelRequested: a
 * bandit sweep whose second trial waits after logging 0 against the first trial's 1 (the first
 * ends at once, the second would sleep 30 s).
 */
async function stopLatency(client, tracking, tag) {
  const script = `import mlflow, time
mlflow.start_run()
mlflow.log_metric('score', \${{search_space.v}})
time.sleep(30 * (1 - \${{search_space.v}}))`;
  await client.createJob(
    {
      type: 'sweep',
      // The shipped mlflow client sends metrics in batches once a second; sent at once here, so
      // what is measured is the server's reaction, not the client's batching.
      trial: { command: `python -c "${script.replaceAll('"', '\\"')}"`, environment_variables: { MLFLOW_ASYNC_LOGGING_INTERVAL: '0.005' } },
      sampling_algorithm: 'grid',
      search_space: { v: { type: 'choice', values: [1, 0] } },
      objective: { primary_metric: 'score', goal: 'maximize' },
      limits: { max_concurrent_trials: 1 },
      early_termination: { type: 'bandit', evaluation_interval: 1, slack_factor: 0.1 },
    },
    { name: tag },
  );
  const trial = `${tag}_1`;
  for (;;) {
    const job = await client.getJob(trial).catch(() => undefined);
    const requested = job?.status_history.find((e) => e.status === 'CancelRequested');
    if (requested) {
      const [point] = await tracking.getMetricHistory(trial, 'score');
      if (!point || !requested.reason?.startsWith('bandit')) throw new Error(`${trial} was stopped before it logged: ${requested.reason}`);
      await waitEnded(client, [tag]);
      return Date.parse(requested.time) - point.timestamp;
    }
    await sleep(20);
  }
}

await withServer({ prefix: 'lathe-bench-sweep-', concurrency: CONCURRENCY, timeoutS: Number(options.timeout) }, async (client, server) => {
  const tracking = new TrackingClient(server.url, 'default');
  // A first round of each warms the launchers and the Python start.
  await commandJobs(client, 'warm_jobs');
  await sweep(client, 'warm_sweep');
  const baseline = await commandJobs(client, 'jobs');
  const swept = await sweep(client, 'sweep');
  const stop = await stopLatency(client, tracking, 'stop');
  const rows = [
    [`${TRIALS} command jobs, POSTed at once (baseline)`, baseline],
    [`sweep of ${TRIALS} trials (grid, max_concurrent_trials ${TRIALS})`, swept],
    ['sweep overhead per trial', (swept - baseline) / TRIALS],
    ['metric logged -> trial CancelRequested (bandit), client batching off', stop],
  ];
  console.log(`local compute, ${CONCURRENCY} jobs at once, ${TRIALS} trials\n`);
  for (const [what, ms] of rows) console.log(`${what.padEnd(72)} ${ms.toFixed(1).padStart(9)} ms`);
});
