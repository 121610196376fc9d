// Pipeline jobs from YAML through `lathe job create`, on a real server with real Python steps:
// the iris example's outputs flow from step to step, its declared output downloads from the step
// bound to it, and a failing step fails the pipeline or lets independent steps finish, per
// `continue_on_step_failure`.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

const EXAMPLE = fileURLToPath(new URL('../../../../examples/pipelines/iris-pipeline.yml', import.meta.url));

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
    command: sleep 5 && cat \${{inputs.x}}/first.txt
    inputs:
      x: \${{parent.jobs.first.outputs.out}}
`;

describe('pipeline jobs through the CLI', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => t?.close());

  async function submit(file: string): Promise<string> {
    const created = await runCli(['job', 'create', '--file', file, '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    return (JSON.parse(created.stdout) as { name: string }).name;
  }

  it('runs the iris example: prep, train and score, each reading the outputs of the steps before it', async () => {
    const name = await submit(EXAMPLE);
    const ended = await waitForEnd(t.client, name, 180_000);
    assert.equal(ended.status, 'Completed', JSON.stringify(ended.error));
    const steps = (await t.client.listChildJobs(name)).value;
    assert.deepEqual(steps.map((s) => [s.name, s.status]).sort(), [
      [`${name}_prep`, 'Completed'],
      [`${name}_score`, 'Completed'],
      [`${name}_train`, 'Completed'],
    ]);
    const train = steps.find((s) => s.name === `${name}_train`);
    assert.equal((train?.spec.inputs as Record<string, { source_path?: string }>).prepared?.source_path, `azureml://jobs/${name}_prep/outputs/prepared`);
    // The pipeline's declared output is the score step's, bound to it.
    const target = join(t.scratch, 'iris-report');
    const downloaded = await runCli(['job', 'download', name, '--output-name', 'report', '--download-path', target], t.url);
    assert.equal(downloaded.code, 0, downloaded.stderr);
    const report = JSON.parse(await readFile(join(target, 'named-outputs', 'report', 'report.json'), 'utf8')) as { test_accuracy: number; rows: number };
    assert.equal(report.rows, 45);
    assert.ok(report.test_accuracy > 0.8, String(report.test_accuracy));
    const shown = (await runCli(['job', 'show', name], t.url)).stdout;
    for (const step of ['prep', 'train', 'score']) assert.match(shown, new RegExp(`\\n${step} +${name}_${step} +Completed `));
    const listed = JSON.parse((await runCli(['job', 'list', '-o', 'json'], t.url)).stdout) as { name: string }[];
    assert.ok(listed.some((j) => j.name === name) && !listed.some((j) => j.name.startsWith(`${name}_`)), 'the job list shows the pipeline, not its steps');
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
