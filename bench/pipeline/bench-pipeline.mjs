#!/usr/bin/env node
// Scheduling overhead of pipeline steps: a chain of N no-op steps (each reads the one before)
// and a fan-out of N no-op steps (all independent), end to end, against the same no-op processes
// spawned directly — one after another for the chain, LATHE_CONCURRENCY at a time for the
// fan-out — measured in the same run (with force_rerun, so that every step runs). Then step
// reuse: the iris example (examples/pipelines) end to end, then again with only its last step's
// parameter changed, which reruns that step and reuses the three before it.
//
//   node bench/pipeline/bench-pipeline.mjs [--steps 50] [--concurrency 2] [--timeout 600]
//
// Starts `lathe server start` on a fresh LATHE_HOME and a free port. Build first.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { submitJobFile } from '@lathe/sdk';
import { now, sleep, withServer } from '../lib/with-server.mjs';

const EXAMPLE = fileURLToPath(new URL('../../examples/pipelines/iris-pipeline.yml', import.meta.url));

const { values: options } = parseArgs({
  options: {
    steps: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '600' },
  },
});
const STEPS = Number(options.steps);
const CONCURRENCY = Number(options.concurrency);
const TERMINAL = ['Completed', 'Failed', 'Canceled'];
const TARGET_MS = 100;

/** `bash -c true`, as the launcher spawns a step's command. */
function spawnNoop() {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/bash', ['-c', 'true'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', resolve);
  });
}

async function direct(count, limit) {
  const start = now();
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) {
        next++;
        await spawnNoop();
      }
    }),
  );
  return now() - start;
}

/** The steps of a chain (`s1` reads `s0`'s output, ...) or of a fan-out (all independent). */
function pipelineSpec(shape) {
  const jobs = {};
  for (let i = 0; i < STEPS; i++) {
    const reads = shape === 'chain' && i > 0;
    jobs[`s${i}`] = {
      command: reads ? 'true ${{inputs.previous}}' : 'true',
      ...(reads ? { inputs: { previous: `\${{parent.jobs.s${i - 1}.outputs.out}}` } } : {}),
      outputs: { out: null },
    };
  }
  // Every no-op step is the same work: without force_rerun the later ones would reuse the first.
  return { type: 'pipeline', experiment_name: `bench-${shape}`, settings: { force_rerun: true }, jobs };
}

async function runPipeline(client, shape) {
  const start = now();
  const job = await client.createJob(pipelineSpec(shape));
  await waitCompleted(client, job.name, shape);
  return now() - start;
}

async function waitCompleted(client, name, what) {
  for (;;) {
    const got = await client.getJob(name);
    if (TERMINAL.includes(got.status)) {
      if (got.status !== 'Completed') throw new Error(`${what} pipeline ${name} ended ${got.status}: ${got.error?.message}`);
      return got;
    }
    await sleep(20);
  }
}

/** The iris example submitted as `lathe job create --file` does, to completion: ms, and how many steps were reused. */
async function runExample(client, set) {
  const start = now();
  const { job } = await submitJobFile(client, EXAMPLE, { set });
  await waitCompleted(client, job.name, 'iris');
  const ms = now() - start;
  const steps = (await client.listChildJobs(job.name)).value;
  return { ms, steps: steps.length, reused: steps.filter((s) => s.reused_from !== null).length };
}

await withServer({ prefix: 'lathe-bench-pipeline-', concurrency: CONCURRENCY, timeoutS: Number(options.timeout) }, async (client) => {
  const rows = [];
  for (const [shape, limit] of [
    ['chain', 1],
    ['fan-out', CONCURRENCY],
  ]) {
    const baseline = await direct(STEPS, limit);
    const lathe = await runPipeline(client, shape);
    rows.push({ shape, baseline, lathe, perStep: (lathe - baseline) / STEPS });
  }
  console.log(`local compute, ${CONCURRENCY} jobs at once, ${STEPS} no-op steps\n`);
  console.log(`${'pipeline'.padEnd(10)} ${'direct ms'.padStart(10)} ${'Lathe ms'.padStart(10)} ${'overhead/step ms'.padStart(17)}`);
  for (const r of rows) console.log(`${r.shape.padEnd(10)} ${r.baseline.toFixed(0).padStart(10)} ${r.lathe.toFixed(0).padStart(10)} ${r.perStep.toFixed(1).padStart(17)}`);
  for (const r of rows) console.log(`${r.perStep <= TARGET_MS ? 'PASS' : 'FAIL'} ${r.shape}: ${r.perStep.toFixed(1)} ms per step (target < ${TARGET_MS} ms)`);

  const first = await runExample(client, []);
  const again = await runExample(client, ['inputs.min_accuracy=0.9']);
  console.log(`\nstep reuse: the iris example (prep → train → score → evaluate, Python steps)\n`);
  console.log(`${'run'.padEnd(34)} ${'ms'.padStart(8)} ${'steps reused'.padStart(13)}`);
  console.log(`${'first'.padEnd(34)} ${first.ms.toFixed(0).padStart(8)} ${`${first.reused}/${first.steps}`.padStart(13)}`);
  console.log(`${'second, last step changed'.padEnd(34)} ${again.ms.toFixed(0).padStart(8)} ${`${again.reused}/${again.steps}`.padStart(13)}`);
  console.log(`second run: ${(first.ms / again.ms).toFixed(1)}× faster than the first`);
});
