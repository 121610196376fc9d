import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatheError } from '@lathe/core';
import { ASSET_REF_FORMS, parseAssetRef, readAssetRef, type AssetRef } from './asset-ref.js';

const SHA = 'a3f1c2'.padEnd(64, '0');

/** The reason `text` is refused. */
function reasonOf(text: string): string {
  const result = readAssetRef(text);
  assert.equal(result.ok, false, `${text} was accepted`);
  return result.ok ? '' : result.reason;
}

describe('parseAssetRef with workspace assets (examples from Azure/azureml-examples)', () => {
  const cases: [string, AssetRef][] = [
    ['azureml:iris-reference:1', { kind: 'asset', name: 'iris-reference', version: '1' }],
    ['azureml:production_data_preprocessing:1.0.0', { kind: 'asset', name: 'production_data_preprocessing', version: '1.0.0' }],
    ['azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest', { kind: 'asset', name: 'AzureML-sklearn-1.0-ubuntu20.04-py38-cpu', label: 'latest' }],
    ['azureml:heart-classifier-mlflow@latest', { kind: 'asset', name: 'heart-classifier-mlflow', label: 'latest' }],
    ['azureml:cifar-10-example@latest', { kind: 'asset', name: 'cifar-10-example', label: 'latest' }],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${text}`, () => assert.deepEqual(parseAssetRef(text), expected));
  }

  it('refuses azureml:<name> without a version unless the caller allows latest', () => {
    assert.equal(reasonOf('azureml:iris'), "'azureml:iris' names no version: expected azureml:iris:<version> or azureml:iris@latest");
    assert.deepEqual(parseAssetRef('azureml:iris', { allowImplicitLatest: true }), { kind: 'asset', name: 'iris', label: 'latest' });
  });

  it('reads the long forms that name the workspace', () => {
    assert.deepEqual(parseAssetRef('azureml://locations/eastus/workspaces/4d3c9e21/data/titanic/versions/2'), {
      kind: 'asset',
      type: 'data',
      name: 'titanic',
      version: '2',
      scope: { workspace: '4d3c9e21', location: 'eastus' },
    });
    const arm = 'azureml:/subscriptions/0000-1111/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/main/environments/sklearn/versions/3';
    assert.deepEqual(parseAssetRef(arm), {
      kind: 'asset',
      type: 'environments',
      name: 'sklearn',
      version: '3',
      scope: { workspace: 'main', subscription: '0000-1111', resourceGroup: 'rg-ml' },
    });
  });

  it('says why a malformed short reference is refused', () => {
    assert.equal(reasonOf('azureml:'), "'azureml:' names no asset: expected azureml:<name>:<version> or azureml:<name>@<label>");
    assert.equal(reasonOf('azureml:iris:1:2'), "'azureml:iris:1:2' is not a valid asset reference: expected azureml:<name>:<version> or azureml:<name>@<label>, or an azureml:// URI");
    assert.equal(reasonOf('azureml:-iris:1'), "'azureml:-iris:1': asset name '-iris' is not valid: expected letters, digits, _, - and ., starting with a letter or digit, at most 255 characters");
    assert.equal(reasonOf('azureml:iris:'), "'azureml:iris:': version '' is not valid: expected letters, digits, _, - and ., starting with a letter or digit, at most 255 characters");
    assert.match(reasonOf('azureml:iris@'), /label '' is not valid/);
    assert.match(reasonOf('azureml:/subscriptions/s/resourceGroups/g/workspaces/w/data/d/versions/1'), /is not a valid resource id: expected azureml:\/subscriptions\//);
  });
});

describe('parseAssetRef with registry assets', () => {
  it('reads versions and labels of every asset type', () => {
    assert.deepEqual(parseAssetRef('azureml://registries/azureml/environments/sklearn-1.5/labels/latest'), {
      kind: 'registry',
      registry: 'azureml',
      type: 'environments',
      name: 'sklearn-1.5',
      label: 'latest',
    });
    assert.deepEqual(parseAssetRef('azureml://registries/azureml-meta/models/Meta-Llama-3.1-8B-Instruct/versions/2'), {
      kind: 'registry',
      registry: 'azureml-meta',
      type: 'models',
      name: 'Meta-Llama-3.1-8B-Instruct',
      version: '2',
    });
    assert.deepEqual(parseAssetRef('azureml://registries/azureml/components/rai_tabular_causal/versions/0.21.0'), {
      kind: 'registry',
      registry: 'azureml',
      type: 'components',
      name: 'rai_tabular_causal',
      version: '0.21.0',
    });
    assert.equal(parseAssetRef('azureml://registries/shared/data/iris/versions/1').kind, 'registry');
  });

  it('refuses unknown collections and missing parts', () => {
    assert.equal(
      reasonOf('azureml://registries/azureml/deploymenttemplates/t/versions/1'),
      "'azureml://registries/azureml/deploymenttemplates/t/versions/1': 'deploymenttemplates' is not an asset type: expected one of data, models, environments, components in " +
        'azureml://registries/<registry>/<type>/<name>/versions/<version> (or /labels/<label>)',
    );
    assert.equal(
      reasonOf('azureml://registries/azureml/models/gpt2'),
      "'azureml://registries/azureml/models/gpt2' is not valid: expected azureml://registries/<registry>/<type>/<name>/versions/<version> (or /labels/<label>)",
    );
    assert.match(reasonOf('azureml://registries//models/gpt2/versions/4'), /names no registry/);
    assert.match(reasonOf('azureml://registries/azureml/models/gpt2/versions/4/extra'), /is not valid: expected azureml:\/\/registries/);
  });
});

describe('parseAssetRef with datastore paths and job outputs', () => {
  it('reads datastore paths, keeping the path as written', () => {
    assert.deepEqual(parseAssetRef('azureml://datastores/workspaceblobstore/paths/example-data/titanic.csv'), {
      kind: 'datastore',
      datastore: 'workspaceblobstore',
      path: 'example-data/titanic.csv',
    });
    assert.deepEqual(parseAssetRef('azureml://datastores/workspaceblobstore/paths/example-data/'), {
      kind: 'datastore',
      datastore: 'workspaceblobstore',
      path: 'example-data/',
    });
    assert.deepEqual(parseAssetRef('azureml://datastores/workspaceblobstore/paths/'), { kind: 'datastore', datastore: 'workspaceblobstore', path: '' });
  });

  it('reads the long datastore form that names the workspace', () => {
    assert.deepEqual(parseAssetRef('azureml://subscriptions/sub-1/resourcegroups/rg/workspaces/ws/datastores/blobs/paths/a/b.csv'), {
      kind: 'datastore',
      datastore: 'blobs',
      path: 'a/b.csv',
      scope: { workspace: 'ws', subscription: 'sub-1', resourceGroup: 'rg' },
    });
  });

  it('reads job outputs, with or without a path, and the artifacts output', () => {
    assert.deepEqual(parseAssetRef('azureml://jobs/sincere_tangelo_4kqjw8vbcs/outputs/model_output/paths/model.pkl'), {
      kind: 'job-output',
      job: 'sincere_tangelo_4kqjw8vbcs',
      output: 'model_output',
      path: 'model.pkl',
    });
    assert.deepEqual(parseAssetRef('azureml://jobs/j1/outputs/artifacts/paths/model/'), { kind: 'job-output', job: 'j1', output: 'artifacts', path: 'model/' });
    assert.deepEqual(parseAssetRef('azureml://jobs/j1/outputs/out'), { kind: 'job-output', job: 'j1', output: 'out', path: '' });
  });

  it('refuses malformed datastore and job URIs, naming the expected form', () => {
    assert.equal(
      reasonOf('azureml://datastores/workspaceblobstore/data/iris.csv'),
      "'azureml://datastores/workspaceblobstore/data/iris.csv' is not a datastore path: expected azureml://datastores/<datastore>/paths/<path>",
    );
    assert.equal(reasonOf('azureml://jobs/j1/outputs'), "'azureml://jobs/j1/outputs' is not a job output: expected azureml://jobs/<job>/outputs/<output>/paths/<path>");
    assert.equal(reasonOf('azureml://datastores/ds/paths/a/../../etc'), "'azureml://datastores/ds/paths/a/../../etc': the path must not contain '..'");
    assert.match(reasonOf('azureml://subscriptions/s/resourcegroups/g/workspaces/w/data/d/versions/1'), /expected azureml:\/\/subscriptions\/<subscription>/);
  });

  it('refuses an azureml:// URI of no known form, listing the forms', () => {
    assert.equal(
      reasonOf('azureml://datastore/workspaceblobstore/paths/iris.csv'),
      "'azureml://datastore/workspaceblobstore/paths/iris.csv' is not a known azureml:// form: expected azureml://datastores/<datastore>/paths/<path>, " +
        'azureml://jobs/<job>/outputs/<output>/paths/<path>, azureml://registries/<registry>/<type>/<name>/versions/<version> (or /labels/<label>) ' +
        'or azureml://locations/<location>/workspaces/<workspace>/<type>/<name>/versions/<version>',
    );
  });
});

describe('parseAssetRef with runs, snapshots, URLs and local paths', () => {
  it('reads MLflow run artifacts', () => {
    assert.deepEqual(parseAssetRef('runs:/8b3c2a1f/model'), { kind: 'run', run: '8b3c2a1f', path: 'model' });
    assert.deepEqual(parseAssetRef('runs:/8b3c2a1f'), { kind: 'run', run: '8b3c2a1f', path: '' });
    assert.equal(reasonOf('runs:/'), "'runs:/' is not a run reference: expected runs:/<run>/<path>");
    assert.match(reasonOf('runs:/r1/../other'), /must not contain '\.\.'/);
  });

  it('reads uploaded snapshots and refuses malformed ones', () => {
    assert.deepEqual(parseAssetRef(`blob://${SHA}`), { kind: 'blob', sha256: SHA });
    assert.deepEqual(parseAssetRef(`blob://${SHA}/iris.csv`), { kind: 'blob', sha256: SHA, file: 'iris.csv' });
    assert.match(reasonOf('blob://abc'), /expected blob:\/\/<sha256>/);
  });

  it('reads web and Azure storage URLs with their scheme', () => {
    assert.deepEqual(parseAssetRef('https://azuremlexamples.blob.core.windows.net/datasets/iris.csv'), {
      kind: 'url',
      scheme: 'https',
      url: 'https://azuremlexamples.blob.core.windows.net/datasets/iris.csv',
    });
    for (const scheme of ['http', 'wasbs', 'abfss', 'adl']) {
      assert.equal(parseAssetRef(`${scheme}://account.example.net/container/x`).kind, 'url');
    }
    assert.equal(reasonOf('https://'), "'https://' is not a valid URL: expected https://<host>/<path>");
    assert.match(reasonOf('ftp://example.com/iris.csv'), /^'ftp:\/\/example\.com\/iris\.csv': the URI scheme 'ftp:' is not supported: expected a local path, http:\/\//);
  });

  it('reads anything else as a local path, Windows drives included', () => {
    for (const path of ['./data', 'sample-data/titanic.csv', '../shared/data', '/srv/data', 'C:\\data\\iris.csv', 'model.pkl']) {
      assert.deepEqual(parseAssetRef(path), { kind: 'local', path });
    }
  });

  it('refuses an empty reference', () => {
    assert.equal(reasonOf(''), 'a reference must not be empty');
    assert.equal(reasonOf('  '), 'a reference must not be empty');
  });
});

describe('parseAssetRef errors', () => {
  it('throws LATHE_INVALID_SPEC with the reason and every accepted form', () => {
    assert.throws(
      () => parseAssetRef('azureml://jobs/j1'),
      (error: unknown) => {
        assert.ok(error instanceof LatheError);
        assert.equal(error.code, 'LATHE_INVALID_SPEC');
        assert.equal(error.message, "invalid reference: 'azureml://jobs/j1' is not a job output: expected azureml://jobs/<job>/outputs/<output>/paths/<path>");
        assert.deepEqual(error.details.expected, Object.values(ASSET_REF_FORMS).flat());
        assert.equal(error.details.reference, 'azureml://jobs/j1');
        return true;
      },
    );
  });
});
