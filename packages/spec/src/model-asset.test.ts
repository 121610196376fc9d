import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';
import { loadModelAssetFile, parseModelAsset, validateModelAsset } from './model-asset.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../test-fixtures/good/model/${name}`, import.meta.url));
const SCHEMA = 'https://azuremlschemas.azureedge.net/latest/model.schema.json';
const parse = (text: string) => parseModelAsset(text, { file: 'model.yml' });
const errorOf = (text: string): string => expectInvalidSpec(() => parse(text)).message;

describe('loadModelAssetFile with Azure examples', () => {
  it('reads a local file and fills type custom_model', async () => {
    const { spec, warnings } = await loadModelAssetFile(fixture('local-file.yml'));
    assert.deepEqual(spec, {
      $schema: SCHEMA,
      name: 'local-file-example',
      description: 'Model created from local file.',
      type: 'custom_model',
      path: 'mlflow-model/model.pkl',
    });
    assert.deepEqual(warnings, []);
  });

  it('reads an MLflow model folder, a numeric version and promptflow properties', async () => {
    assert.equal((await loadModelAssetFile(fixture('local-mlflow.yml'))).spec.type, 'mlflow_model');
    assert.equal((await loadModelAssetFile(fixture('version-number.yml'))).spec.version, '1');
    const { spec } = await loadModelAssetFile(fixture('promptflow-properties.yml'));
    assert.deepEqual(spec.properties, {
      'azureml.promptflow.source_flow_id': 'basic-chat',
      'azureml.promptflow.mode': 'chat',
      'azureml.promptflow.chat_input': 'question',
      'azureml.promptflow.chat_output': 'answer',
    });
  });
});

describe('parseModelAsset', () => {
  it('accepts job outputs, run artifacts and datastore paths', () => {
    for (const path of [
      'azureml://jobs/sincere_tangelo_4kqjw8vbcs/outputs/artifacts/paths/model/',
      'azureml://jobs/j1/outputs/model_output',
      'runs:/8b3c2a1f/model',
      'azureml://datastores/workspaceblobstore/paths/models/iris',
    ]) {
      assert.equal(parse(`name: iris-model\npath: ${path}\n`).spec.path, path);
    }
  });

  it('accepts flavors, stage and triton models', () => {
    const text = 'name: m\nversion: 3\ntype: triton_model\npath: ./models\nstage: Production\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n';
    const { spec } = parse(text);
    assert.deepEqual(spec.flavors, { python_function: { loader_module: 'mlflow.sklearn' } });
    assert.equal(spec.stage, 'Production');
    assert.equal(spec.type, 'triton_model');
  });

  it('warns that registry deployment templates are recorded but not applied', () => {
    const text = 'name: m\npath: ./m\ndefault_deployment_template:\n  asset_id: azureml://registries/r/deploymenttemplates/t/versions/1\n';
    assert.deepEqual(parse(text).warnings, ['model.yml:3:1: default_deployment_template: recorded but not applied: deployment templates belong to Azure ML registries']);
  });
});

describe('parseModelAsset with bad input', () => {
  it('reports an unknown type and a malformed run reference together', () => {
    assert.equal(
      errorOf('name: m\ntype: onnx_model\npath: runs:/\n'),
      '2 problems:\nmodel.yml:2:7: type: expected one of: custom_model, mlflow_model, triton_model, got the string "onnx_model"\n' +
        "model.yml:3:7: path: 'runs:/' is not a run reference: expected runs:/<run>/<path>",
    );
  });

  it('reports a job URI without an output and a flavor that is not a mapping', () => {
    assert.equal(
      errorOf('name: m\npath: azureml://jobs/j1/outputs\nflavors:\n  sklearn: 1\n'),
      "2 problems:\nmodel.yml:2:7: path: 'azureml://jobs/j1/outputs' is not a job output: expected azureml://jobs/<job>/outputs/<output>/paths/<path>\n" +
        'model.yml:4:12: flavors.sklearn: expected a mapping, got number 1',
    );
  });

  it('reports a registry model as a path, naming what a path may be', () => {
    const error = expectInvalidSpec(() => validateModelAsset({ name: 'm', path: 'azureml://registries/azureml/models/gpt2/versions/4' }, 'spec'));
    assert.match(error.message, /^spec: path: a registry asset \('azureml:\/\/registries\/azureml\/models\/gpt2\/versions\/4'\) cannot be used here: expected a local path, /);
  });

  it('reports a missing path at the document', () => {
    assert.equal(errorOf('name: m\n'), "model.yml:1:1: path: required field 'path' is missing");
  });
});
