import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { Reference } from '../schema/keywords.js';
import { checkValue } from './check-value.js';
import { checkReference, describeReferenceRule } from './check-reference.js';

describe('checkReference', () => {
  const rule = { accept: ['local', 'datastore'] as const };

  it('accepts the listed kinds without issues', () => {
    assert.deepEqual(checkReference('./data', rule, ['path']), []);
    assert.deepEqual(checkReference('azureml://datastores/ds/paths/x', rule, ['path']), []);
  });

  it('refuses another kind, naming the accepted forms', () => {
    assert.deepEqual(checkReference('runs:/r1/model', rule, ['path']), [
      {
        severity: 'error',
        path: ['path'],
        at: 'value',
        expected: 'a local path or azureml://datastores/<datastore>/paths/<path>',
        message: "a run artifact path ('runs:/r1/model') cannot be used here: expected a local path or azureml://datastores/<datastore>/paths/<path>",
      },
    ]);
  });

  it('warns about Azure storage URLs where URLs are accepted', () => {
    assert.deepEqual(checkReference('wasbs://c@account.blob.core.windows.net/x', { accept: ['url'] }, ['p']), [
      { severity: 'warning', path: ['p'], at: 'value', message: 'wasbs:// URLs are recorded, not reachable from Lathe yet' },
    ]);
    assert.deepEqual(checkReference('https://example.com/x.csv', { accept: ['url'] }, ['p']), []);
  });

  it('reads azureml:<name> as @latest when the rule allows it', () => {
    assert.deepEqual(checkReference('azureml:iris', { accept: ['asset'], allowImplicitLatest: true }, ['p']), []);
    assert.equal(checkReference('azureml:iris', { accept: ['asset'] }, ['p'])[0]?.severity, 'error');
  });

  it('leaves uploaded snapshots out of the forms shown to people', () => {
    assert.equal(describeReferenceRule({ accept: ['local', 'blob', 'run'] }), 'a local path or runs:/<run>/<path>');
  });
});

describe('checkValue with x-lathe-reference', () => {
  const Schema = Type.Object({ path: Reference(['local', 'job-output']) });

  it('checks a Reference string after its type', () => {
    const { issues } = checkValue(Schema, { path: 'azureml://jobs/j1' });
    assert.deepEqual(
      issues.map((i) => [i.path, i.message]),
      [[['path'], "'azureml://jobs/j1' is not a job output: expected azureml://jobs/<job>/outputs/<output>/paths/<path>"]],
    );
  });

  it('reports an empty reference once, as empty', () => {
    assert.deepEqual(
      checkValue(Schema, { path: '' }).issues.map((i) => i.message),
      ['must not be empty'],
    );
  });
});
