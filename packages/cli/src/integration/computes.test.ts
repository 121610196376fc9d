// Compute targets and workspaces through the CLI: amlcompute YAML as a named target that jobs
// name with azureml:<name>, its job counts, delete refused while it has jobs, and workspaces
// created from a name or YAML.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

describe('lathe compute and lathe workspace', () => {
  let t: TestServer;
  let project: string;
  before(async () => {
    t = await startTestServer();
    project = await writeFiles(join(t.scratch, 'compute'), {
      'cluster.yml': [
        '$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json',
        'name: cpu-cluster',
        'type: amlcompute',
        'size: STANDARD_DS3_v2',
        'min_instances: 0',
        'max_instances: 1',
        'idle_time_before_scale_down: 120',
        '',
      ].join('\n'),
      'bad.yml': 'name: cpu-cluster\ntype: amlcompute\nmax_instances: 0\n',
      'job.yml': 'command: python -c "import time; time.sleep(30)"\ncompute: azureml:cpu-cluster\n',
      'workspace.yml': 'name: team-a\ndisplay_name: Team A\nlocation: westeurope\nkey_vault: kv\n',
    });
  });
  after(() => t.close());

  it('compute create reads amlcompute YAML, warning with positions about the fields it does not apply', async () => {
    const created = await runCli(['compute', 'create', '--file', join(project, 'cluster.yml')], t.url);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, 'Compute cpu-cluster: amlcompute, at most 1 job at once\n');
    assert.match(created.stderr, /cluster\.yml:4:1: size: recorded, not applied/);
    assert.match(created.stderr, /cluster\.yml:7:1: idle_time_before_scale_down: recorded, not applied/);
    const bad = await runCli(['compute', 'create', '--file', join(project, 'bad.yml')], t.url);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.yml:3:16: max_instances: /);
  });

  it('a job on the compute has no compute warning, and compute show counts it; delete is refused until it ends', async () => {
    const submitted = await runCli(['job', 'create', '--file', join(project, 'job.yml'), '-o', 'json'], t.url);
    assert.equal(submitted.code, 0, submitted.stderr);
    const job = JSON.parse(submitted.stdout) as { name: string; compute: string; warnings: string[] };
    assert.equal(job.compute, 'cpu-cluster');
    assert.deepEqual(
      job.warnings.filter((w) => w.includes('compute')),
      [],
    );
    const shown = JSON.parse((await runCli(['compute', 'show', '--name', 'cpu-cluster', '-o', 'json'], t.url)).stdout) as {
      max_instances: number;
      size: string;
      jobs: { running: number; queued: number };
    };
    assert.deepEqual([shown.max_instances, shown.size, shown.jobs.running + shown.jobs.queued], [1, 'STANDARD_DS3_v2', 1]);
    const table = (await runCli(['compute', 'list'], t.url)).stdout;
    assert.match(table, /Name\s+Type\s+Size\s+Max instances\s+Running\s+Queued/);
    assert.match(table, /cpu-cluster\s+amlcompute\s+STANDARD_DS3_v2\s+1\s+/);
    const refused = await runCli(['compute', 'delete', '--name', 'cpu-cluster'], t.url);
    assert.equal(refused.code, 4, refused.stderr);
    assert.match(refused.stderr, new RegExp(`compute 'cpu-cluster' has queued or running jobs \\(${job.name}\\)`));
    assert.equal((await runCli(['job', 'cancel', '--name', job.name], t.url)).code, 0);
    await waitForEnd(t.client, job.name);
    const deleted = await runCli(['compute', 'delete', 'cpu-cluster'], t.url);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal((await runCli(['compute', 'show', 'cpu-cluster'], t.url)).code, 3);
  });

  it('workspace create takes a name or YAML, and list and show print what was recorded', async () => {
    const byName = await runCli(['workspace', 'create', '--name', 'scratch-ws', '--description', 'experiments'], t.url);
    assert.equal(byName.code, 0, byName.stderr);
    const byFile = await runCli(['workspace', 'create', '--file', join(project, 'workspace.yml')], t.url);
    assert.equal(byFile.code, 0, byFile.stderr);
    assert.match(byFile.stderr, /workspace\.yml:4:1: key_vault: recorded, not applied/);
    const listed = JSON.parse((await runCli(['workspace', 'list', '-o', 'json'], t.url)).stdout) as { name: string; created: boolean }[];
    assert.deepEqual(
      listed.map((w) => [w.name, w.created]),
      [
        ['default', false],
        ['scratch-ws', true],
        ['team-a', true],
      ],
    );
    const shown = await runCli(['workspace', 'show', '-w', 'team-a'], t.url);
    assert.match(shown.stdout, /team-a\s+Team A\s+westeurope\s+yes\s+local/);
    assert.equal((await runCli(['workspace', 'create', '--name', 'x'], t.url)).code, 2);
  });
});
