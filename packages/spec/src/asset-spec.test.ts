import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ASSET_KINDS, loadAssetFile, parseAsset, validateAsset } from './asset-spec.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

const fixture = (path: string): string => fileURLToPath(new URL(`../test-fixtures/good/${path}`, import.meta.url));

describe('loadAssetFile', () => {
  it('reads each kind with its own schema', async () => {
    assert.equal((await loadAssetFile('data', fixture('data/local-file.yml'))).spec.type, 'uri_file');
    assert.equal((await loadAssetFile('model', fixture('model/local-mlflow.yml'))).spec.type, 'mlflow_model');
    assert.equal((await loadAssetFile('environment', fixture('environment/docker-image.yml'))).spec.os_type, 'linux');
    assert.equal((await loadAssetFile('component', fixture('component/train.yml'))).spec.type, 'command');
    assert.equal((await loadAssetFile('datastore', fixture('datastore/blob.yml'))).spec.type, 'azure_blob');
  });

  it('applies --set overrides', async () => {
    const { spec } = await loadAssetFile('model', fixture('model/local-file.yml'), ['version=4', 'stage=Staging']);
    assert.equal(spec.version, '4');
    assert.equal(spec.stage, 'Staging');
  });
});

describe('parseAsset and validateAsset', () => {
  it('cover every kind', () => {
    assert.deepEqual([...ASSET_KINDS], ['data', 'model', 'environment', 'component', 'datastore', 'code']);
  });

  it('read a code asset: a folder on a datastore, versioned as text', () => {
    const { spec } = parseAsset('code', 'name: c1\nversion: 1\npath: azureml://datastores/workspaceblobstore/paths/LocalUpload/abc/src\nis_anonymous: true\n', { file: 'code.yml' });
    assert.deepEqual(spec, { name: 'c1', version: '1', path: 'azureml://datastores/workspaceblobstore/paths/LocalUpload/abc/src', is_anonymous: true });
    const error = expectInvalidSpec(() => validateAsset('code', { name: 'c1', path: 'azureml:other:1' }, 'spec'));
    assert.match(error.message, /^spec: path: /);
  });

  it('report errors with the kind of the file', () => {
    const error = expectInvalidSpec(() => parseAsset('environment', 'name: e\n', { file: 'env.yml' }));
    assert.match(error.message, /^env\.yml:1:1: image: an environment needs image/);
    const body = expectInvalidSpec(() => validateAsset('datastore', { name: 'd', type: 'local' }, 'spec'));
    assert.equal(body.message, "spec: path: required field 'path' is missing");
  });
});
