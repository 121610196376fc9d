import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jobArtifactListScope, jobArtifactPrefix, parseJobArtifactName } from './job-artifact-names.js';

describe('job artifact names in workspaceartifactstore', () => {
  it('place the default output at ExperimentRun/dcid.<job>/ and a named one at azureml/<job>/<output>/', () => {
    assert.equal(jobArtifactPrefix('j1', 'default'), 'ExperimentRun/dcid.j1/');
    assert.equal(jobArtifactPrefix('j1', 'model'), 'azureml/j1/model/');
  });

  it('read a blob name back into its job, output and path', () => {
    assert.deepEqual(parseJobArtifactName('ExperimentRun/dcid.j1/outputs/a/b.txt'), { job: 'j1', output: 'default', path: 'outputs/a/b.txt' });
    assert.deepEqual(parseJobArtifactName('ExperimentRun/dcid.j1'), { job: 'j1', output: 'default', path: '' });
    assert.deepEqual(parseJobArtifactName('azureml/j1/model/w.bin'), { job: 'j1', output: 'model', path: 'w.bin' });
    assert.deepEqual(parseJobArtifactName('azureml/j1/model'), { job: 'j1', output: 'model', path: '' });
  });

  it('leave every other name to the datastore folder', () => {
    for (const name of ['LocalUpload/x/train.py', 'ExperimentRun/other', 'azureml/j1', 'azureml/j1/', 'experimentrun/dcid.j1/a', 'x/ExperimentRun/dcid.j1/a']) {
      assert.equal(parseJobArtifactName(name), undefined, name);
    }
  });

  it('confine a listing to one job, and to one output once its name is complete', () => {
    assert.deepEqual(jobArtifactListScope('ExperimentRun/dcid.j1/'), { job: 'j1', output: 'default' });
    assert.deepEqual(jobArtifactListScope('ExperimentRun/dcid.j1/outputs/'), { job: 'j1', output: 'default' });
    assert.deepEqual(jobArtifactListScope('azureml/j1/'), { job: 'j1' });
    assert.deepEqual(jobArtifactListScope('azureml/j1/mod'), { job: 'j1' });
    assert.deepEqual(jobArtifactListScope('azureml/j1/model/'), { job: 'j1', output: 'model' });
    assert.equal(jobArtifactListScope('ExperimentRun/'), undefined);
    assert.equal(jobArtifactListScope('azureml/'), undefined);
    assert.equal(jobArtifactListScope(''), undefined);
  });
});
