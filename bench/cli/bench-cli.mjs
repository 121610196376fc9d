#!/usr/bin/env node
// CLI benchmark: the wall time of `lathe <command>` against a running server, from process start
// to exit, beside baselines measured in the same run — a bare `node -e 0` (the floor no command
// can go under) and one request sent with `fetch` from a fresh process (the transport the SDK
// used before it sent with node:http). Target: every command other than `server start` under 300 ms.
//
//   node bench/cli/bench-cli.mjs [--rounds 15] [--json FILE]
//
// Lathe runs as `lathe server start` (SQLite, fresh LATHE_HOME, free port) with one finished job.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLatheServer } from '../studio/start-lathe-server.mjs';
import { summarize } from '../studio/stats.mjs';

const TARGET_MS = 300;
const CLI = fileURLToPath(new URL('../../packages/cli/bin/lathe.js', import.meta.url));

const { values: opts } = parseArgs({ options: { rounds: { type: 'string', default: '15' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (opts.help) {
  console.log('usage: node bench/cli/bench-cli.mjs [--rounds 15] [--json FILE]');
  process.exit(0);
}
const rounds = Number(opts.rounds);

/** Wall milliseconds of one run of `args` as a new process; throws when it fails. */
function timeProcess(args, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const home = await mkdtemp(join(tmpdir(), 'lathe-bench-cli-'));
const server = await startLatheServer(home);
try {
  const env = { LATHE_URL: server.url };
  const project = await mkdtemp(join(tmpdir(), 'lathe-bench-cli-job-'));
  await writeFile(join(project, 'job.yml'), 'command: echo hello\n');
  const created = spawnSync(process.execPath, [CLI, 'job', 'create', '--file', join(project, 'job.yml'), '--stream'], { env: { ...process.env, ...env } });
  if (created.status !== 0) throw new Error(`job create failed: ${created.stderr}`);
  const job = /\/jobs\/([\w-]+)/.exec(created.stdout.toString())?.[1] ?? '';

  const cases = [
    ['baseline: node -e 0', ['-e', '0']],
    ['baseline: one fetch() from a new process', ['--input-type=module', '-e', `await fetch(${JSON.stringify(`${server.url}/api/v1/health`)})`]],
    ['lathe --help', [CLI, '--help']],
    ['lathe job list', [CLI, 'job', 'list']],
    ['lathe job show', [CLI, 'job', 'show', '--name', job]],
    ['lathe experiment list', [CLI, 'experiment', 'list']],
    ['lathe datastore list', [CLI, 'datastore', 'list']],
    ['lathe environment list', [CLI, 'environment', 'list']],
  ];
  const results = [];
  for (const [name, args] of cases) {
    timeProcess(args, env); // warm the file cache
    const times = Array.from({ length: rounds }, () => timeProcess(args, env));
    results.push({ name, ...summarize(times) });
  }
  console.log(`lathe CLI wall time per command, ${rounds} rounds, ${cpus().length} cores (target: under ${TARGET_MS} ms)\n`);
  console.log('case'.padEnd(44) + 'median ms'.padStart(11) + 'p95 ms'.padStart(9) + 'min ms'.padStart(9));
  for (const r of results) console.log(r.name.padEnd(44) + r.median.toFixed(0).padStart(11) + r.p95.toFixed(0).padStart(9) + r.min.toFixed(0).padStart(9));
  const commands = results.filter((r) => r.name.startsWith('lathe '));
  const worst = commands.reduce((a, b) => (b.median > a.median ? b : a));
  console.log(`\nslowest command: ${worst.name}, median ${worst.median.toFixed(0)} ms (${worst.median < TARGET_MS ? 'under' : 'OVER'} the ${TARGET_MS} ms target)`);
  if (opts.json) await writeFile(opts.json, JSON.stringify({ rounds, cores: cpus().length, results }, null, 2));
  await rm(project, { recursive: true, force: true });
} finally {
  await server.stop();
  await rm(home, { recursive: true, force: true });
}
