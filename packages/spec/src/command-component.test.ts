import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCommandComponentFile, parseCommandComponent, validateCommandComponent } from './command-component.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../test-fixtures/good/component/${name}`, import.meta.url));
const SCHEMA = 'https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json';
const SKLEARN = 'azureml://registries/azureml/environments/sklearn-1.5/labels/latest';
const parse = (text: string) => parseCommandComponent(text, { file: 'component.yml' });
const errorOf = (text: string): string => expectInvalidSpec(() => parse(text)).message;

describe('loadCommandComponentFile with Azure examples', () => {
  it('reads the train component with optional inputs in $[[ ]] sections (cli/assets/component/train.yml)', async () => {
    const { spec, warnings } = await loadCommandComponentFile(fixture('train.yml'));
    assert.deepEqual(spec, {
      $schema: SCHEMA,
      type: 'command',
      name: 'train_data_component_cli',
      display_name: 'train_data',
      description: 'A example train component',
      tags: { author: 'azureml-sdk-team' },
      inputs: {
        training_data: { type: 'uri_folder' },
        max_epocs: { type: 'integer', optional: true },
        learning_rate: { type: 'number', default: 0.01, optional: true },
        learning_rate_schedule: { type: 'string', default: 'time-based', optional: true },
      },
      outputs: { model_output: { type: 'uri_folder' } },
      code: './train_src',
      environment: SKLEARN,
      command:
        'python train.py  --training_data ${{inputs.training_data}}  $[[--max_epocs ${{inputs.max_epocs}}]] ' +
        '$[[--learning_rate ${{inputs.learning_rate}}]] $[[--learning_rate_schedule ${{inputs.learning_rate_schedule}}]] ' +
        '--model_output ${{outputs.model_output}}',
    });
    assert.deepEqual(warnings, []);
  });

  it('reads min, max and enum on inputs', async () => {
    const { spec } = await loadCommandComponentFile(fixture('train-enum-min-max.yml'));
    assert.deepEqual(spec.inputs?.max_epocs, { type: 'integer', min: 0, max: 100 });
    assert.deepEqual(spec.inputs?.learning_rate_schedule, { type: 'string', default: 'time-based', enum: ['step', 'time-based'] });
  });

  it('reads an inline environment, mpi distribution and many typed defaults', async () => {
    const { spec, warnings } = await loadCommandComponentFile(fixture('image-cnn-train.yml'));
    assert.equal(spec.version, '0.0.1');
    assert.deepEqual(spec.environment, { image: 'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest', conda_file: './conda.yaml' });
    assert.deepEqual(spec.distribution, { type: 'mpi', process_count_per_instance: 1 });
    assert.deepEqual(spec.inputs?.weight_decay, { type: 'number', description: 'weight decay (default: 1e-4)', default: 0.0001 });
    assert.deepEqual(spec.tags, {});
    assert.deepEqual(warnings, []);
  });

  it('reads tensorflow distribution, output modes and additional_includes', async () => {
    const tf = await loadCommandComponentFile(fixture('tf-hello-world.yml'));
    assert.deepEqual(tf.spec.distribution, { type: 'tensorflow', worker_count: 2 });
    assert.equal(tf.spec.version, '1');
    const prepare = await loadCommandComponentFile(fixture('prepare-data.yml'));
    assert.deepEqual(prepare.spec.outputs, { mnist_png: { type: 'uri_folder', mode: 'rw_mount' } });
    const includes = await loadCommandComponentFile(fixture('additional-includes.yml'));
    assert.deepEqual(includes.spec.additional_includes, ['common_src']);
  });
});

describe('parseCommandComponent', () => {
  it('fills type command and output type uri_folder', () => {
    const { spec } = parse('name: c\nenvironment: azureml:sklearn:1\ncommand: train ${{outputs.model}}\noutputs:\n  model: {}\n');
    assert.equal(spec.type, 'command');
    assert.deepEqual(spec.outputs, { model: { type: 'uri_folder' } });
  });

  it('warns when an optional input without a default is bound outside $[[ ]]', () => {
    const text = 'name: c\ncommand: >-\n  python train.py\n  --epochs ${{inputs.epochs}}\nenvironment: azureml:sklearn:1\ninputs:\n  epochs:\n    type: integer\n    optional: true\n';
    assert.deepEqual(parse(text).warnings, ["component.yml:4:12: command: ${{inputs.epochs}} is optional but outside $[[ ... ]]; the command fails when 'epochs' is not given"]);
  });
});

describe('parseCommandComponent with bad input', () => {
  it('rejects other component types as not supported yet', () => {
    assert.equal(errorOf('name: c\ntype: pipeline\n'), "component.yml:2:7: type: 'pipeline' components are not supported yet; this file must be a command component");
  });

  it('checks bindings against declared inputs and outputs, the environment reference and input types', () => {
    const text = 'name: c\ncommand: python train.py --lr ${{inputs.lr}} --out ${{outputs.model}}\nenvironment: azureml:sklearn\ninputs:\n  lr:\n    type: float\n';
    assert.equal(
      errorOf(text),
      '3 problems:\n' +
        "component.yml:2:52: command: ${{outputs.model}} refers to output 'model', which the component does not define\n" +
        "component.yml:3:14: environment: 'azureml:sklearn' names no version: expected azureml:sklearn:<version> or azureml:sklearn@latest\n" +
        'component.yml:6:11: inputs.lr.type: expected one of: number, integer, string, boolean, uri_file, uri_folder, mltable, custom_model, mlflow_model, triton_model, got the string "float"',
    );
  });

  it('checks min, max, enum, mode and default against the input type', () => {
    const text = [
      'name: c',
      'command: python train.py --lr ${{inputs.lr}} --mode ${{inputs.mode}} --epochs ${{inputs.epochs}}',
      `environment: ${SKLEARN}`,
      'inputs:',
      '  lr:',
      '    type: number',
      '    min: 1',
      '    max: 0.5',
      '    default: "0.1"',
      '  mode:',
      '    type: string',
      '    min: 1',
      '    enum: [fast, slow]',
      '    default: medium',
      '  epochs:',
      '    type: integer',
      '    mode: download',
      '    default: 2.5',
      '',
    ].join('\n');
    assert.equal(
      errorOf(text),
      '6 problems:\n' +
        'component.yml:8:10: inputs.lr.max: max 0.5 is below min 1\n' +
        `component.yml:9:14: inputs.lr.default: expected a number (the input's type), got the string "0.1"\n` +
        "component.yml:12:5: inputs.mode.min: 'min' applies only to number and integer inputs; this input is of type string\n" +
        'component.yml:14:14: inputs.mode.default: default "medium" is not in enum: expected one of: fast, slow\n' +
        "component.yml:17:5: inputs.epochs.mode: 'mode' applies only to file and folder inputs; this input is of type integer\n" +
        "component.yml:18:14: inputs.epochs.default: expected an integer (the input's type), got number 2.5",
    );
  });

  it('reports a default outside min and max', () => {
    const text = `name: c\ncommand: echo \${{inputs.n}}\nenvironment: ${SKLEARN}\ninputs:\n  n:\n    type: integer\n    min: 1\n    max: 10\n    default: 0\n`;
    assert.equal(errorOf(text), 'component.yml:9:14: inputs.n.default: default 0 is below min 1');
  });

  it('reports an environment that is not a registered one', () => {
    assert.equal(
      errorOf('name: c\ncommand: python train.py\nenvironment: ./env.yml\n'),
      "component.yml:3:14: environment: a local path ('./env.yml') cannot be used here: expected azureml:<name>:<version>, azureml:<name>@latest " +
        'or azureml://registries/<registry>/<type>/<name>/versions/<version> (or /labels/<label>)',
    );
  });

  it('reports a missing environment and command at the document', () => {
    assert.equal(errorOf('name: c\n'), "2 problems:\ncomponent.yml:1:1: environment: required field 'environment' is missing\ncomponent.yml:1:1: command: required field 'command' is missing");
  });

  it('names the field path under the source for a REST body', () => {
    const error = expectInvalidSpec(() => validateCommandComponent({ name: 'c', environment: 'azureml:e:1', command: 'echo ${{inputs.x}}' }, 'spec'));
    assert.equal(error.message, "spec: command: ${{inputs.x}} refers to input 'x', which the component does not define");
  });

  it('reports an input that is not a mapping as a spec error', () => {
    const error = expectInvalidSpec(() => validateCommandComponent({ name: 'c', environment: 'azureml:e:1', command: 'echo', inputs: { a: null } }, 'spec'));
    assert.match(error.message, /^spec: inputs\.a: /);
  });
});
