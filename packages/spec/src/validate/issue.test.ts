import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPath } from './issue.js';

describe('formatPath', () => {
  it('joins keys with dots and writes list indexes in brackets', () => {
    assert.equal(formatPath(['inputs', 'data', 'mode']), 'inputs.data.mode');
    assert.equal(formatPath(['resources', 'locations', 0]), 'resources.locations[0]');
    assert.equal(formatPath([0, 'command']), '[0].command');
  });

  it('names the whole document for the empty path', () => {
    assert.equal(formatPath([]), '(document)');
  });
});
