// Datastores: the built-in workspaceblobstore and a `type: local` one, read by data assets and
// job inputs through azureml://datastores/<name>/paths/<path>, and written by a job's output,
// which is also registered as a data asset with lineage to the job.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

async function cli(t: TestServer, args: string[]): Promise<string> {
  const result = await runCli(args, t.url);
  assert.equal(result.code, 0, `lathe ${args.join(' ')}\n${result.stderr}`);
  return result.stdout;
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('datastores', () => {
  let t: TestServer;
  let project: string;
  before(async () => {
    t = await startTestServer();
    project = await writeFiles(join(t.scratch, 'ds'), {
      'store/raw/measurements.csv': 'x\n1\n2\n3\n',
      'datastore.yml': 'name: labstore\ntype: local\npath: ./store\ndescription: the lab share\n',
      'data.yml': 'name: measurements\nversion: 1\ntype: uri_folder\npath: azureml://datastores/labstore/paths/raw/\n',
      'job.yml': [
        'command: python -c "import sys,os; rows=open(os.path.join(sys.argv[1], \'measurements.csv\')).read().split()[1:]; os.makedirs(sys.argv[2], exist_ok=True); open(os.path.join(sys.argv[2], \'sum.txt\'), \'w\').write(str(sum(map(int, rows))))" ${{inputs.raw}} ${{outputs.summary}}',
        'inputs:',
        '  raw:',
        '    type: uri_folder',
        '    path: azureml://datastores/labstore/paths/raw',
        'outputs:',
        '  summary:',
        '    type: uri_folder',
        '    path: azureml://datastores/labstore/paths/results/summary',
        '    name: measurement-summary',
        'experiment_name: datastores',
      ].join('\n'),
    });
    await cli(t, ['datastore', 'create', '--file', join(project, 'datastore.yml')]);
  });
  after(async () => t.close());

  it('a data asset reads a datastore path into a snapshot', async () => {
    assert.match(await cli(t, ['data', 'create', '--file', join(project, 'data.yml')]), /Created data measurements:1/);
    await cli(t, ['data', 'download', '--name', 'measurements', '--download-path', join(t.scratch, 'dl')]);
    assert.equal(await readFile(join(t.scratch, 'dl', 'measurements', 'measurements.csv'), 'utf8'), 'x\n1\n2\n3\n');
    const shown = await cli(t, ['data', 'show', '--name', 'measurements']);
    assert.match(shown, /Path: azureml:\/\/datastores\/labstore\/paths\/raw\//);
  });

  it('a job reads from a datastore and writes its output there, registered as a data asset', async () => {
    const created = await runCli(['job', 'create', '--file', join(project, 'job.yml'), '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const job = (JSON.parse(created.stdout) as { name: string }).name;
    assert.equal((await waitForEnd(t.client, job)).status, 'Completed', await t.client.getLogs(job));
    const written = await eventually(() => readFile(join(project, 'store', 'results', 'summary', 'sum.txt'), 'utf8'), 'the datastore output');
    assert.equal(written, '6');
    const asset = await eventually(() => t.client.getLatestAsset('data', 'measurement-summary'), 'the registered output');
    assert.equal(asset.version, '1');
    assert.equal(asset.spec.source_path, `azureml://jobs/${job}/outputs/summary/paths/`);
    const lineage = await t.client.assetLineage('data', 'measurement-summary', '1');
    assert.deepEqual(lineage.map((e) => [e.job, e.direction, e.port]), [[job, 'output', 'summary']]);
  });

  it('the built-in workspaceblobstore is a folder of the workspace; unknown datastores are named in the error', async () => {
    await writeFiles(join(t.home, 'datastores', 'default', 'workspaceblobstore'), { 'shared/hello.txt': 'hi\n' });
    assert.match(await cli(t, ['data', 'create', '--name', 'hello', '--type', 'uri_file', '--path', 'azureml://datastores/workspaceblobstore/paths/shared/hello.txt']), /Created data hello:1/);
    const missing = await runCli(['data', 'create', '--name', 'nope', '--path', 'azureml://datastores/nostore/paths/x'], t.url);
    assert.equal(missing.code, 3, missing.stderr);
    assert.match(missing.stderr, /datastore 'nostore' does not exist/);
  });
});
