import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidKeyName, normpath } from './validate-key-name.js';

describe('key names', () => {
  it('accepts letters, digits and _ - . space : /, in any script', () => {
    for (const name of ['acc', 'val/loss', 'a b', 'lr_0.1', 'x-y', 'time:utc', 'précision', '精度', 'a/b/c', '.hidden', 'a..b']) {
      assert.equal(isValidKeyName(name), true, name);
    }
  });

  it('refuses other characters', () => {
    for (const name of ['a!b', 'a\\b', 'a\tb', 'a\nb', 'a$b', 'a"b', "a'b", 'a%b', 'a+b', 'a,b']) {
      assert.equal(isValidKeyName(name), false, name);
    }
  });

  it('refuses names that are not normalised relative paths, and the empty name', () => {
    for (const name of ['', '.', '..', '../a', 'a/..', 'a/../b', './a', 'a/./b', 'a//b', 'a/', '/a', '//a']) {
      assert.equal(isValidKeyName(name), false, JSON.stringify(name));
    }
  });

  it("normpath behaves as Python's posixpath.normpath", () => {
    const cases: Array<[string, string]> = [
      ['', '.'],
      ['.', '.'],
      ['a/', 'a'],
      ['a//b', 'a/b'],
      ['a/./b', 'a/b'],
      ['a/../b', 'b'],
      ['../a', '../a'],
      ['/../a', '/a'],
      ['//a', '//a'],
      ['///a', '/a'],
      ['a/b/../../..', '..'],
      ['/', '/'],
    ];
    for (const [input, output] of cases) assert.equal(normpath(input), output, input);
  });
});
