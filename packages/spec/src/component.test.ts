import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPipelineComponent, parseComponent } from './component.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';
import type { SpecFinding } from './spec-report.js';

const PIPELINE_COMPONENT = `$schema: https://azuremlschemas.azureedge.net/latest/pipelineComponent.schema.json
type: pipeline
name: train_and_score
version: 1
inputs:
  data: { type: uri_folder }
  lr: { type: number, default: 0.1 }
outputs:
  model:
jobs:
  train:
    component: ./train.yml
    inputs:
      data: \${{parent.inputs.data}}
      lr: \${{parent.inputs.lr}}
    outputs:
      model: \${{parent.outputs.model}}
`;

function errorsOf(text: string): [string, string][] {
  const errors = expectInvalidSpec(() => parseComponent(text, { file: 'component.yml' })).details.errors as SpecFinding[];
  return errors.map((e) => [e.field, e.message]);
}

describe('parseComponent', () => {
  it('reads a pipeline component: declared inputs and outputs, and steps binding them', () => {
    const { spec } = parseComponent(PIPELINE_COMPONENT, { file: 'component.yml' });
    assert.ok(isPipelineComponent(spec));
    assert.equal(spec.version, '1');
    assert.deepEqual(spec.outputs, { model: { type: 'uri_folder' } });
    assert.deepEqual(Object.keys(spec.jobs), ['train']);
  });

  it("checks a pipeline component's steps as a pipeline job's: bindings to what it declares", () => {
    const broken = PIPELINE_COMPONENT.replace('${{parent.inputs.lr}}', '${{parent.inputs.rate}}').replace('${{parent.outputs.model}}', '${{parent.outputs.weights}}');
    assert.deepEqual(errorsOf(broken).sort(), [
      ['jobs.train.inputs.lr', "step 'train': ${{parent.inputs.rate}} names pipeline input 'rate', which the pipeline does not declare"],
      ['jobs.train.outputs.model', "step 'train': ${{parent.outputs.weights}} names pipeline output 'weights', which the pipeline does not declare"],
    ]);
  });

  it('reads a command component when type is command or absent, and refuses other types', () => {
    const command = 'name: c\nenvironment: azureml:env:1\ncommand: echo hi\n';
    assert.equal(parseComponent(command, { file: 'c.yml' }).spec.type, 'command');
    assert.equal(parseComponent(`type: Command\n${command}`, { file: 'c.yml' }).spec.type, 'command');
    assert.deepEqual(errorsOf(`type: parallel\n${command}`), [['type', "'parallel' components are not supported yet; command and pipeline components are"]]);
  });
});
