import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pyFloat, pyJson, pyList, pyRepr, pySet } from './python-format.js';

describe('python formatting for MLflow messages', () => {
  it('repr picks quotes as Python does and escapes what it must', () => {
    assert.equal(pyRepr('abc'), "'abc'");
    assert.equal(pyRepr("it's"), '"it\'s"');
    assert.equal(pyRepr(`it's "x"`), `'it\\'s "x"'`);
    assert.equal(pyRepr('a\\b\n\t\x01'), "'a\\\\b\\n\\t\\x01'");
  });

  it('lists and sets read as Python prints them', () => {
    assert.equal(pyList(['a', 'b']), "['a', 'b']");
    assert.equal(pyList([]), '[]');
    assert.equal(pySet(['=', '!=']), "{'=', '!='}");
  });

  it('json is ASCII-only like json.dumps, and None is null', () => {
    assert.equal(pyJson('é'), '"\\u00e9"');
    assert.equal(pyJson(null), 'null');
    assert.equal(pyJson(undefined), 'null');
    assert.equal(pyJson(5), '5');
    assert.equal(pyJson(Number.NaN), 'NaN');
    assert.equal(pyJson(Number.NEGATIVE_INFINITY), '-Infinity');
  });

  it('floats print as str(float) does', () => {
    assert.equal(pyFloat(1), '1.0');
    assert.equal(pyFloat(0.5), '0.5');
    assert.equal(pyFloat(Number.NaN), 'nan');
    assert.equal(pyFloat(Number.POSITIVE_INFINITY), 'inf');
    assert.equal(pyFloat(Number.NEGATIVE_INFINITY), '-inf');
  });
});
