import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SpecFinding } from './spec-report.js';
import { parsePipelineJob, stepDependencies, stepInputSource } from './pipeline-job.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

// prep → train → score, with a pipeline input, a pipeline output and a misspelt settings key as
// Azure's own examples have it.
const PIPELINE = `$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
display_name: nyc-taxi
inputs:
  raw:
    type: uri_folder
    path: ./data
  max_epochs: 10
outputs:
  trained_model:
settings:
  default_compute: azureml:cpu-cluster
  default_datestore: azureml:workspaceblobstore
  continue_on_step_failure: false
jobs:
  prep:
    command: python prep.py --raw \${{inputs.raw}} --out \${{outputs.prepped}}
    code: src
    environment: azureml:sklearn:1
    inputs:
      raw: \${{parent.inputs.raw}}
    outputs:
      prepped:
  train:
    type: command
    component: file:./train.yml
    inputs:
      data: \${{parent.jobs.prep.outputs.prepped}}
      epochs: \${{parent.inputs.max_epochs}}
    outputs:
      model: \${{parent.outputs.trained_model}}
  score:
    command: python score.py --model \${{inputs.model}} --data \${{inputs.data}}
    environment: azureml:sklearn:1
    compute: \${{parent.inputs.max_epochs}}
    inputs:
      model: \${{parent.jobs.train.outputs.model}}
      data: \${{parent.jobs.prep.outputs.prepped}}
`;

function errorsOf(text: string): SpecFinding[] {
  return expectInvalidSpec(() => parsePipelineJob(text, { file: 'pipeline.yml' })).details.errors as SpecFinding[];
}

describe('parsePipelineJob', () => {
  it('reads an Azure ML pipeline: steps, bindings, outputs declared with no value, and warns about an unknown setting', () => {
    const { spec, warnings } = parsePipelineJob(PIPELINE, { file: 'pipeline.yml' });
    assert.deepEqual(Object.keys(spec.jobs), ['prep', 'train', 'score']);
    assert.deepEqual(spec.jobs.prep?.outputs, { prepped: { type: 'uri_folder', mode: 'rw_mount' } });
    assert.deepEqual(spec.outputs, { trained_model: { type: 'uri_folder', mode: 'rw_mount' } });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^pipeline\.yml:13:3: settings\.default_datestore: unknown setting 'default_datestore' is ignored/);
    assert.deepEqual(stepDependencies(spec.jobs.score!), ['train', 'prep']);
    assert.deepEqual(stepInputSource(spec.jobs.train!.inputs!.epochs), { kind: 'pipeline-input', input: 'max_epochs' });
  });

  it('names the step and what exists when a binding names an unknown step, output or pipeline input', () => {
    const errors = errorsOf(
      PIPELINE.replace('${{parent.jobs.prep.outputs.prepped}}\n      epochs', '${{parent.jobs.prepare.outputs.prepped}}\n      epochs')
        .replace(/data: \$\{\{parent\.jobs\.prep\.outputs\.prepped\}\}\n$/, 'data: ${{parent.jobs.prep.outputs.cleaned}}\n')
        .replace('raw: ${{parent.inputs.raw}}', 'raw: ${{parent.inputs.rawdata}}'),
    );
    assert.deepEqual(
      errors.map((e) => [e.line, e.field, e.message, e.expected]),
      [
        [21, 'jobs.prep.inputs.raw', "step 'prep': ${{parent.inputs.rawdata}} names pipeline input 'rawdata', which the pipeline does not declare", 'one of the inputs: raw, max_epochs'],
        [28, 'jobs.train.inputs.data', "step 'train': ${{parent.jobs.prepare.outputs.prepped}} names step 'prepare', which the pipeline does not have", 'one of the steps: prep, train, score'],
        [
          38,
          'jobs.score.inputs.data',
          "step 'score': ${{parent.jobs.prep.outputs.cleaned}} names output 'cleaned' of step 'prep', which declares no such output",
          "one of the outputs of 'prep': prepped",
        ],
      ],
    );
  });

  it('rejects a cycle once, at its first step, naming the loop', () => {
    const cyclic = PIPELINE.replace('raw: ${{parent.inputs.raw}}', 'raw: ${{parent.jobs.score.outputs.report}}').replace(
      '    compute: ${{parent.inputs.max_epochs}}\n',
      '    compute: ${{parent.inputs.max_epochs}}\n    outputs:\n      report:\n',
    );
    const errors = errorsOf(cyclic.replace('--data ${{inputs.data}}', '--data ${{inputs.data}} --out ${{outputs.report}}'));
    assert.deepEqual(
      errors.map((e) => [e.line, e.field, e.message]),
      [[16, 'jobs.prep', "steps 'prep' → 'score' → 'train' → 'prep' wait for each other's outputs: a pipeline cannot have a cycle"]],
    );
  });

  it("checks a step's command against the step's own inputs and outputs, and its output bindings", () => {
    const errors = errorsOf(PIPELINE.replace('--model ${{inputs.model}}', '--model ${{inputs.weights}}').replace('${{parent.outputs.trained_model}}', '${{parent.outputs.final}}'));
    assert.deepEqual(
      errors.map((e) => [e.field, e.message]),
      [
        ['jobs.train.outputs.model', "step 'train': ${{parent.outputs.final}} names pipeline output 'final', which the pipeline does not declare"],
        ['jobs.score.command', "${{inputs.weights}} refers to input 'weights', which the step 'score' does not define"],
      ],
    );
  });

  it("rejects a step reading its own output, a step with neither command nor component, step types not run yet, and one kind's fields in the other kind's step", () => {
    const text = `type: pipeline
jobs:
  a:
    command: echo \${{inputs.x}} > \${{outputs.y}}/f
    inputs:
      x: \${{parent.jobs.a.outputs.y}}
    outputs:
      y:
  b:
    environment: azureml:env:1
  c:
    type: spark
  d:
    type: sweep
    command: python train.py
    search_space: {}
  e:
    command: echo e
    objective: { goal: maximize, primary_metric: acc }
  f:
    type: pipeline
    command: echo f
`;
    assert.deepEqual(
      errorsOf(text)
        .map((e) => [e.field, e.message])
        .sort(),
      [
        ['jobs.a.inputs.x', "step 'a' reads its own output 'y'"],
        ['jobs.b', "step 'b' has neither a command nor a component"],
        ['jobs.c.type', "step 'c': 'spark' steps are not supported yet; command, sweep, pipeline and parallel steps are"],
        ['jobs.d', "sweep step 'd' has no trial"],
        ['jobs.d.command', "step 'd': 'command' is not a field of sweep steps"],
        ['jobs.e.objective', "step 'e': 'objective' is not a field of command steps"],
        ['jobs.f', "pipeline step 'f' has no component"],
        ['jobs.f.command', "step 'f': 'command' is not a field of pipeline steps"],
      ],
    );
  });

  it("rejects a step output bound to an input of another type of the reading step's component, naming both", () => {
    const text = `type: pipeline
jobs:
  make:
    command: echo > \${{outputs.file}}
    outputs:
      file: { type: uri_file }
      folder:
  read:
    component:
      type: command
      command: cat \${{inputs.folder}} \${{inputs.count}} \${{inputs.same}} \${{inputs.any}}
      inputs:
        folder: { type: uri_folder }
        count: { type: integer }
        same: { type: uri_file }
        any: { type: mltable }
    inputs:
      folder: \${{parent.jobs.make.outputs.file}}
      count: \${{parent.jobs.make.outputs.folder}}
      same: \${{parent.jobs.make.outputs.file}}
      any: \${{parent.jobs.make.outputs.folder}}
`;
    assert.deepEqual(
      errorsOf(text)
        .map((e) => [e.field, e.message])
        .sort(),
      [
        ['jobs.read.inputs.count', "step 'read': input 'count' (integer) cannot take ${{parent.jobs.make.outputs.folder}}, a uri_folder output"],
        ['jobs.read.inputs.folder', "step 'read': input 'folder' (uri_folder) cannot take ${{parent.jobs.make.outputs.file}}, a uri_file output"],
      ],
    );
  });

  it('rejects a pipeline without steps', () => {
    assert.deepEqual(
      errorsOf('type: pipeline\njobs: {}\n').map((e) => [e.field, e.message]),
      [['jobs', 'a pipeline needs at least one step']],
    );
  });
});
