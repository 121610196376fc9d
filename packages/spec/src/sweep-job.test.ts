import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SpecFinding } from './spec-report.js';
import { parseJobFile } from './job-file.js';
import { parseSweepJob, validateSweepJob } from './sweep-job.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

const SWEEP = `$schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json
type: sweep
trial:
  code: src
  command: >-
    python train.py --data \${{inputs.iris}}
    --C \${{search_space.C}} --kernel \${{search_space.kernel}}
    --model-dir \${{outputs.model}}
  environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
inputs:
  iris:
    type: uri_file
    path: azureml:iris:1
outputs:
  model:
compute: azureml:cpu-cluster
sampling_algorithm: random
search_space:
  C:
    type: uniform
    min_value: 0.5
    max_value: 0.9
  kernel:
    type: choice
    values: [linear, rbf]
objective:
  goal: Maximize
  primary_metric: accuracy
limits:
  max_total_trials: 6
  max_concurrent_trials: 2
  timeout: 3600
early_termination:
  type: bandit
  evaluation_interval: 1
  slack_factor: 0.1
`;

function errorsOf(text: string): SpecFinding[] {
  const error = expectInvalidSpec(() => parseSweepJob(text, { file: 'sweep.yml' }));
  return error.details.errors as SpecFinding[];
}

describe('parseSweepJob', () => {
  it('reads an Azure ML sweep job, normalising the goal and declaring empty outputs', () => {
    const { spec, warnings } = parseSweepJob(SWEEP, { file: 'sweep.yml' });
    assert.deepEqual(warnings, []);
    assert.equal(spec.objective.goal, 'maximize');
    assert.deepEqual(spec.outputs, { model: { type: 'uri_folder', mode: 'rw_mount' } });
    assert.deepEqual(spec.limits, { max_total_trials: 6, max_concurrent_trials: 2, timeout: 3600 });
    assert.equal(spec.trial.environment, 'azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest');
  });

  it('places a search-space problem at its field, with the line it is on', () => {
    const text = SWEEP.replace('max_value: 0.9', 'max_value: 0.1');
    assert.deepEqual(
      errorsOf(text).map((e) => [e.line, e.field]),
      [[21, 'search_space.C.min_value']],
    );
  });

  it('rejects a grid sweep over a uniform parameter, as Azure does at submit', () => {
    const [error] = errorsOf(SWEEP.replace('sampling_algorithm: random', 'sampling_algorithm: grid'));
    assert.equal(error?.field, 'search_space.C');
    assert.match(error?.message ?? '', /grid sampling supports only choice expressions, got uniform/);
  });

  it('rejects a trial command naming a parameter the search space lacks, at its place in the command', () => {
    const errors = errorsOf(SWEEP.replace('${{search_space.kernel}}', '${{search_space.gamma}}'));
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.field, 'trial.command');
    assert.match(errors[0]?.message ?? '', /\$\{\{search_space\.gamma\}\} refers to parameter 'gamma', which search_space does not define/);
    assert.equal(errors[0]?.expected, 'one of the parameters: C, kernel');
  });

  it('reports every problem in one run: a bad policy field, a bad algorithm and a missing objective', () => {
    const text = SWEEP.replace('slack_factor: 0.1', 'slack_factor: -1')
      .replace('sampling_algorithm: random', 'sampling_algorithm: annealing')
      .replace(/objective:\n.*\n.*\n/, '');
    const fields = errorsOf(text)
      .map((e) => e.field)
      .sort();
    assert.deepEqual(fields, ['early_termination.slack_factor', 'objective', 'sampling_algorithm.type']);
  });

  it('checks a REST body as data, naming the field under the source', () => {
    const error = expectInvalidSpec(() =>
      validateSweepJob({
        type: 'sweep',
        trial: { command: 'python t.py', environment: 'azureml:env:1' },
        sampling_algorithm: 'random',
        search_space: { lr: { type: 'uniform' } },
        objective: { primary_metric: 'loss', goal: 'minimize' },
      }),
    );
    assert.match(error.message, /^request body: search_space\.lr/);
  });

  it('warns when more trials may run at once than the sweep has', () => {
    const { warnings } = parseSweepJob(SWEEP.replace('max_concurrent_trials: 2', 'max_concurrent_trials: 8'), { file: 'sweep.yml' });
    assert.deepEqual(warnings, ['sweep.yml:31:26: limits.max_concurrent_trials: 8 is more than max_total_trials (6); at most 6 trials run at once']);
  });
});

describe('parseJobFile', () => {
  it('reads a sweep as a sweep, a pipeline as a pipeline and anything else as a command job', () => {
    assert.equal(parseJobFile(SWEEP, { file: 'sweep.yml' }).type, 'sweep');
    assert.equal(parseJobFile('command: echo hi\nenvironment: azureml:env:1\n', { file: 'job.yml' }).type, 'command');
    assert.equal(parseJobFile('type: pipeline\njobs:\n  a:\n    command: echo hi\n', { file: 'p.yml' }).type, 'pipeline');
    const error = expectInvalidSpec(() => parseJobFile('type: automl\ntask: classification\n', { file: 'a.yml' }));
    assert.match(error.message, /'automl' jobs are not supported yet/);
  });

  it('follows a --set type= override', () => {
    const error = expectInvalidSpec(() => parseJobFile('command: echo hi\n', { file: 'job.yml', set: ['type=sweep'] }));
    assert.match(error.message, /trial/);
  });
});
