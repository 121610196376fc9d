import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LatheError } from '@lathe/core';
import { loadCommandJobFile } from './command-job.js';
import type { SpecFinding } from './spec-report.js';

const COMMAND_EXPECTED = "a string (or 'component: azureml:<name>:<version>', which brings one)";

// Every file under test-fixtures/bad/ must be rejected with LATHE_INVALID_SPEC at an exact place.

const fixture = (name: string): string => fileURLToPath(new URL(`../test-fixtures/bad/${name}`, import.meta.url));

const TOP_LEVEL_FIELDS =
  '$schema, type, name, display_name, experiment_name, description, tags, properties, code, command, component, inputs, outputs, ' +
  'environment, environment_variables, compute, resources, distribution, limits, services, identity, queue_settings';
const INPUT_MODES = 'one of: ro_mount, download, rw_mount, direct, eval_mount, eval_download';

interface Rejection {
  file: string;
  error: LatheError;
  errors: SpecFinding[];
}

async function reject(name: string): Promise<Rejection> {
  const file = fixture(name);
  const error: unknown = await loadCommandJobFile(file).then(
    () => assert.fail(`${name} was accepted`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof LatheError, `expected a LatheError, got ${String(error)}`);
  assert.equal(error.code, 'LATHE_INVALID_SPEC');
  return { file, error, errors: (error.details.errors ?? []) as SpecFinding[] };
}

/** Asserts a rejection with exactly one error, and that the message is `file:line:column: field: message`. */
function assertOnly(r: Rejection, expected: Omit<SpecFinding, 'file'>): void {
  const finding = { file: r.file, ...expected };
  assert.deepEqual(r.errors, [finding]);
  assert.equal(r.error.message, `${r.file}:${expected.line}:${expected.column}: ${expected.field}: ${expected.message}`);
  assert.deepEqual(r.error.details, { ...finding, errors: [finding] });
}

describe('loadCommandJobFile with bad fields', () => {
  it('reports a typo in a field name at its key, listing the allowed fields', async () => {
    const r = await reject('typo-in-field-name.yml');
    assert.deepEqual(r.errors, [
      { file: r.file, line: 1, column: 1, field: 'command', message: "required field 'command' is missing", expected: COMMAND_EXPECTED },
      {
        file: r.file,
        line: 2,
        column: 1,
        field: 'comand',
        message: `unknown field 'comand'; allowed fields: ${TOP_LEVEL_FIELDS}`,
        expected: `one of: ${TOP_LEVEL_FIELDS}`,
      },
    ]);
    assert.equal(r.error.message, `2 problems:\n${r.file}:1:1: command: required field 'command' is missing\n` + `${r.file}:2:1: comand: unknown field 'comand'; allowed fields: ${TOP_LEVEL_FIELDS}`);
  });

  it('reports a string where an integer is expected at the value', async () => {
    assertOnly(await reject('timeout-not-integer.yml'), {
      line: 3,
      column: 12,
      field: 'limits.timeout',
      message: 'expected an integer ≥ 1, got the string "ten"',
      expected: 'an integer ≥ 1',
    });
  });

  it('reports an integer below its minimum', async () => {
    assertOnly(await reject('instance-count-zero.yml'), {
      line: 3,
      column: 19,
      field: 'resources.instance_count',
      message: 'expected an integer ≥ 1, got number 0',
      expected: 'an integer ≥ 1',
    });
  });

  it('reports an unknown enum value listing the allowed ones', async () => {
    assertOnly(await reject('unknown-input-mode.yml'), {
      line: 6,
      column: 11,
      field: 'inputs.data.mode',
      message: `expected ${INPUT_MODES}, got the string "mounted"`,
      expected: INPUT_MODES,
    });
  });

  it('reports a missing command at the enclosing mapping', async () => {
    assertOnly(await reject('missing-command.yml'), {
      line: 2,
      column: 1,
      field: 'command',
      message: "required field 'command' is missing",
      expected: COMMAND_EXPECTED,
    });
  });

  it('reports a data input without a path at the input mapping', async () => {
    assertOnly(await reject('input-without-path.yml'), {
      line: 4,
      column: 5,
      field: 'inputs.data.path',
      message: "required field 'path' is missing",
      expected: 'a string',
    });
  });

  it('reports an input name that is not an identifier at its key', async () => {
    const expected = 'a name of letters, digits and _ that does not start with a digit';
    assertOnly(await reject('invalid-input-name.yml'), {
      line: 5,
      column: 3,
      field: 'inputs.2nd-data',
      message: `'2nd-data' is not a valid name: expected ${expected}`,
      expected,
    });
  });

  it('reports a document that is a list rather than a mapping', async () => {
    assertOnly(await reject('list-document.yml'), {
      line: 1,
      column: 1,
      field: '(document)',
      message: 'expected a mapping, got a list',
      expected: 'a mapping',
    });
  });

  it('rejects a sweep job as not supported yet', async () => {
    assertOnly(await reject('sweep-job.yml'), {
      line: 2,
      column: 7,
      field: 'type',
      message: "'sweep' jobs are not supported yet; this file must be a command job",
      expected: 'command',
    });
  });

  it('reports malformed azureml: references in input paths at their values', async () => {
    const r = await reject('malformed-input-uri.yml');
    const expected =
      'a local path, an http(s) or Azure storage URL, azureml:<name>:<version>, azureml:<name>@latest, ' +
      'azureml://registries/<registry>/<type>/<name>/versions/<version> (or /labels/<label>), azureml://datastores/<datastore>/paths/<path>, ' +
      'azureml://jobs/<job>/outputs/<output>/paths/<path> or runs:/<run>/<path>';
    assert.deepEqual(r.errors, [
      {
        file: r.file,
        line: 6,
        column: 11,
        field: 'inputs.data.path',
        message: "'azureml://datastores/workspaceblobstore/example-data/' is not a datastore path: expected azureml://datastores/<datastore>/paths/<path>",
        expected,
      },
      {
        file: r.file,
        line: 8,
        column: 11,
        field: 'inputs.reference.path',
        message: "'azureml:iris-reference' names no version: expected azureml:iris-reference:<version> or azureml:iris-reference@latest",
        expected,
      },
    ]);
  });

  it('reports several errors at once, sorted by line', async () => {
    const r = await reject('several-errors.yml');
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.column, e.field]),
      [
        [2, 12, 'limits.timeout'],
        [4, 19, 'resources.instance_count'],
        [5, 1, 'comand'],
        [9, 11, 'inputs.data.mode'],
        [10, 31, 'command'],
      ],
    );
    const lines = r.error.message.split('\n');
    assert.equal(lines[0], '5 problems:');
    assert.equal(lines[1], `${r.file}:2:12: limits.timeout: expected an integer ≥ 1, got number -5`);
    assert.equal(lines[2], `${r.file}:4:19: resources.instance_count: expected an integer ≥ 1, got the string "two"`);
    assert.equal(lines[5], `${r.file}:10:31: command: \${{inputs.missing}} refers to input 'missing', which the job does not define`);
    assert.equal(r.error.details.line, 2);
    assert.equal(r.error.details.field, 'limits.timeout');
  });
});

describe('loadCommandJobFile with bad bindings', () => {
  const missingInput = "${{inputs.missing}} refers to input 'missing', which the job does not define";

  it('points at the $ of an undeclared input in a one-line command', async () => {
    assertOnly(await reject('missing-input-plain.yml'), {
      line: 1,
      column: 55,
      field: 'command',
      message: missingInput,
      expected: 'one of the inputs: data',
    });
  });

  it('points at the $ of an undeclared input inside a folded >- block', async () => {
    assertOnly(await reject('missing-input-folded.yml'), {
      line: 4,
      column: 8,
      field: 'command',
      message: missingInput,
      expected: 'one of the inputs: data',
    });
  });

  it('points at the $ of an undeclared input inside a literal | block', async () => {
    assertOnly(await reject('missing-input-literal.yml'), {
      line: 5,
      column: 10,
      field: 'command',
      message: missingInput,
      expected: 'one of the inputs: data',
    });
  });

  it('points at each occurrence of a binding used twice', async () => {
    const r = await reject('missing-input-twice.yml');
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.column, e.expected]),
      [
        [1, 30, 'an input declared under inputs:'],
        [1, 54, 'an input declared under inputs:'],
      ],
    );
  });

  it('reports an undeclared output, listing the declared ones', async () => {
    assertOnly(await reject('missing-output.yml'), {
      line: 1,
      column: 34,
      field: 'command',
      message: "${{outputs.nope}} refers to output 'nope', which the job does not define",
      expected: 'one of the outputs: model',
    });
  });

  it('reports a binding root other than inputs and outputs', async () => {
    assertOnly(await reject('unknown-binding-root.yml'), {
      line: 1,
      column: 31,
      field: 'command',
      message: "${{search_space.lr}} uses 'search_space', which is not available here",
      expected: 'a binding to inputs or outputs',
    });
  });

  it('reports a binding that is never closed', async () => {
    assertOnly(await reject('malformed-binding.yml'), {
      line: 1,
      column: 33,
      field: 'command',
      message: 'malformed binding ${{inputs.data',
      expected: '${{inputs.<name>}} or ${{outputs.<name>}}',
    });
  });

  it('reports an optional section that is never closed', async () => {
    assertOnly(await reject('unclosed-section.yml'), {
      line: 4,
      column: 3,
      field: 'command',
      message: 'optional section $[[ is never closed with ]]',
      expected: '$[[ ... ]] around an optional part of the command',
    });
  });
});

describe('loadCommandJobFile with YAML syntax errors', () => {
  it('reports a duplicate key at the second occurrence', async () => {
    const r = await reject('duplicate-key.yml');
    assert.equal(r.error.message, `${r.file}:3:1: invalid YAML: Map keys must be unique`);
    assert.deepEqual(r.error.details, { file: r.file, line: 3, column: 1, errors: ['Map keys must be unique'] });
  });

  it('reports bad indentation at the misindented line', async () => {
    const r = await reject('bad-indentation.yml');
    assert.equal(r.error.message, `${r.file}:5:1: invalid YAML: All mapping items must start at the same column`);
    assert.equal(r.error.details.line, 5);
    assert.equal(r.error.details.column, 1);
  });
});
