import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LatheError } from '@lathe/core';
import { parseCommandJob } from './command-job.js';
import { parseSetOverrides } from './set-overrides.js';
import type { SpecFinding } from './spec-report.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

const IRIS = readFileSync(new URL('../test-fixtures/good/lightgbm-iris.yml', import.meta.url), 'utf8');
const HELLO = readFileSync(new URL('../test-fixtures/good/hello-world.yml', import.meta.url), 'utf8');

describe('parseSetOverrides', () => {
  it('splits the path on dots and reads numbers as numbers', () => {
    assert.deepEqual(parseSetOverrides(['inputs.lr=0.5', 'resources.instance_count=2']), [
      { path: ['inputs', 'lr'], value: 0.5, source: 'inputs.lr=0.5' },
      { path: ['resources', 'instance_count'], value: 2, source: 'resources.instance_count=2' },
    ]);
  });

  it('reads booleans and null as YAML does, and quoted numbers as strings', () => {
    const values = parseSetOverrides(['a=true', 'b=null', 'c="5"', 'd=fast']).map((o) => o.value);
    assert.deepEqual(values, [true, null, '5', 'fast']);
  });

  it('reads flow lists and mappings', () => {
    const values = parseSetOverrides(['resources.locations=[westeurope, eastus]', 'inputs.data={path: ./d, mode: download}']).map((o) => o.value);
    assert.deepEqual(values, [['westeurope', 'eastus'], { path: './d', mode: 'download' }]);
  });

  it('keeps everything after the first = as the value', () => {
    const [override] = parseSetOverrides(['environment_variables.OPTS=--lr=0.1']);
    assert.deepEqual(override, { path: ['environment_variables', 'OPTS'], value: '--lr=0.1', source: 'environment_variables.OPTS=--lr=0.1' });
  });

  it('reads an empty value as the empty string', () => {
    assert.equal(parseSetOverrides(['description='])[0]?.value, '');
  });

  it('trims spaces around path segments', () => {
    assert.deepEqual(parseSetOverrides([' inputs . lr =1'])[0]?.path, ['inputs', 'lr']);
  });

  it('returns nothing for no arguments', () => {
    assert.deepEqual(parseSetOverrides([]), []);
  });

  it('rejects an argument without =', () => {
    const error = expectInvalidSpec(() => parseSetOverrides(['foo']));
    assert.equal(error.message, '--set foo: expected path=value, e.g. inputs.learning_rate=0.01');
    assert.deepEqual(error.details, { set: 'foo' });
  });

  it('rejects an empty path and an empty path segment', () => {
    assert.equal(expectInvalidSpec(() => parseSetOverrides(['=x'])).message, '--set =x: expected path=value, e.g. inputs.learning_rate=0.01');
    const emptySegment = expectInvalidSpec(() => parseSetOverrides(['inputs..lr=1']));
    assert.equal(emptySegment.message, '--set inputs..lr=1: expected path=value, e.g. inputs.learning_rate=0.01');
    assert.equal(expectInvalidSpec(() => parseSetOverrides(['inputs.=1'])).details.set, 'inputs.=1');
  });

  it('rejects a value that is not valid YAML', () => {
    const error = expectInvalidSpec(() => parseSetOverrides(['resources.locations=[a, b']));
    assert.equal(error.message, '--set resources.locations=[a, b: the value is not valid YAML');
    assert.ok(error.cause instanceof Error);
  });
});

describe('parseCommandJob with --set', () => {
  it('overrides a value from the file', () => {
    const { spec } = parseCommandJob(IRIS, { file: 'job.yml', set: ['inputs.learning_rate=0.5'] });
    assert.equal(spec.inputs?.learning_rate, 0.5);
  });

  it('creates a nested path that the file lacks', () => {
    const { spec } = parseCommandJob(HELLO, { file: 'job.yml', set: ['resources.instance_count=4', 'limits.timeout=60'] });
    assert.deepEqual(spec.resources, { instance_count: 4 });
    assert.deepEqual(spec.limits, { timeout: 60 });
  });

  it('sets environment variables, coercing numbers to strings', () => {
    const { spec } = parseCommandJob(HELLO, { file: 'job.yml', set: ['environment_variables.X=y', 'environment_variables.THREADS=8'] });
    assert.deepEqual(spec.environment_variables, { X: 'y', THREADS: '8' });
  });

  it('adds to a mapping the file already has', () => {
    const { spec } = parseCommandJob(IRIS, { file: 'job.yml', set: ['environment_variables.EXTRA=1'] });
    assert.equal(spec.environment_variables?.MODE, 'fast');
    assert.equal(spec.environment_variables?.EXTRA, '1');
  });

  it('applies a later --set over an earlier one', () => {
    const { spec } = parseCommandJob(HELLO, { file: 'job.yml', set: ['compute=local', 'compute=azureml:gpu'] });
    assert.equal(spec.compute, 'azureml:gpu');
  });

  it('gives an empty file the whole job', () => {
    const { spec } = parseCommandJob('', { file: 'empty.yml', set: ['command=echo hi'] });
    assert.deepEqual(spec, { type: 'command', command: 'echo hi' });
  });

  it('reports a validation error caused by --set as the argument instead of a file position', () => {
    const error = expectInvalidSpec(() => parseCommandJob(HELLO, { file: 'job.yml', set: ['resources.instance_count=0'] }));
    assert.equal(error.message, '--set resources.instance_count=0: resources.instance_count: expected an integer ≥ 1, got number 0');
    assert.deepEqual(error.details.errors, [
      {
        file: '--set resources.instance_count=0',
        field: 'resources.instance_count',
        message: 'expected an integer ≥ 1, got number 0',
        expected: 'an integer ≥ 1',
      },
    ] satisfies SpecFinding[]);
  });

  it('reports an error below a value set with --set by that argument', () => {
    const set = 'inputs.iris_csv={path: ./iris.csv, mode: mounted}';
    const error = expectInvalidSpec(() => parseCommandJob(IRIS, { file: 'job.yml', set: [set] }));
    const [finding] = error.details.errors as SpecFinding[];
    assert.equal(finding?.file, `--set ${set}`);
    assert.equal(finding?.field, 'inputs.iris_csv.mode');
    assert.equal(finding?.line, undefined);
  });

  it('reports a binding error in a command given with --set by that argument', () => {
    const error = expectInvalidSpec(() => parseCommandJob(HELLO, { file: 'job.yml', set: ['command=echo ${{inputs.b}}'] }));
    assert.equal(error.message, "--set command=echo ${{inputs.b}}: command: ${{inputs.b}} refers to input 'b', which the job does not define");
  });

  it('reports an unknown field added with --set by that argument', () => {
    const error = expectInvalidSpec(() => parseCommandJob(HELLO, { file: 'job.yml', set: ['comand=echo'] }));
    const [finding] = error.details.errors as SpecFinding[];
    assert.deepEqual([finding?.file, finding?.field, finding?.line], ['--set comand=echo', 'comand', undefined]);
  });

  it('keeps file positions for errors the --set arguments did not cause', () => {
    const text = 'command: x\nlimits:\n  timeout: zero\n';
    const error = expectInvalidSpec(() => parseCommandJob(text, { file: 'job.yml', set: ['resources.instance_count=0'] }));
    assert.equal(
      error.message,
      '2 problems:\n' +
        '--set resources.instance_count=0: resources.instance_count: expected an integer ≥ 1, got number 0\n' +
        'job.yml:3:12: limits.timeout: expected an integer ≥ 1, got the string "zero"',
    );
  });

  it('rejects a --set below a value that is not a mapping', () => {
    const error = expectInvalidSpec(() => parseCommandJob(IRIS, { file: 'job.yml', set: ['inputs.learning_rate.x=1'] }));
    assert.equal(error.message, '--set inputs.learning_rate.x=1: cannot set inputs.learning_rate.x, because inputs.learning_rate is not a mapping');
    assert.deepEqual(error.details, { set: 'inputs.learning_rate.x=1', field: 'inputs.learning_rate' });
  });

  it('replaces a list item by index and reports a bad item by that argument', () => {
    const text = 'command: x\nresources:\n  locations: [westeurope, eastus]\n';
    const { spec } = parseCommandJob(text, { file: 'job.yml', set: ['resources.locations.1=northeurope'] });
    assert.deepEqual(spec.resources?.locations, ['westeurope', 'northeurope']);
    const error = expectInvalidSpec(() => parseCommandJob(text, { file: 'job.yml', set: ['resources.locations.0=[a]'] }));
    assert.equal(error.message, '--set resources.locations.0=[a]: resources.locations[0]: expected a string, got a list');
  });

  it('rejects a --set on a document that is a list', () => {
    const error = expectInvalidSpec(() => parseCommandJob('- command: x\n', { file: 'job.yml', set: ['compute=local'] }));
    assert.equal(error.message, '--set compute=local: cannot set compute, because (document) is not a mapping');
  });

  it('rejects a --set argument of the wrong form', () => {
    const error = expectInvalidSpec(() => parseCommandJob(HELLO, { file: 'job.yml', set: ['foo'] }));
    assert.equal(error.message, '--set foo: expected path=value, e.g. inputs.learning_rate=0.01');
  });
});
