import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { LooseString, StringEnum } from '../schema/keywords.js';
import { describeSchema } from './describe-schema.js';

describe('describeSchema', () => {
  it('names scalar types in words', () => {
    assert.deepEqual([Type.String(), LooseString(), Type.Boolean(), Type.Array(Type.String()), Type.Object({}), Type.Unknown()].map(describeSchema), [
      'a string',
      'a string (or number)',
      'true or false',
      'a list',
      'a mapping',
      'any value',
    ]);
  });

  it('lists the values of an enum and quotes a const', () => {
    assert.equal(describeSchema(StringEnum(['pytorch', 'mpi'])), 'one of: pytorch, mpi');
    assert.equal(describeSchema(Type.Literal('command')), '"command"');
  });

  it('gives the range of numbers and integers', () => {
    assert.equal(describeSchema(Type.Integer()), 'an integer');
    assert.equal(describeSchema(Type.Integer({ minimum: 1 })), 'an integer ≥ 1');
    assert.equal(describeSchema(Type.Number({ maximum: 1 })), 'a number ≤ 1');
    assert.equal(describeSchema(Type.Number({ minimum: 0, maximum: 1 })), 'a number from 0 to 1');
  });

  it('joins the branches of a union with or', () => {
    assert.equal(describeSchema(Type.Union([Type.String(), Type.Object({})])), 'a string or a mapping');
  });
});
