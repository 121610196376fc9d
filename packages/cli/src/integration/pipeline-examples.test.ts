// Pipeline jobs from YAML through `lathe job create`, on a real server with real Python steps:
// the iris example's outputs flow from step to step, its declared output downloads from the step
// bound to it, a second run reuses the steps whose work is unchanged (all of them unless
// `force_rerun`), and a failing step fails the pipeline or lets independent steps finish, per
// `continue_on_step_failure`.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

const EXAMPLE = fileURLToPath(new URL('../../../../examples/pipelines/iris-pipeline.yml', import.meta.url));
const SWEEP_EXAMPLE = fileURLToPath(new URL('../../../../examples/pipelines/iris-sweep-pipeline.yml', import.meta.url));
const NESTED_EXAMPLE = fileURLToPath(new URL('../../../../examples/pipelines/iris-nested-pipeline.yml', import.meta.url));
const COMPONENTS = fileURLToPath(new URL('../../../../examples/pipelines/components/', import.meta.url));

// The two variants' independent steps differ, so that neither reuses the other's run.
const FAILING = (continueOnFailure: boolean) => `type: pipeline
settings:
  continue_on_step_failure: ${continueOnFailure}
jobs:
  first:
    command: echo first > \${{outputs.out}}/first.txt
    outputs:
      out:
  broken:
    command: python -c "raise SystemExit('broken on purpose')"
    outputs:
      never:
  after_broken:
    command: echo \${{inputs.x}}
    inputs:
      x: \${{parent.jobs.broken.outputs.never}}
  independent:
    command: sleep 5 && cat \${{inputs.x}}/first.txt && echo ${continueOnFailure ? 'going on' : 'stopping'}
    inputs:
      x: \${{parent.jobs.first.outputs.out}}
`;

describe('pipeline jobs through the CLI', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => t?.close());

  let first: string | undefined;
  let downloads = 0;

  async function submit(file: string, extra: string[] = []): Promise<string> {
    const created = await runCli(['job', 'create', '--file', file, ...extra, '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    return (JSON.parse(created.stdout) as { name: string }).name;
  }

  async function downloadOutput(name: string, output: string, file: string): Promise<string> {
    const target = join(t.scratch, 'downloads', `${name}-${output}-${++downloads}`);
    const downloaded = await runCli(['job', 'download', name, '--output-name', output, '--download-path', target], t.url);
    assert.equal(downloaded.code, 0, downloaded.stderr);
    return readFile(join(target, 'named-outputs', output, file), 'utf8');
  }

  async function downloadReport(name: string): Promise<{ test_accuracy: number; rows: number; min_accuracy: number }> {
    return JSON.parse(await downloadOutput(name, 'report', 'report.json')) as { test_accuracy: number; rows: number; min_accuracy: number };
  }

  it('runs the iris example: prep, train, score and evaluate, components read from their files, each reading the outputs of the steps before it', async () => {
    const name = await submit(EXAMPLE);
    const ended = await waitForEnd(t.client, name, 180_000);
    assert.equal(ended.status, 'Completed', JSON.stringify(ended.error));
    const steps = (await t.client.listChildJobs(name)).value;
    assert.deepEqual(steps.map((s) => [s.name, s.status, s.reused_from]).sort(), [
      [`${name}_evaluate`, 'Completed', null],
      [`${name}_prep`, 'Completed', null],
      [`${name}_score`, 'Completed', null],
      [`${name}_train`, 'Completed', null],
    ]);
    const train = steps.find((s) => s.name === `${name}_train`);
    // An earlier step's output is passed by reference: the path of the job holding it, and a
    // digest of its content; the step reads it in place.
    const prepared = (train?.spec.inputs as Record<string, { path?: string; source_path?: string; digest?: string }>).prepared;
    assert.equal(prepared?.source_path, `azureml://jobs/${name}_prep/outputs/prepared`);
    assert.equal(prepared?.path, `azureml://jobs/${name}_prep/outputs/prepared`);
    assert.match(prepared?.digest ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.match(await t.client.getLogs(`${name}_train`), /model saved/);
    assert.match(String(train?.spec.command), /^python train\.py --prepared /, "the step runs its component's command");
    // The pipeline's declared output is the evaluate step's, bound to it.
    const report = await downloadReport(name);
    assert.equal(report.rows, 45);
    assert.ok(report.test_accuracy > 0.8, String(report.test_accuracy));
    assert.equal(report.min_accuracy, 0.85);
    const shown = (await runCli(['job', 'show', name], t.url)).stdout;
    for (const step of ['prep', 'train', 'score', 'evaluate']) assert.match(shown, new RegExp(`\\n${step} +${name}_${step} +Completed `));
    const listed = JSON.parse((await runCli(['job', 'list', '-o', 'json'], t.url)).stdout) as { name: string }[];
    assert.ok(listed.some((j) => j.name === name) && !listed.some((j) => j.name.startsWith(`${name}_`)), 'the job list shows the pipeline, not its steps');
    first = name;
  });

  it('a second run reuses every unchanged step, reruns from the first changed one, and runs everything with force_rerun', async () => {
    assert.ok(first, 'the first run completed');
    const reusedFrom = async (name: string) => {
      const ended = await waitForEnd(t.client, name, 180_000);
      assert.equal(ended.status, 'Completed', JSON.stringify(ended.error));
      const steps = (await t.client.listChildJobs(name)).value;
      return Object.fromEntries(steps.map((s) => [s.name.slice(name.length + 1), s.reused_from]));
    };
    const same = await submit(EXAMPLE);
    assert.deepEqual(await reusedFrom(same), { prep: `${first}_prep`, train: `${first}_train`, score: `${first}_score`, evaluate: `${first}_evaluate` });
    assert.deepEqual(await downloadReport(same), await downloadReport(first), "a reused step's outputs are the original's");
    const shown = (await runCli(['job', 'show', `${same}_train`], t.url)).stdout;
    assert.match(shown, new RegExp(`History: NotStarted → Queued → Completed\\nReused: ran nothing; its outputs are those of job ${first}_train`));
    // Only the last step's parameter changed: the steps before it are reused, it runs, reading
    // the reused score step's output where the step that ran keeps it.
    const stricter = await submit(EXAMPLE, ['--set', 'inputs.min_accuracy=0.9']);
    assert.deepEqual(await reusedFrom(stricter), { prep: `${first}_prep`, train: `${first}_train`, score: `${first}_score`, evaluate: null });
    const evaluate = await t.client.getJob(`${stricter}_evaluate`);
    assert.deepEqual((({ path, source_path }) => ({ path, source_path }))((evaluate.spec.inputs as Record<string, { path?: string; source_path?: string }>).scored ?? {}), {
      path: `azureml://jobs/${first}_score/outputs/scored`,
      source_path: `azureml://jobs/${stricter}_score/outputs/scored`,
    });
    assert.equal((await downloadReport(stricter)).min_accuracy, 0.9);
    // A change at train reruns train and score, which reads the new model; evaluate reruns only
    // if the predictions changed (reuse compares input contents, not where they came from).
    const other = await submit(EXAMPLE, ['--set', 'inputs.C=0.05']);
    const otherSteps = await reusedFrom(other);
    assert.deepEqual([otherSteps.prep, otherSteps.train, otherSteps.score], [`${first}_prep`, null, null]);
    const samePredictions = (await downloadOutput(`${other}_score`, 'scored', 'predictions.csv')) === (await downloadOutput(`${first}_score`, 'scored', 'predictions.csv'));
    assert.equal(otherSteps.evaluate, samePredictions ? `${first}_evaluate` : null);
    const forced = await submit(EXAMPLE, ['--set', 'settings.force_rerun=true']);
    assert.deepEqual(await reusedFrom(forced), { prep: null, train: null, score: null, evaluate: null });
  });

  it("runs the example with a sweep step: score and evaluate read the best trial's model", async () => {
    const name = await submit(SWEEP_EXAMPLE);
    const ended = await waitForEnd(t.client, name, 240_000);
    assert.equal(ended.status, 'Completed', JSON.stringify(ended.error));
    const tune = await t.client.getJob(`${name}_tune`);
    assert.equal(tune.type, 'sweep');
    const sweep = await t.client.getSweep(tune.name);
    assert.equal(sweep.trials.length, 4);
    const scores = sweep.trials.map((trial) => trial.score ?? -1);
    assert.ok(sweep.best, 'the sweep has a best trial');
    assert.equal(sweep.best.score, Math.max(...scores));
    // Each trial ran the train component with its C.
    assert.deepEqual(sweep.trials.map((trial) => trial.parameters.C).sort(), [0.01, 0.1, 1, 10]);
    const score = await t.client.getJob(`${name}_score`);
    assert.equal((score.spec.inputs as Record<string, { source_path?: string }>).model?.source_path, `azureml://jobs/${name}_tune/outputs/model`);
    const best = await downloadOutput(sweep.best.trial, 'model', 'model.pkl');
    const read = await downloadOutput(`${name}_tune`, 'model', 'model.pkl');
    assert.equal(read, best, "the sweep step's output is its best trial's");
    assert.ok((await downloadReport(name)).test_accuracy > 0.8);
  });

  it("runs a pipeline component as a step, from its file and registered with lathe component create; its output is the inner step's", async () => {
    const name = await submit(NESTED_EXAMPLE);
    const ended = await waitForEnd(t.client, name, 240_000);
    assert.equal(ended.status, 'Completed', JSON.stringify(ended.error));
    const model = await t.client.getJob(`${name}_model`);
    assert.equal(model.type, 'pipeline');
    const inner = (await t.client.listChildJobs(model.name)).value;
    assert.deepEqual(inner.map((s) => [s.name, s.status]).sort(), [
      [`${name}_model_evaluate`, 'Completed'],
      [`${name}_model_score`, 'Completed'],
      [`${name}_model_train`, 'Completed'],
    ]);
    // The outer pipeline's report is the nested pipeline's, which is its evaluate step's.
    const report = await downloadReport(name);
    assert.equal(report.rows, 45);
    assert.equal(report.min_accuracy, 0.8, "the component's default");

    const registered = await runCli(['component', 'create', '--file', join(COMPONENTS, 'train-score-evaluate.yml')], t.url);
    assert.equal(registered.code, 0, registered.stderr);
    const folder = await writeFiles(join(t.scratch, 'registered-component'), {
      'p.yml': `type: pipeline
inputs:
  iris: { type: uri_file, path: ${join(COMPONENTS, '..', '..', 'data', 'iris.csv')} }
jobs:
  prep:
    component: ${join(COMPONENTS, 'prep.yml')}
    inputs: { data: "\${{parent.inputs.iris}}" }
  model:
    type: pipeline
    component: azureml:iris_train_score_evaluate@latest
    inputs:
      prepared: \${{parent.jobs.prep.outputs.prepared}}
      C: 0.8
`,
    });
    const again = await submit(join(folder, 'p.yml'));
    const done = await waitForEnd(t.client, again, 240_000);
    assert.equal(done.status, 'Completed', JSON.stringify(done.error));
    // The same work as the file's run (or an earlier run of the same steps): every inner step is reused.
    const reused = (await t.client.listChildJobs(`${again}_model`)).value.map((s) => [s.name.slice(`${again}_model_`.length), s.reused_from !== null]);
    assert.deepEqual(reused.sort(), [
      ['evaluate', true],
      ['score', true],
      ['train', true],
    ]);
    const lineage = await t.client.jobLineage(again);
    assert.ok(
      lineage.some((e) => e.kind === 'component' && e.name === 'iris_train_score_evaluate'),
      JSON.stringify(lineage),
    );
  });

  it('refuses a pipeline step whose component is a command component, at its line', async () => {
    const folder = await writeFiles(join(t.scratch, 'not-a-pipeline-component'), {
      'p.yml': `type: pipeline\njobs:\n  inner:\n    type: pipeline\n    component: ${join(COMPONENTS, 'score.yml')}\n`,
    });
    const created = await runCli(['job', 'create', '--file', join(folder, 'p.yml')], t.url);
    assert.equal(created.code, 2, created.stderr);
    assert.match(created.stderr, /p\.yml:5:\d+: jobs\.inner\.component: step 'inner': 'iris_score' is a command component; a pipeline step runs a pipeline component/);
  });

  it('refuses a sweep step whose search space is not an input of its trial component, at its line, and creates nothing', async () => {
    const folder = await writeFiles(join(t.scratch, 'bad-sweep-step'), {
      'components/train.yml':
        'type: command\nname: t\nenvironment: azureml://registries/azureml/environments/sklearn-1.5/labels/latest\ncommand: echo ${{inputs.lr}}\ninputs:\n  lr: { type: number }\n',
      'p.yml':
        'type: pipeline\njobs:\n  tune:\n    type: sweep\n    trial: ./components/train.yml\n    sampling_algorithm: random\n    search_space:\n      rate: { type: uniform, min_value: 0, max_value: 1 }\n    objective: { goal: maximize, primary_metric: acc }\n    limits: { max_total_trials: 2 }\n',
    });
    const before = (await t.client.listJobs({ maxResults: 1000 })).value.length;
    const created = await runCli(['job', 'create', '--file', join(folder, 'p.yml')], t.url);
    assert.equal(created.code, 2, created.stderr);
    assert.match(created.stderr, /p\.yml:8:13: jobs\.tune\.search_space\.rate: step 'tune': the trial's component declares no input 'rate' \(it has: lr\)/);
    assert.equal((await t.client.listJobs({ maxResults: 1000 })).value.length, before);
  });

  it("refuses at submit a step that could not run, at the step's field in the file, and creates nothing", async () => {
    const folder = await writeFiles(join(t.scratch, 'unrunnable'), {
      'p.yml': 'type: pipeline\njobs:\n  ok:\n    command: echo ok\n  train:\n    command: echo train\n    environment: azureml:missing-env:1\n',
    });
    const before = (await t.client.listJobs({ maxResults: 1000 })).value.length;
    const created = await runCli(['job', 'create', '--file', join(folder, 'p.yml')], t.url);
    assert.equal(created.code, 2, created.stderr);
    assert.match(created.stderr, /p\.yml:7:18: jobs\.train\.environment: step 'train': 'azureml:missing-env:1' does not name an environment/);
    assert.equal((await t.client.listJobs({ maxResults: 1000 })).value.length, before);
  });

  it('a failing step fails the pipeline; with continue_on_step_failure the independent steps finish first', async () => {
    const folder = await writeFiles(join(t.scratch, 'failing'), { 'stop.yml': FAILING(false), 'go-on.yml': FAILING(true) });
    for (const [file, independent] of [
      ['go-on.yml', 'Completed'],
      ['stop.yml', undefined],
    ] as const) {
      const name = await submit(join(folder, file));
      const ended = await waitForEnd(t.client, name, 120_000);
      assert.equal(ended.status, 'Failed', file);
      assert.match(ended.error?.message ?? '', /^step 'broken' did not complete: /, file);
      const steps = new Map((await t.client.listChildJobs(name)).value.map((s) => [s.name.slice(name.length + 1), s.status]));
      assert.equal(steps.get('broken'), 'Failed', file);
      assert.equal(steps.has('after_broken'), false, `${file}: a step after a failed one never runs`);
      // A pipeline has no log of its own: streaming it tells each step's start and end.
      const streamed = await runCli(['job', 'stream', name], t.url);
      assert.match(streamed.stdout, /\nstep broken Failed: /);
      assert.match(streamed.stdout, /\nafter_broken +not started/);
      if (independent) assert.equal(steps.get('independent'), independent, file);
      else assert.notEqual(steps.get('independent'), 'Completed', `${file}: the pipeline stops at the failure`);
    }
  });
});
