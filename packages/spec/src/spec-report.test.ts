import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatheError } from '@lathe/core';
import { formatFinding, invalidSpecError, locateIssue, type SpecFinding } from './spec-report.js';
import type { Issue } from './validate/issue.js';
import { SourceDocument } from './yaml/source-document.js';

const issue = (path: Issue['path'], at: Issue['at'] = 'value'): Issue => ({ severity: 'error', path, at, message: 'is wrong', expected: 'better' });

describe('formatFinding', () => {
  it('writes file:line:column: field: message', () => {
    assert.equal(formatFinding({ file: 'job.yml', line: 3, column: 7, field: 'compute', message: 'is wrong' }), 'job.yml:3:7: compute: is wrong');
  });

  it('leaves the position out when there is none', () => {
    assert.equal(formatFinding({ file: 'request body', field: 'compute', message: 'is wrong' }), 'request body: compute: is wrong');
  });
});

describe('locateIssue', () => {
  const doc = SourceDocument.parse('command: x\nlimits:\n  timeout: 0\n', 'job.yml');

  it('gives an issue its file position', () => {
    assert.deepEqual(locateIssue(issue(['limits', 'timeout']), doc), {
      file: 'job.yml',
      line: 3,
      column: 12,
      field: 'limits.timeout',
      message: 'is wrong',
      expected: 'better',
    });
  });

  it('names a source given as text, without a position', () => {
    assert.deepEqual(locateIssue(issue(['limits', 'timeout']), 'request body'), {
      file: 'request body',
      field: 'limits.timeout',
      message: 'is wrong',
      expected: 'better',
    });
  });

  it('names the --set argument that made the value', () => {
    const overridden = SourceDocument.parse('command: x\n', 'job.yml');
    overridden.setIn(['limits', 'timeout'], 0, 'limits.timeout=0');
    assert.equal(locateIssue(issue(['limits', 'timeout']), overridden).file, '--set limits.timeout=0');
  });

  it('leaves expected out when the issue has none', () => {
    const bare: Issue = { severity: 'error', path: ['command'], at: 'value', message: 'is wrong' };
    assert.equal('expected' in locateIssue(bare, 'request body'), false);
  });
});

describe('invalidSpecError', () => {
  const at = (line: number | undefined, column: number | undefined, field: string): SpecFinding => ({
    file: 'job.yml',
    ...(line === undefined ? {} : { line, column }),
    field,
    message: 'is wrong',
  });

  it('uses the one finding as the message', () => {
    const error = invalidSpecError([at(2, 3, 'compute')]);
    assert.ok(error instanceof LatheError);
    assert.equal(error.code, 'LATHE_INVALID_SPEC');
    assert.equal(error.message, 'job.yml:2:3: compute: is wrong');
    assert.deepEqual(error.details, { ...at(2, 3, 'compute'), errors: [at(2, 3, 'compute')] });
  });

  it('sorts several findings by line, then column, and counts them', () => {
    const error = invalidSpecError([at(9, 1, 'c'), at(2, 8, 'b'), at(2, 3, 'a'), at(undefined, undefined, 'set')]);
    assert.equal(error.message, '4 problems:\njob.yml: set: is wrong\njob.yml:2:3: a: is wrong\njob.yml:2:8: b: is wrong\njob.yml:9:1: c: is wrong');
    assert.deepEqual(
      (error.details.errors as SpecFinding[]).map((f) => f.field),
      ['set', 'a', 'b', 'c'],
    );
    assert.equal(error.details.field, 'set');
  });

  it('does not reorder the array it is given', () => {
    const findings = [at(9, 1, 'c'), at(2, 3, 'a')];
    invalidSpecError(findings);
    assert.deepEqual(
      findings.map((f) => f.field),
      ['c', 'a'],
    );
  });
});
