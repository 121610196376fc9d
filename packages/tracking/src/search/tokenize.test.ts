import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { badRequest } from '../bad-request.js';
import { assertBadRequest } from '../assert-bad-request.js';
import { tokenize, type Token } from './tokenize.js';

const fail = (detail: string) => badRequest(detail);
const kinds = (source: string): string[] => tokenize(source, fail).map((t) => `${t.kind}:${t.text}`);

describe('filter tokenizer', () => {
  it('reads identifiers, operators, strings and numbers', () => {
    assert.deepEqual(kinds("metrics.acc>=0.5 and tags.t != 'x'"), ['ident:metrics.acc', 'op:>=', 'number:0.5', 'keyword:and', 'ident:tags.t', 'op:!=', "string:'x'"]);
  });

  it('keeps quoted identifier segments whole, dots included', () => {
    const [tok] = tokenize('tags.`mlflow.runName`', fail) as [Token];
    assert.equal(tok.kind, 'ident');
    assert.deepEqual(tok.kind === 'ident' && tok.segments, [
      { text: 'tags', quote: '' },
      { text: 'mlflow.runName', quote: '`' },
    ]);
    const [dq] = tokenize('metrics."f1 score"', fail) as [Token];
    assert.deepEqual(dq.kind === 'ident' && dq.segments, [
      { text: 'metrics', quote: '' },
      { text: 'f1 score', quote: '"' },
    ]);
  });

  it('reads the number forms sqlparse reads', () => {
    for (const [text, value] of [
      ['1', 1],
      ['-1', -1],
      ['0.5', 0.5],
      ['.5', 0.5],
      ['5.', 5],
      ['1e3', 1000],
      ['-1.5E-3', -0.0015],
    ] as const) {
      const [tok] = tokenize(text, fail) as [Token];
      assert.equal(tok.kind, 'number', text);
      assert.equal(tok.kind === 'number' && tok.value, value, text);
    }
  });

  it('keywords are case-insensitive and only stand alone', () => {
    assert.deepEqual(kinds('AND and And NOT in IS null'), ['keyword:AND', 'keyword:and', 'keyword:And', 'keyword:NOT', 'keyword:in', 'keyword:IS', 'keyword:null']);
    assert.deepEqual(kinds('params.and'), ['ident:params.and']);
  });

  it('keeps quoted text as written: doubled and backslashed quotes do not close a string', () => {
    const [a, b] = tokenize(`'it''s' "say \\"hi\\""`, fail) as [Token, Token];
    assert.equal(a.kind === 'string' && a.value, "it''s");
    assert.equal(b.kind === 'string' && b.value, 'say \\"hi\\"');
  });

  it('reads lists as punctuation and strings', () => {
    assert.deepEqual(kinds("IN ('a','b')"), ['keyword:IN', 'punct:(', "string:'a'", 'punct:,', "string:'b'", 'punct:)']);
  });

  it('refuses unterminated quotes and characters outside the grammar', () => {
    assertBadRequest(() => tokenize("'abc", fail), "unterminated quote ' starting at position 0");
    assertBadRequest(() => tokenize('tags.`abc', fail), 'unterminated backtick ` starting at position 5');
    assertBadRequest(() => tokenize('a - b', fail), 'unexpected character "-" at position 2');
    assertBadRequest(() => tokenize('a;', fail), 'unexpected character ";" at position 1');
    assertBadRequest(() => tokenize('metrics.', fail), "identifier ends with '.' at position 8");
    assertBadRequest(() => tokenize('metrics. x', fail), 'unexpected character " " at position 8');
  });
});
