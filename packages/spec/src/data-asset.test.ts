import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadDataAssetFile, parseDataAsset, validateDataAsset } from './data-asset.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../test-fixtures/good/data/${name}`, import.meta.url));
const SCHEMA = 'https://azuremlschemas.azureedge.net/latest/data.schema.json';
const parse = (text: string) => parseDataAsset(text, { file: 'data.yml' });
const errorOf = (text: string): string => expectInvalidSpec(() => parse(text)).message;

describe('loadDataAssetFile with Azure examples (Azure/azureml-examples cli/assets/data)', () => {
  it('reads a local file', async () => {
    const { spec, warnings } = await loadDataAssetFile(fixture('local-file.yml'));
    assert.deepEqual(spec, {
      $schema: SCHEMA,
      name: 'local-file-example-titanic',
      description: 'Data asset created from local file.',
      type: 'uri_file',
      path: 'sample-data/titanic.csv',
    });
    assert.deepEqual(warnings, []);
  });

  it('reads a local MLTable, a datastore folder, a datastore MLTable and https files', async () => {
    assert.equal((await loadDataAssetFile(fixture('local-mltable.yml'))).spec.type, 'mltable');
    assert.equal((await loadDataAssetFile(fixture('cloud-file.yml'))).spec.path, 'azureml://datastores/workspaceblobstore/paths/example-data/titanic.csv');
    assert.equal((await loadDataAssetFile(fixture('cloud-mltable.yml'))).spec.path, 'azureml://datastores/workspaceblobstore/paths/example-data/mltable-sample');
    assert.deepEqual((await loadDataAssetFile(fixture('public-file-https.yml'))).warnings, []);
    assert.equal((await loadDataAssetFile(fixture('cloud-folder-https.yml'))).spec.type, 'uri_folder');
  });

  it('warns that an Azure storage URL is recorded but not reachable', async () => {
    const file = fixture('cloud-folder-wasbs.yml');
    const { spec, warnings } = await loadDataAssetFile(file);
    assert.equal(spec.path, 'wasbs://account-name.blob.core.windows.net/container-name/example-data/');
    assert.deepEqual(warnings, [`${file}:5:7: path: wasbs:// URLs are recorded, not reachable from Lathe yet`]);
  });
});

describe('parseDataAsset', () => {
  it('fills type uri_folder and reads versions as the text written', () => {
    assert.deepEqual(parse('name: iris\nversion: 1\npath: ./data\n').spec, { name: 'iris', version: '1', type: 'uri_folder', path: './data' });
    assert.equal(parse('name: iris\nversion: 1.10\npath: ./data\n').spec.version, '1.10');
    assert.equal(parse('name: iris\nversion: 2024.01\npath: ./data\n').spec.version, '2024.01');
  });

  it('accepts job outputs, uploaded snapshots, tags, properties and a datastore', () => {
    const text = 'name: scored\npath: azureml://jobs/j1/outputs/predictions/paths/\ndatastore: workspaceblobstore\ntags: {rows: 150}\nproperties: {source: job}\n';
    const { spec } = parse(text);
    assert.deepEqual(spec.tags, { rows: '150' });
    assert.equal(spec.datastore, 'workspaceblobstore');
    assert.equal(validateDataAsset({ name: 'iris', path: `blob://${'0'.repeat(64)}/iris.csv`, type: 'URI_FILE' }).spec.type, 'uri_file');
  });

  it('applies --set before validation', () => {
    const { spec } = parseDataAsset('name: iris\npath: ./data\n', { file: 'data.yml', set: ['version=7', 'type=uri_file'] });
    assert.equal(spec.version, '7');
    assert.equal(spec.type, 'uri_file');
  });
});

describe('parseDataAsset with bad input', () => {
  it('reports an unknown type listing the allowed ones', () => {
    assert.equal(errorOf('name: iris\ntype: uri_table\npath: ./data\n'), 'data.yml:2:7: type: expected one of: uri_file, uri_folder, mltable, got the string "uri_table"');
  });

  it('reports a missing name and path at the document', () => {
    assert.equal(errorOf('version: 2\ntype: uri_file\n'), "2 problems:\ndata.yml:1:1: name: required field 'name' is missing\ndata.yml:1:1: path: required field 'path' is missing");
  });

  it('reports a name that breaks Azure rules', () => {
    assert.equal(errorOf('name: -iris\npath: ./data\n'), 'data.yml:1:7: name: "-iris" is not valid: expected letters, digits, _, - and ., starting with a letter or digit, at most 255 characters');
  });

  it('reports an asset reference as a path, naming the accepted forms', () => {
    assert.equal(
      errorOf('name: iris\npath: azureml:iris:1\n'),
      "data.yml:2:7: path: an asset reference ('azureml:iris:1') cannot be used here: expected a local path, an http(s) or Azure storage URL, " +
        'azureml://datastores/<datastore>/paths/<path> or azureml://jobs/<job>/outputs/<output>/paths/<path>',
    );
  });

  it('reports a malformed datastore URI at its value', () => {
    const error = expectInvalidSpec(() => parse('name: iris\ntype: uri_file\npath: azureml://datastores/workspaceblobstore/data/iris.csv\n'));
    assert.equal(error.message, "data.yml:3:7: path: 'azureml://datastores/workspaceblobstore/data/iris.csv' is not a datastore path: expected azureml://datastores/<datastore>/paths/<path>");
    assert.equal((error.details.errors as { expected: string }[])[0]?.expected.startsWith('a local path, '), true);
  });

  it('reports an unknown field at its key', () => {
    assert.equal(
      errorOf('name: iris\npath: ./x\nformat: csv\n'),
      "data.yml:3:1: format: unknown field 'format'; allowed fields: $schema, name, version, description, tags, properties, type, path, datastore",
    );
  });

  it('names the field path under the source for a REST body', () => {
    const error = expectInvalidSpec(() => validateDataAsset({ name: 'iris', path: 'ftp://host/iris.csv' }, 'spec'));
    assert.equal(
      error.message,
      "spec: path: 'ftp://host/iris.csv': the URI scheme 'ftp:' is not supported: expected a local path, http://, https://, wasb://, wasbs://, abfs://, abfss://, adl:// or azureml:",
    );
  });
});
