import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatheError } from '@lathe/core';
import { expandOutputPaths } from './expand-output-paths.js';

describe('expandOutputPaths', () => {
  it("puts the job's and each output's name into output paths, leaving other outputs and the spec as they were", () => {
    const spec = {
      type: 'command',
      outputs: {
        model: { type: 'uri_folder', path: 'azureml://datastores/workspaceblobstore/paths/${{name}}/${{ output_name }}/' },
        plain: { type: 'uri_folder' },
        bound: '${{parent.outputs.x}}',
      },
    };
    const before = structuredClone(spec);
    assert.deepEqual(expandOutputPaths(spec, 'job_1').outputs, {
      model: { type: 'uri_folder', path: 'azureml://datastores/workspaceblobstore/paths/job_1/model/' },
      plain: { type: 'uri_folder' },
      bound: '${{parent.outputs.x}}',
    });
    assert.deepEqual(spec, before);
  });

  it('refuses another expression, naming the output', () => {
    assert.throws(
      () => expandOutputPaths({ type: 'command', outputs: { m: { path: 'azureml://datastores/d/paths/${{inputs.x}}' } } }, 'j'),
      (error: unknown) => error instanceof LatheError && error.code === 'LATHE_INVALID_SPEC' && error.details.field === 'outputs.m.path',
    );
  });
});
