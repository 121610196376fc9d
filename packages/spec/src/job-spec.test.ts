import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatheError, type JobSpecDocument } from '@lathe/core';
import { validateCommandJob } from './command-job.js';
import { asCommandJob, dataInputs, isCommandJob } from './job-spec.js';

describe('job specs', () => {
  it('a stored command job narrows back to its type', () => {
    const stored: JobSpecDocument = { type: 'command', command: 'echo hi' };
    assert.equal(isCommandJob(stored), true);
    assert.equal(asCommandJob(stored).command, 'echo hi');
  });

  it('another kind is refused by name', () => {
    const stored: JobSpecDocument = { type: 'sweep' };
    assert.equal(isCommandJob(stored), false);
    assert.throws(
      () => asCommandJob(stored, 'job.json: spec'),
      (error: unknown) => error instanceof LatheError && error.code === 'LATHE_INVALID_SPEC' && /job\.json: spec.*'sweep'/.test(error.message),
    );
  });

  it('dataInputs lists the inputs with a path, in order, and leaves literals out', () => {
    const { spec } = validateCommandJob({
      command: 'echo ${{inputs.lr}}',
      inputs: { train: { path: 'blob://' + 'a'.repeat(64) }, lr: 0.1, test: { type: 'uri_file', path: './t.csv' } },
    });
    assert.deepEqual(
      dataInputs(spec).map((d) => [d.name, d.input.path]),
      [
        ['train', 'blob://' + 'a'.repeat(64)],
        ['test', './t.csv'],
      ],
    );
  });

  it('dataInputs hands out the spec objects, so a path can be rewritten in place', () => {
    const { spec } = validateCommandJob({ command: 'true', inputs: { data: { path: './d' } } });
    for (const { input } of dataInputs(spec)) input.path = 'blob://' + 'b'.repeat(64);
    assert.deepEqual(spec.inputs?.data, { type: 'uri_folder', path: 'blob://' + 'b'.repeat(64), mode: 'ro_mount' });
  });

  it('a spec without inputs has no data inputs', () => {
    assert.deepEqual(dataInputs({}), []);
  });
});
