import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { LatheClient } from '@lathe/sdk';
import { CLI, groupAlive, jobToken, runCli, waitForStatus } from './harness.js';

const TOY_SERVER = fileURLToPath(new URL('./serve-with-toy-kind.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** A server process on `port` over `home`: `lathe server start`, or the one with the test-only `toy_chain` kind. */
function startServerProcess(home: string, port: number, options: { toy?: boolean; env?: Record<string, string> } = {}): Promise<ChildProcess> {
  const env = {
    ...process.env,
    LATHE_HOME: home,
    LATHE_PORT: String(port),
    // Restarts reuse the plain port; the HTTPS listener has tests of its own.
    LATHE_TLS: 'off',
    LATHE_CANCEL_GRACE_MS: '500',
    LATHE_JOB_RECONNECT_S: '60',
    LATHE_PYTHON: process.env.LATHE_PYTHON ?? '/usr/bin/python3',
    ...options.env,
  };
  const args = options.toy ? [TOY_SERVER] : [CLI, 'server', 'start'];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('Lathe is running') && resolve(child));
    child.on('exit', (code, signal) => reject(new Error(`server exited with ${code ?? signal}`)));
  });
}

async function killHard(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGKILL');
  await exited;
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function killJobsUnder(home: string): Promise<void> {
  const runs = join(home, 'runs', 'default');
  for (const job of await readdir(runs).catch(() => [])) {
    for (const file of ['launcher.pid', 'child.pgid']) {
      const id = Number(await readFile(join(runs, job, file), 'utf8').catch(() => ''));
      if (id > 1 && (await groupAlive(id))) {
        try {
          process.kill(-id, 'SIGKILL');
        } catch {
          // Ended meanwhile.
        }
      }
    }
  }
}

describe('restart recovery', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  async function setup(prefix: string) {
    const root = await mkdtemp(join(tmpdir(), `lathe-${prefix}-`));
    cleanup.push(() => rm(root, { recursive: true, force: true }));
    const home = join(root, 'home');
    // Jobs outlive their servers by design: a test that stops early must not leave them running.
    cleanup.push(() => killJobsUnder(home));
    const port = await freePort();
    const servers: ChildProcess[] = [];
    cleanup.push(async () => Promise.all(servers.map(killHard)));
    const start = async (options: { toy?: boolean; env?: Record<string, string> } = {}) => {
      const server = await startServerProcess(home, port, options);
      servers.push(server);
      return server;
    };
    return { root, home, port, start, client: new LatheClient({ url: `http://127.0.0.1:${port}` }), url: `http://127.0.0.1:${port}` };
  }

  it('a job running when the server is killed keeps running, is re-attached, and completes with its whole log, metrics and outputs', async () => {
    const { root, home, start, client, url } = await setup('reattach');
    const go = join(root, 'go');
    const script = join(root, 'train.py');
    await writeFile(
      script,
      [
        'import os, pathlib, sys, time, mlflow',
        "print('before the restart', flush=True)",
        "mlflow.log_metric('phase', 1)",
        `while not os.path.exists(${JSON.stringify(go)}): time.sleep(0.05)`,
        "print('after the restart', flush=True)",
        "mlflow.log_metric('phase', 2)",
        "pathlib.Path(sys.argv[1], 'model.txt').write_text('trained')",
      ].join('\n'),
    );
    let server = await start();
    const job = await client.createJob({ command: `python ${script} \${{outputs.model}}`, outputs: { model: { type: 'uri_folder' } } });
    const other = await client.createJob({ command: 'sleep 30' });
    await waitForStatus(client, job.name, ['Running']);
    await waitForStatus(client, other.name, ['Running']);
    await until('the first log line', async () => (await client.getLogs(job.name)).includes('before the restart'));
    const launcherPid = Number(await readFile(join(home, 'runs', 'default', job.name, 'launcher.pid'), 'utf8'));
    await killHard(server);
    assert.ok(await groupAlive(launcherPid), 'the launcher outlived the killed server');
    // The job finishes while the server is down: its launcher must hold its reports until it is back.
    await writeFile(go, '');
    await new Promise((r) => setTimeout(r, 1000));
    server = await start();

    const done = await waitForStatus(client, job.name, ['Completed', 'Failed', 'Canceled'], 60_000);
    assert.equal(done.status, 'Completed', JSON.stringify(done.error));
    const log = await client.getLogs(job.name);
    assert.equal(log.split('before the restart').length - 1, 1, log);
    assert.equal(log.split('after the restart').length - 1, 1, log);
    const history = (await (await fetch(`${url}/api/2.0/mlflow/metrics/get-history?run_id=${job.name}&metric_key=phase`)).json()) as { metrics: { value: number }[] };
    assert.deepEqual(
      history.metrics.map((m) => m.value),
      [1, 2],
    );
    const files = await client.listOutputFiles(job.name, 'model');
    assert.deepEqual(
      files.map((f) => f.path),
      ['model.txt'],
    );

    // A re-attached launcher reports with its own token; another job's token is refused.
    const report = (token: string) =>
      fetch(`${url}/api/v1/workspaces/default/jobs/${other.name}/runtime/report`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ status: 'Running' }),
      });
    assert.equal((await report(await jobToken(home, job.name))).status, 401);
    assert.equal((await report(await jobToken(home, other.name))).status, 200);
    assert.equal((await client.getJob(other.name)).status, 'Running');
    await client.cancelJob(other.name);
    assert.equal((await waitForStatus(client, other.name, ['Canceled'])).status, 'Canceled');
  });

  it('a job whose process died while the server was down is failed with that reason; one never launched is not run', async () => {
    const { home, start, client } = await setup('gone');
    let server = await start();
    const job = await client.createJob({ command: 'sleep 120' });
    await waitForStatus(client, job.name, ['Running']);
    const folder = join(home, 'runs', 'default', job.name);
    const launcherPid = Number(await readFile(join(folder, 'launcher.pid'), 'utf8'));
    const pgid = Number(await readFile(join(folder, 'child.pgid'), 'utf8'));
    await killHard(server);
    process.kill(-launcherPid, 'SIGKILL');
    server = await start();
    const failed = await waitForStatus(client, job.name, ['Failed']);
    assert.equal(failed.error?.type, 'LauncherLost');
    assert.match(failed.error?.message ?? '', /ended while the server was down \(its launcher, process \d+, is no longer running; what was left of its command was stopped\)/);
    assert.equal(await groupAlive(pgid), false, 'the orphaned command was stopped');
    const next = await client.createJob({ command: 'echo after restart' });
    assert.equal((await waitForStatus(client, next.name, ['Completed'])).status, 'Completed');
  });

  it('a controller job survives a kill -9 in the middle and runs every child exactly once', async () => {
    const { root, start, client, url } = await setup('controller');
    const marker = join(root, 'ran.txt');
    const command = `echo $LATHE_JOB_NAME >> ${marker}; while [ ! -e ${root}/go-{i} ]; do sleep 0.05; done`;
    let server = await start({ toy: true });
    const kinds = await client.listJobKinds();
    assert.deepEqual(kinds.value.map((k) => [k.type, k.execution]).sort(), [
      ['command', 'backend'],
      ['parallel', 'backend'],
      ['pipeline', 'controller'],
      ['sweep', 'controller'],
      ['toy_chain', 'controller'],
    ]);
    const kindsTable = await runCli(['job', 'kinds'], url);
    assert.match(kindsTable.stdout, /toy_chain\s+controller \(creates child jobs\)/);
    const chain = await client.createJob({ type: 'toy_chain', children: 4, command });
    await writeFile(join(root, 'go-0'), '');
    await until('child 1 to run', async () => (await client.getJob(`${chain.name}-child-1`)).status === 'Running');
    await killHard(server);
    // Child 1 finishes while the server is down; the restarted server must still start child 2 once.
    await writeFile(join(root, 'go-1'), '');
    await new Promise((r) => setTimeout(r, 500));
    server = await start({ toy: true });
    await until('child 2 to run', async () => (await client.getJob(`${chain.name}-child-2`)).status === 'Running', 60_000);
    await killHard(server);
    server = await start({ toy: true });
    await writeFile(join(root, 'go-2'), '');
    await writeFile(join(root, 'go-3'), '');
    const done = await waitForStatus(client, chain.name, ['Completed', 'Failed', 'Canceled'], 60_000);
    assert.equal(done.status, 'Completed', JSON.stringify(done.error));

    const children = [0, 1, 2, 3].map((i) => `${chain.name}-child-${i}`);
    assert.deepEqual((await readFile(marker, 'utf8')).trim().split('\n'), children, 'every child ran exactly once, in order');
    const listed = await client.listChildJobs(chain.name);
    assert.deepEqual(listed.value.map((j) => j.name).sort(), children);
    for (const child of listed.value) assert.deepEqual([child.status, child.parent, child.root], ['Completed', chain.name, chain.name]);
    const run = (await (await fetch(`${url}/api/2.0/mlflow/runs/get?run_id=${children[0]}`)).json()) as { run: { data: { tags: { key: string; value: string }[] } } };
    assert.equal(run.run.data.tags.find((t) => t.key === 'mlflow.parentRunId')?.value, chain.name);
    const cli = await runCli(['job', 'list', '--parent', chain.name, '--output', 'json'], url);
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual((JSON.parse(cli.stdout) as { name: string }[]).map((j) => j.name).sort(), children);
  });

  it('a sweep survives a kill -9 in the middle: each trial runs once, with the parameters it was given, and the best is reported', async () => {
    const { root, start, client } = await setup('sweep');
    const marker = join(root, 'ran.txt');
    const gate = `while [ ! -e ${root}/go-\${{search_space.x}} ]; do sleep 0.05; done`;
    const score = `python -c "import mlflow; mlflow.start_run(); mlflow.log_metric('score', \${{search_space.x}} * 10)"`;
    let server = await start();
    const sweep = await client.createJob({
      type: 'sweep',
      trial: { command: `echo $LATHE_JOB_NAME \${{search_space.x}} >> ${marker}; ${gate}; ${score}` },
      sampling_algorithm: 'grid',
      search_space: { x: { type: 'choice', values: [0, 1, 2] } },
      objective: { primary_metric: 'score', goal: 'maximize' },
      limits: { max_concurrent_trials: 1 },
    });
    await writeFile(join(root, 'go-0'), '');
    await until('trial 1 to run', async () => (await client.getJob(`${sweep.name}_1`)).status === 'Running', 60_000);
    await killHard(server);
    // Trial 1 finishes while the server is down; the restarted server must still ask for trial 2 once.
    await writeFile(join(root, 'go-1'), '');
    await new Promise((r) => setTimeout(r, 500));
    server = await start();
    await until('trial 2 to run', async () => (await client.getJob(`${sweep.name}_2`)).status === 'Running', 60_000);
    await writeFile(join(root, 'go-2'), '');
    const done = await waitForStatus(client, sweep.name, ['Completed', 'Failed', 'Canceled'], 60_000);
    assert.equal(done.status, 'Completed', JSON.stringify(done.error));
    const trials = [0, 1, 2].map((i) => `${sweep.name}_${i} ${i}`);
    assert.deepEqual((await readFile(marker, 'utf8')).trim().split('\n'), trials, 'every trial ran exactly once, in grid order');
    const state = await client.getSweep(sweep.name);
    assert.deepEqual(state.best, { trial: `${sweep.name}_2`, score: 20, parameters: { x: 2 } });
    assert.deepEqual(
      state.trials.map((t) => [t.name, t.status, t.score]),
      [
        [`${sweep.name}_2`, 'Completed', 20],
        [`${sweep.name}_1`, 'Completed', 10],
        [`${sweep.name}_0`, 'Completed', 0],
      ],
    );
  });

  it('a pipeline survives a kill -9 in the middle: each step runs once, in order, reading the one before', async () => {
    const { root, start, client } = await setup('pipeline');
    const marker = join(root, 'ran.txt');
    const step = (i: number, reads: boolean) => ({
      command: `echo $LATHE_JOB_NAME >> ${marker}; while [ ! -e ${root}/go-${i} ]; do sleep 0.05; done; echo ${i} > \${{outputs.out}}/n.txt${reads ? ' && cat \${{inputs.previous}}/n.txt >> ' + marker : ''}`,
      ...(reads ? { inputs: { previous: `\${{parent.jobs.s${i - 1}.outputs.out}}` } } : {}),
      outputs: { out: null },
    });
    let server = await start();
    const pipeline = await client.createJob({ type: 'pipeline', jobs: { s0: step(0, false), s1: step(1, true), s2: step(2, true) } });
    await writeFile(join(root, 'go-0'), '');
    await until('step 1 to run', async () => (await client.getJob(`${pipeline.name}_s1`)).status === 'Running', 60_000);
    await killHard(server);
    // Step 1 finishes while the server is down; the restarted server must still start step 2 once.
    await writeFile(join(root, 'go-1'), '');
    await new Promise((r) => setTimeout(r, 500));
    server = await start();
    await until('step 2 to run', async () => (await client.getJob(`${pipeline.name}_s2`)).status === 'Running', 60_000);
    await writeFile(join(root, 'go-2'), '');
    const done = await waitForStatus(client, pipeline.name, ['Completed', 'Failed', 'Canceled'], 60_000);
    assert.equal(done.status, 'Completed', JSON.stringify(done.error));
    assert.deepEqual((await readFile(marker, 'utf8')).trim().split('\n'), [`${pipeline.name}_s0`, `${pipeline.name}_s1`, '0', `${pipeline.name}_s2`, '1']);
  });

  it('canceling a controller job cancels its running child and ends Canceled', async () => {
    const { root, start, client } = await setup('cascade');
    await start({ toy: true });
    const chain = await client.createJob({ type: 'toy_chain', children: 3, command: `while [ ! -e ${root}/never ]; do sleep 0.05; done` });
    await until('child 0 to run', async () => (await client.getJob(`${chain.name}-child-0`)).status === 'Running');
    await client.cancelJob(chain.name);
    assert.equal((await waitForStatus(client, chain.name, ['Canceled', 'Failed', 'Completed'])).status, 'Canceled');
    assert.equal((await client.getJob(`${chain.name}-child-0`)).status, 'Canceled');
    assert.equal((await client.listChildJobs(chain.name)).value.length, 1);
  });

  it('a server killed at any step of publishing outputs resumes it on start: no job is Completed without its outputs', async () => {
    const { home, start, client } = await setup('finalize');
    const points = ['finalize:outcome-recorded', 'finalize:ran:output:out:datastore', 'finalize:recorded:output:out:datastore', 'finalize:ran:output:out:asset', 'finalize:recorded:output:out:asset'];
    for (const [index, point] of points.entries()) {
      const crashing = await start({ env: { LATHE_CRASH_POINT: point } });
      const crashed = new Promise((r) => crashing.once('exit', r));
      const job = await client.createJob({
        command: 'echo published > ${{outputs.out}}/result.txt',
        outputs: { out: { type: 'uri_folder', path: `azureml://datastores/workspaceblobstore/paths/published-${index}/`, name: `published-${index}` } },
      });
      await crashed;
      const server = await start();
      const done = await waitForStatus(client, job.name, ['Completed', 'Failed', 'Canceled'], 60_000);
      assert.equal(done.status, 'Completed', `${point}: ${JSON.stringify(done.error)}`);
      const copied = await readFile(join(home, 'datastores', 'default', 'workspaceblobstore', `published-${index}`, 'result.txt'), 'utf8');
      assert.equal(copied.trim(), 'published', point);
      const versions = (await (await fetch(`${client.url}/api/v1/workspaces/default/data/published-${index}/versions`)).json()) as { value: unknown[] };
      assert.equal(versions.value.length, 1, `${point}: one version of the published asset`);
      const lineage = (await (await fetch(`${client.url}/api/v1/workspaces/default/jobs/${job.name}/lineage`)).json()) as unknown;
      assert.match(JSON.stringify(lineage), new RegExp(`published-${index}`), point);
      await killHard(server);
    }
    assert.ok((await readdir(join(home, 'runs', 'default'))).length >= points.length);
  });
});
