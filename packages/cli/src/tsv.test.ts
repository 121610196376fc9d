import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tsv } from './tsv.js';

describe('tsv', () => {
  it('prints a list one line per item, an object by its values in key order', () => {
    assert.equal(
      tsv([
        { name: 'a', status: 'Completed', exit: 0 },
        { name: 'b', status: 'Failed', exit: 4 },
      ]),
      'a\tCompleted\t0\nb\tFailed\t4\n',
    );
    assert.equal(tsv({ name: 'a', ok: true }), 'a\ttrue\n');
  });

  it('prints a nested list as its length, a nested object and null as empty fields', () => {
    assert.equal(tsv([{ name: 'a', tags: ['x', 'y'], spec: { command: 'x' }, error: null }]), 'a\t2\t\t\n');
  });

  it('prints scalars one per line and an empty list as nothing', () => {
    assert.equal(tsv(['a', 'b']), 'a\nb\n');
    assert.equal(tsv('one'), 'one\n');
    assert.equal(tsv([]), '');
  });
});
