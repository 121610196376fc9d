#!/usr/bin/env node
// A parallel job's cost: an entry script over N small files in mini-batches, as a `type:
// parallel` job through Lathe (driver, worker processes, staging, log and outputs), against the
// same entry script called over the same mini-batches in one plain Python process, measured in
// the same run.
//
//   node bench/pipeline/bench-parallel.mjs [--files 400] [--mini-batch-size 10] [--workers 2] [--timeout 600]
//
// Starts `lathe server start` on a fresh LATHE_HOME and a free port. Build first.
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { submitJobFile } from '@lathe/sdk';
import { now, sleep, withServer } from '../lib/with-server.mjs';

const { values: options } = parseArgs({
  options: {
    files: { type: 'string', default: '400' },
    'mini-batch-size': { type: 'string', default: '10' },
    workers: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '600' },
  },
});
const FILES = Number(options.files);
const BATCH = Number(options['mini-batch-size']);
const WORKERS = Number(options.workers);
const PYTHON = process.env.LATHE_PYTHON ?? '/usr/bin/python3';
const TERMINAL = ['Completed', 'Failed', 'Canceled'];

// Sums the numbers in each file: work small enough that the orchestration is what is measured.
const ENTRY = `def init():
    pass

def run(mini_batch):
    return [f"{path} {sum(int(x) for x in open(path).read().split())}" for path in mini_batch]
`;

// The baseline: the same entry script over the same mini-batches, in one process, no driver.
const DIRECT = `import os, sys, time
sys.path.insert(0, sys.argv[2])
import entry
files = sorted(os.path.join(sys.argv[1], f) for f in os.listdir(sys.argv[1]))
start = time.perf_counter()
entry.init()
rows = [row for i in range(0, len(files), ${BATCH}) for row in entry.run(files[i:i + ${BATCH}])]
print((time.perf_counter() - start) * 1000, len(rows))
`;

const work = await mkdtemp(join(tmpdir(), 'lathe-bench-parallel-'));
try {
  await mkdir(join(work, 'data'));
  await mkdir(join(work, 'src'));
  await Promise.all(Array.from({ length: FILES }, (_, i) => writeFile(join(work, 'data', `f${String(i).padStart(5, '0')}.txt`), `${i} ${i + 1} ${i + 2}\n`)));
  await writeFile(join(work, 'src', 'entry.py'), ENTRY);
  await writeFile(join(work, 'direct.py'), DIRECT);
  await writeFile(
    join(work, 'parallel.yml'),
    `type: parallel
inputs:
  files: { type: uri_folder, path: ./data }
outputs:
  sums:
input_data: \${{inputs.files}}
mini_batch_size: "${BATCH}"
max_concurrency_per_instance: ${WORKERS}
task:
  code: src
  entry_script: entry.py
  append_row_to: \${{outputs.sums}}
`,
  );
  const direct = spawnSync(PYTHON, [join(work, 'direct.py'), join(work, 'data'), join(work, 'src')], { encoding: 'utf8' });
  if (direct.status !== 0) throw new Error(`the direct run failed: ${direct.stderr}`);
  const [directMs, directRows] = direct.stdout.trim().split(' ').map(Number);
  // The process itself: Python's start and import, as the job's own process pays it.
  const startOnly = now();
  spawnSync(PYTHON, ['-c', 'pass']);
  const pythonStartMs = now() - startOnly;

  await withServer({ prefix: 'lathe-bench-parallel-server-', concurrency: 2, timeoutS: Number(options.timeout) }, async (client) => {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const start = now();
      const { job } = await submitJobFile(client, join(work, 'parallel.yml'), { set: [`display_name=bench-${i}`] });
      let got = job;
      while (!TERMINAL.includes(got.status)) {
        await sleep(20);
        got = await client.getJob(job.name);
      }
      if (got.status !== 'Completed') throw new Error(`parallel job ${job.name} ended ${got.status}: ${got.error?.message}`);
      runs.push(now() - start);
    }
    const best = Math.min(...runs);
    const batches = Math.ceil(FILES / BATCH);
    console.log(`${FILES} files, mini-batches of ${BATCH} (${batches}), ${WORKERS} worker processes, local compute\n`);
    console.log(`${'run'.padEnd(44)} ${'ms'.padStart(8)}`);
    console.log(`${'direct: entry script in one Python process'.padEnd(44)} ${(directMs + pythonStartMs).toFixed(0).padStart(8)}   (${directRows} rows)`);
    console.log(`${'Lathe parallel job, submit to Completed'.padEnd(44)} ${best.toFixed(0).padStart(8)}   (best of ${runs.length}: ${runs.map((r) => r.toFixed(0)).join(', ')})`);
    console.log(`overhead ${(best - directMs - pythonStartMs).toFixed(0)} ms in all, ${((best - directMs - pythonStartMs) / batches).toFixed(1)} ms per mini-batch`);
  });
} finally {
  await rm(work, { recursive: true, force: true });
}
