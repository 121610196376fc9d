// Versioned assets through the CLI against a real server: data and models from local files and
// from a job's output, immutability, @latest and archive, download, and lineage both ways.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));

async function cli(t: TestServer, args: string[]): Promise<string> {
  const result = await runCli(args, t.url);
  assert.equal(result.code, 0, `lathe ${args.join(' ')}\n${result.stderr}`);
  return result.stdout;
}

describe('assets', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => t.close());

  it('a data asset from YAML: created once, identical again is a no-op, changed content is refused', async () => {
    const file = join(EXAMPLES, 'assets/data/iris-data.yml');
    assert.match(await cli(t, ['data', 'create', '--file', file]), /Created data iris-data:1/);
    assert.match(await cli(t, ['data', 'create', '--file', file]), /Already there, unchanged: data iris-data:1/);
    const other = await writeFiles(join(t.scratch, 'other'), { 'rows.csv': 'a,b\n1,2\n' });
    const changed = await runCli(['data', 'create', '--name', 'iris-data', '--version', '1', '--path', join(other, 'rows.csv'), '--type', 'uri_file'], t.url);
    assert.equal(changed.code, 4, changed.stderr);
    assert.match(changed.stderr, /iris-data:1 already exists with other content; a version never changes/);
    const shown = JSON.parse(await cli(t, ['data', 'show', '--name', 'iris-data', '--version', '1', '-o', 'json'])) as { spec: { path: string; type: string; tags: Record<string, string> } };
    assert.match(shown.spec.path, /^blob:\/\/[0-9a-f]{64}\/iris\.csv$/);
    assert.equal(shown.spec.type, 'uri_file');
    assert.equal(shown.spec.tags.source, 'UCI');
  });

  it('versions number themselves, @latest follows, archive hides without deleting', async () => {
    const folder = await writeFiles(join(t.scratch, 'versions'), { 'v1/a.txt': 'one\n', 'v2/a.txt': 'two\n' });
    assert.match(await cli(t, ['data', 'create', '--name', 'notes', '--path', join(folder, 'v1')]), /Created data notes:1/);
    assert.match(await cli(t, ['data', 'create', '--name', 'notes', '--path', join(folder, 'v2')]), /Created data notes:2/);
    const latest = () => cli(t, ['data', 'show', '--name', 'notes', '-o', 'json']).then((out) => (JSON.parse(out) as { version: string }).version);
    assert.equal(await latest(), '2');
    await cli(t, ['data', 'archive', '--name', 'notes', '--version', '2']);
    assert.equal(await latest(), '1');
    const listed = JSON.parse(await cli(t, ['data', 'list', '--name', 'notes', '-o', 'json'])) as { version: string }[];
    assert.deepEqual(
      listed.map((v) => v.version),
      ['1'],
    );
    const all = JSON.parse(await cli(t, ['data', 'list', '--name', 'notes', '--include-archived', '-o', 'json'])) as { version: string; archived: boolean }[];
    assert.deepEqual(
      all.map((v) => [v.version, v.archived]),
      [
        ['2', true],
        ['1', false],
      ],
    );
    await cli(t, ['data', 'restore', '--name', 'notes', '--version', '2']);
    assert.equal(await latest(), '2');
    await cli(t, ['data', 'download', '--name', 'notes', '--version', '1', '--download-path', join(t.scratch, 'dl')]);
    assert.equal(await readFile(join(t.scratch, 'dl', 'notes', 'a.txt'), 'utf8'), 'one\n');
    const missing = await runCli(['data', 'show', '--name', 'notes', '--version', '9'], t.url);
    assert.equal(missing.code, 3);
  });

  it('a job reads data by reference, a model registered from its output traces back to the job and the data', async () => {
    await cli(t, ['data', 'create', '--file', join(EXAMPLES, 'assets/data/iris-data.yml')]);
    const created = await runCli(['job', 'create', '--file', join(EXAMPLES, 'jobs/sklearn-iris-asset.yml'), '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const job = (JSON.parse(created.stdout) as { name: string }).name;
    const ended = await waitForEnd(t.client, job);
    assert.equal(ended.status, 'Completed', await t.client.getLogs(job));

    assert.match(await cli(t, ['model', 'create', '--name', 'iris-model', '--path', `azureml://jobs/${job}/outputs/model/paths/`]), /Created model iris-model:1/);
    // With its version named, the same registration again changes nothing.
    assert.match(await cli(t, ['model', 'create', '--name', 'iris-model', '--version', '1', '--path', `azureml://jobs/${job}/outputs/model/paths/`]), /Already there, unchanged: model iris-model:1/);
    const model = await cli(t, ['model', 'show', '--name', 'iris-model']);
    assert.match(model, new RegExp(`Path: azureml://jobs/${job}/outputs/model/paths/`));
    assert.match(model, new RegExp(`Produced by:\\n.*\\n.*\\n${job}\\s+model`));
    assert.match(model, new RegExp(`From inputs:\\n.*\\n.*\\n${job}\\s+iris_csv\\s+data iris-data:1`));
    const data = await cli(t, ['data', 'show', '--name', 'iris-data', '--version', '1']);
    assert.match(data, new RegExp(`Used by:\\n.*\\n.*\\n${job}\\s+iris_csv`));
    assert.deepEqual(
      (await t.client.jobLineage(job)).map((e) => [e.direction, e.port, e.kind, e.name, e.version]),
      [
        ['input', 'iris_csv', 'data', 'iris-data', '1'],
        ['output', 'model', 'model', 'iris-model', '1'],
      ],
    );

    const graph = (await (await fetch(`${t.url}/api/v1/workspaces/default/lineage?kind=models&name=iris-model&version=1`)).json()) as {
      nodes: { id: string; status?: string }[];
      edges: { from: string; to: string; port: string }[];
    };
    assert.deepEqual(graph.nodes.map((n) => n.id).sort(), [`data:iris-data:1`, `job:${job}`, 'model:iris-model:1']);
    assert.equal(graph.nodes.find((n) => n.id === `job:${job}`)?.status, 'Completed');
    assert.deepEqual(graph.edges.map((e) => `${e.from} -${e.port}-> ${e.to}`).sort(), [`data:iris-data:1 -iris_csv-> job:${job}`, `job:${job} -model-> model:iris-model:1`]);

    await cli(t, ['model', 'download', '--name', 'iris-model', '--download-path', join(t.scratch, 'models')]);
    const metrics = JSON.parse(await readFile(join(t.scratch, 'models', 'iris-model', 'metrics.json'), 'utf8')) as { accuracy: number };
    assert.ok(metrics.accuracy > 0.9);

    const running = await runCli(['model', 'create', '--name', 'nope', '--path', 'azureml://jobs/no_such_job/outputs/model/paths/'], t.url);
    assert.equal(running.code, 3, running.stderr);
  });

  it('bad references fail the job create before anything is stored', async () => {
    const project = await writeFiles(join(t.scratch, 'badref'), {
      'job.yml': 'command: cat ${{inputs.d}}\ninputs:\n  d:\n    type: uri_file\n    path: azureml:no-such-data:1\n',
    });
    const result = await runCli(['job', 'create', '--file', join(project, 'job.yml')], t.url);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /inputs\.d\.path: 'azureml:no-such-data:1' does not name an asset in this workspace/);
    assert.equal((await t.client.listJobs()).value.length, 1, 'only the earlier job exists');
  });

  it('environments and components are versioned assets too', async () => {
    assert.match(await cli(t, ['environment', 'create', '--file', join(EXAMPLES, 'assets/environment/sklearn-env.yml')]), /Created environment sklearn-env:1/);
    const env = JSON.parse(await cli(t, ['environment', 'show', '--name', 'sklearn-env', '-o', 'json'])) as { spec: { conda_file: { dependencies: unknown[] } } };
    assert.ok(Array.isArray(env.spec.conda_file.dependencies), 'the conda file is inlined');
    assert.match(await cli(t, ['component', 'create', '--file', join(EXAMPLES, 'assets/component/train-component.yml')]), /Created component train_iris:1/);
    const component = JSON.parse(await cli(t, ['component', 'show', '--name', 'train_iris', '-o', 'json'])) as { spec: { code: string } };
    assert.match(component.spec.code, /^blob:\/\/[0-9a-f]{64}$/);
    const list = await cli(t, ['component', 'list']);
    assert.match(list, /train_iris\s+1\s+1/);
  });

  it('a job runs a registered component on a registered data asset', async () => {
    const created = await runCli(['job', 'create', '--file', join(EXAMPLES, 'jobs/train-with-component.yml'), '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const job = JSON.parse(created.stdout) as { name: string; spec: { command: string; inputs: Record<string, unknown> } };
    assert.match(job.spec.command, /^python train\.py --data \$\{\{inputs\.iris_csv\}\} --C \$\{\{inputs\.C\}\}/);
    assert.equal(job.spec.inputs.C, 0.5);
    assert.equal(job.spec.inputs.max_iter, 200, "the component's default");
    const ended = await waitForEnd(t.client, job.name, 120_000);
    assert.equal(ended.status, 'Completed', await t.client.getLogs(job.name));
    assert.match(await t.client.getLogs(job.name), /accuracy: 0\.9/);
    assert.match(
      await cli(t, ['job', 'show', '--name', job.name]),
      /Assets:\n.*\n.*\ninput\s+component\s+component train_iris:1\ninput\s+environment\s+environment sklearn-env:1\ninput\s+iris_csv\s+data iris-data:1\n/,
    );
    const lineage = (await t.client.jobLineage(job.name)).map((e) => [e.direction, e.port, e.kind, e.name, e.version]);
    assert.deepEqual(lineage, [
      ['input', 'component', 'component', 'train_iris', '1'],
      ['input', 'environment', 'environment', 'sklearn-env', '1'],
      ['input', 'iris_csv', 'data', 'iris-data', '1'],
    ]);
    // The walk-through of the examples: the component's environment was built for this job,
    // a second job reuses it, and the model registered from the second job traces back to it
    // and to the data version it read.
    assert.match(await t.client.getLogs(job.name), /building environment [0-9a-f]+/);
    const again = await runCli(['job', 'create', '--file', join(EXAMPLES, 'jobs/train-with-component.yml'), '--set', 'inputs.C=0.7', '-o', 'json'], t.url);
    assert.equal(again.code, 0, again.stderr);
    const second = (JSON.parse(again.stdout) as { name: string }).name;
    assert.equal((await waitForEnd(t.client, second, 120_000)).status, 'Completed', await t.client.getLogs(second));
    const secondLog = await t.client.getLogs(second);
    assert.match(secondLog, /using cached environment [0-9a-f]+/);
    assert.doesNotMatch(secondLog, /building environment/);
    await cli(t, ['model', 'create', '--name', 'iris-component-model', '--path', `azureml://jobs/${second}/outputs/model/paths/`]);
    const model = await cli(t, ['model', 'show', '--name', 'iris-component-model']);
    assert.match(model, new RegExp(`Produced by:\\n.*\\n.*\\n${second}\\s+model`));
    assert.match(model, new RegExp(`${second}\\s+iris_csv\\s+data iris-data:1`));
    assert.match(model, new RegExp(`${second}\\s+environment\\s+environment sklearn-env:1`));
  });

  it('a component refuses inputs it does not declare or values out of range, before the job exists', async () => {
    const project = await writeFiles(join(t.scratch, 'badcomponent'), {
      'unknown.yml': 'component: azureml:train_iris:1\ninputs:\n  iris_csv:\n    type: uri_file\n    path: azureml:iris-data:1\n  learning_rate: 3\n',
      'range.yml': 'component: azureml:train_iris:1\ninputs:\n  iris_csv:\n    type: uri_file\n    path: azureml:iris-data:1\n  C: 0\n',
      'both.yml': 'component: azureml:train_iris:1\ncommand: echo hi\n',
    });
    const unknown = await runCli(['job', 'create', '--file', join(project, 'unknown.yml')], t.url);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /inputs\.learning_rate: the component declares no input 'learning_rate'/);
    const range = await runCli(['job', 'create', '--file', join(project, 'range.yml')], t.url);
    assert.equal(range.code, 2);
    assert.match(range.stderr, /inputs\.C: 0 is below the component's min 0\.0001/);
    const both = await runCli(['job', 'create', '--file', join(project, 'both.yml')], t.url);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /both\.yml:2:1: command: a job with a component runs the component's command/);
  });
});
