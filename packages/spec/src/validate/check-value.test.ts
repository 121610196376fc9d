import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { JobInputSchema, JobOutputSchema } from '../schema/command-job-schema.js';
import { Lenient, LooseString, StringEnum, StringMap } from '../schema/keywords.js';
import { checkValue, kindOf } from './check-value.js';

const errorsOf = (result: { issues: { severity: string }[] }) => result.issues.filter((i) => i.severity === 'error');

describe('checkValue on objects', () => {
  const Job = Type.Object(
    {
      name: Type.String(),
      mode: StringEnum(['fast', 'slow'], { default: 'fast' }),
      retries: Type.Optional(Type.Integer({ minimum: 0, default: 3 })),
      note: Type.Optional(Type.String()),
    },
    { additionalProperties: false },
  );

  it('fills defaults for properties that are missing or null', () => {
    assert.deepEqual(checkValue(Job, { name: 'a' }), { value: { name: 'a', mode: 'fast', retries: 3 }, issues: [] });
    assert.deepEqual(checkValue(Job, { name: 'a', mode: null, note: null }).value, { name: 'a', mode: 'fast', retries: 3 });
  });

  it('does not report a required property with a default as missing', () => {
    assert.deepEqual(Job.required, ['name', 'mode']);
    assert.deepEqual(checkValue(Job, { name: 'a' }).issues, []);
  });

  it('reports a missing required property at the container, saying what was expected', () => {
    assert.deepEqual(checkValue(Job, {}).issues, [{ severity: 'error', path: ['name'], at: 'container', expected: 'a string', message: "required field 'name' is missing" }]);
  });

  it('reports unknown keys as errors at the key, listing the allowed fields', () => {
    const { value, issues } = checkValue(Job, { name: 'a', nmae: 'b' });
    assert.deepEqual(issues, [
      {
        severity: 'error',
        path: ['nmae'],
        at: 'key',
        expected: 'one of: name, mode, retries, note',
        message: "unknown field 'nmae'; allowed fields: name, mode, retries, note",
      },
    ]);
    assert.equal((value as Record<string, unknown>).nmae, undefined);
  });

  it('reports unknown keys of a Lenient object as warnings and drops them', () => {
    const { value, issues } = checkValue(Lenient(Job), { name: 'a', later: 1 });
    assert.deepEqual(issues, [
      {
        severity: 'warning',
        path: ['later'],
        at: 'key',
        expected: 'one of: name, mode, retries, note',
        message: "unknown setting 'later' is ignored",
      },
    ]);
    assert.deepEqual(value, { name: 'a', mode: 'fast', retries: 3 });
  });

  it('keeps unknown keys of an object that allows additional properties', () => {
    const Open = Type.Object({ a: Type.String() });
    assert.deepEqual(checkValue(Open, { a: 'x', b: [1] }), { value: { a: 'x', b: [1] }, issues: [] });
  });

  it('reports a value that is not a mapping', () => {
    for (const [value, got] of [
      [[], 'a list'],
      ['x', 'the string "x"'],
      [null, 'nothing'],
    ] as const) {
      assert.deepEqual(checkValue(Job, value).issues, [{ severity: 'error', path: [], at: 'value', expected: 'a mapping', message: `expected a mapping, got ${got}` }]);
    }
  });

  it('collects every issue instead of stopping at the first', () => {
    const issues = checkValue(Job, { mode: 'medium', retries: -1, extra: 1 }).issues;
    assert.deepEqual(
      issues.map((i) => i.path.join('.')),
      ['mode', 'retries', 'name', 'extra'],
    );
  });

  it('returns a copy and leaves the input unchanged', () => {
    const input = { name: 'a', mode: 'SLOW' };
    const { value } = checkValue(Job, input);
    assert.deepEqual(input, { name: 'a', mode: 'SLOW' });
    assert.deepEqual(value, { name: 'a', mode: 'slow', retries: 3 });
  });

  it('prefixes issue paths with the given path', () => {
    const [issue] = checkValue(Job, { name: 1 }, ['jobs', 0]).issues;
    assert.deepEqual(issue?.path, ['jobs', 0, 'name']);
  });
});

describe('checkValue on records', () => {
  const Named = Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.Integer());

  it('checks each value under its key', () => {
    assert.deepEqual(checkValue(Named, { a: 1, b: 'two' }).issues, [{ severity: 'error', path: ['b'], at: 'value', expected: 'an integer', message: 'expected an integer, got the string "two"' }]);
  });

  it('reports a key that does not match the key pattern at the key', () => {
    const { value, issues } = checkValue(Named, { ok: 1, 'not-ok': 2 });
    assert.deepEqual(issues, [
      {
        severity: 'error',
        path: ['not-ok'],
        at: 'key',
        expected: 'a name of letters, digits and _ that does not start with a digit',
        message: "'not-ok' is not a valid name: expected a name of letters, digits and _ that does not start with a digit",
      },
    ]);
    assert.deepEqual(value, { ok: 1 });
  });

  it('stores numbers and booleans of a StringMap as strings', () => {
    assert.deepEqual(checkValue(StringMap(), { n: 5, f: 0.5, b: false, s: 'x' }), {
      value: { n: '5', f: '0.5', b: 'false', s: 'x' },
      issues: [],
    });
  });

  it('rejects a mapping inside a StringMap', () => {
    assert.deepEqual(checkValue(StringMap(), { n: { deep: 1 } }).issues, [
      { severity: 'error', path: ['n'], at: 'value', expected: 'a string (or number)', message: 'expected a string (or number), got a mapping' },
    ]);
  });
});

describe('checkValue on scalars', () => {
  it('matches an enum case-insensitively and returns the listed spelling', () => {
    assert.deepEqual(checkValue(StringEnum(['ro_mount', 'download']), 'Download'), { value: 'download', issues: [] });
    assert.deepEqual(checkValue(StringEnum(['uri_file', 'uri_folder']), 'URI_FILE'), { value: 'uri_file', issues: [] });
  });

  it('reports an enum mismatch listing the allowed values', () => {
    assert.deepEqual(checkValue(StringEnum(['ro_mount', 'download']), 'mounted').issues, [
      {
        severity: 'error',
        path: [],
        at: 'value',
        expected: 'one of: ro_mount, download',
        message: 'expected one of: ro_mount, download, got the string "mounted"',
      },
    ]);
    assert.equal(errorsOf(checkValue(StringEnum(['a']), 1)).length, 1);
  });

  it('coerces numbers and booleans only for a LooseString', () => {
    assert.deepEqual(checkValue(LooseString(), 3), { value: '3', issues: [] });
    assert.deepEqual(checkValue(LooseString(), true), { value: 'true', issues: [] });
    assert.deepEqual(checkValue(Type.String(), 3).issues, [{ severity: 'error', path: [], at: 'value', expected: 'a string', message: 'expected a string, got number 3' }]);
  });

  it('reports an empty string where one is required to be non-empty', () => {
    assert.deepEqual(checkValue(Type.String({ minLength: 1 }), '').issues, [{ severity: 'error', path: [], at: 'value', expected: 'a non-empty string', message: 'must not be empty' }]);
  });

  it('reports a pattern mismatch with the description as what was expected', () => {
    const Name = Type.String({ pattern: '^[a-z]+$', description: 'lower-case letters' });
    assert.deepEqual(checkValue(Name, 'Bad!').issues, [{ severity: 'error', path: [], at: 'value', expected: 'lower-case letters', message: '"Bad!" is not valid: expected lower-case letters' }]);
    assert.equal(checkValue(Type.String({ pattern: '^a$' }), 'b').issues[0]?.expected, 'text matching ^a$');
  });

  it('checks integers and their range', () => {
    const Count = Type.Integer({ minimum: 1, maximum: 8 });
    assert.deepEqual(checkValue(Count, 4).issues, []);
    for (const bad of [0, 9, 1.5, '4', Number.POSITIVE_INFINITY]) {
      const [issue] = checkValue(Count, bad).issues;
      assert.equal(issue?.expected, 'an integer from 1 to 8', `for ${String(bad)}`);
    }
  });

  it('accepts an integer where a number is expected and rejects NaN', () => {
    assert.deepEqual(checkValue(Type.Number(), 2).issues, []);
    assert.deepEqual(checkValue(Type.Number({ maximum: 1 }), 0.5).issues, []);
    assert.equal(checkValue(Type.Number(), Number.NaN).issues[0]?.message, 'expected a number, got number NaN');
  });

  it('checks booleans and const values', () => {
    assert.deepEqual(checkValue(Type.Boolean(), false).issues, []);
    assert.equal(checkValue(Type.Boolean(), 'yes').issues[0]?.message, 'expected true or false, got the string "yes"');
    assert.deepEqual(checkValue(Type.Literal('command'), 'command').issues, []);
    assert.equal(checkValue(Type.Literal('command'), 'sweep').issues[0]?.message, 'expected "command", got the string "sweep"');
  });

  it('accepts anything for an unknown schema', () => {
    assert.deepEqual(checkValue(Type.Unknown(), { any: [1] }), { value: { any: [1] }, issues: [] });
  });
});

describe('checkValue on lists', () => {
  it('checks every item with its index in the path', () => {
    const { value, issues } = checkValue(Type.Array(LooseString()), ['a', 2, { no: 1 }], ['locations']);
    assert.deepEqual(value, ['a', '2', { no: 1 }]);
    assert.deepEqual(
      issues.map((i) => [i.path, i.message]),
      [[['locations', 2], 'expected a string (or number), got a mapping']],
    );
  });

  it('reports a value that is not a list', () => {
    assert.equal(checkValue(Type.Array(Type.String()), 'a').issues[0]?.message, 'expected a list, got the string "a"');
  });
});

describe('checkValue on unions', () => {
  it('chooses the branch by the value type, so a mapping reports its own field errors', () => {
    assert.deepEqual(checkValue(JobInputSchema, { path: './d', mode: 'mounted' }).issues, [
      {
        severity: 'error',
        path: ['mode'],
        at: 'value',
        expected: 'one of: ro_mount, download, rw_mount, direct, eval_mount, eval_download',
        message: 'expected one of: ro_mount, download, rw_mount, direct, eval_mount, eval_download, got the string "mounted"',
      },
    ]);
  });

  it('keeps literal values of a union as they are', () => {
    for (const literal of ['gbdt', 0.9, 3, true]) {
      assert.deepEqual(checkValue(JobInputSchema, literal), { value: literal, issues: [] });
    }
  });

  it('fills the defaults of the chosen branch', () => {
    assert.deepEqual(checkValue(JobInputSchema, { path: './d' }).value, { type: 'uri_folder', path: './d', mode: 'ro_mount' });
    assert.deepEqual(checkValue(JobOutputSchema, {}).value, { type: 'uri_folder', mode: 'rw_mount' });
  });

  it('reports a value that fits no branch, describing every branch', () => {
    assert.deepEqual(checkValue(JobInputSchema, [1]).issues, [
      {
        severity: 'error',
        path: [],
        at: 'value',
        expected: 'a string or a number or true or false or a mapping',
        message: 'expected a string or a number or true or false or a mapping, got a list',
      },
    ]);
  });

  it('tries the next branch that accepts the type when the first fails', () => {
    const Either = Type.Union([Type.String({ pattern: '^a' }), Type.String({ pattern: '^b' })]);
    assert.deepEqual(checkValue(Either, 'bee').issues, []);
    assert.equal(checkValue(Either, 'cee').issues[0]?.message, '"cee" is not valid: expected text matching ^b');
  });
});

describe('kindOf', () => {
  it('describes values in words', () => {
    assert.deepEqual([null, undefined, [], {}, 'x', 1.5, true].map(kindOf), ['nothing', 'nothing', 'a list', 'a mapping', 'the string "x"', 'number 1.5', 'boolean true']);
  });
});
