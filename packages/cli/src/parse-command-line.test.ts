import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMON_OPTIONS, UsageError, type Command } from './command.js';
import { parseCommandLine } from './parse-command-line.js';

const command = (positional?: string): Command => ({
  name: 'job create',
  summary: 'test',
  usage: 'test',
  options: {
    ...COMMON_OPTIONS,
    file: { type: 'string', short: 'f', description: 'file' },
    set: { type: 'string', multiple: true, description: 'overrides' },
    stream: { type: 'boolean', description: 'follow' },
  },
  ...(positional ? { positional } : {}),
  run: () => Promise.resolve(0),
});

describe('parseCommandLine', () => {
  it('--set takes every word after it until the next flag, as az does', () => {
    const { values, positionals } = parseCommandLine(command(), ['--set', 'a=1', 'b=2', '--file', 'job.yml', '--set', 'c=3', 'd=4']);
    assert.deepEqual(values.set, ['a=1', 'b=2', 'c=3', 'd=4']);
    assert.equal(values.file, 'job.yml');
    assert.deepEqual(positionals, []);
  });

  it('a boolean flag or -- ends the words of --set', () => {
    const { values, positionals } = parseCommandLine(command('<job>'), ['--set', 'a=1', '--stream', 'myjob']);
    assert.deepEqual([values.set, positionals], [['a=1'], ['myjob']]);
    const terminated = parseCommandLine(command('<job>'), ['--set', 'a=1', '--', 'myjob']);
    assert.deepEqual([terminated.values.set, terminated.positionals], [['a=1'], ['myjob']]);
  });

  it('a positional argument the command does not take is an error, not ignored', () => {
    assert.throws(() => parseCommandLine(command(), ['--file', 'job.yml', 'stray']), { name: 'UsageError', message: /unexpected argument 'stray'/ });
    assert.throws(() => parseCommandLine(command('<job>'), ['one', 'two']), { message: /unexpected argument 'two'/ });
    assert.deepEqual(parseCommandLine(command('<job>'), ['one']).positionals, ['one']);
  });

  it('an unknown flag is a one-line error naming the closest valid flag', () => {
    assert.throws(
      () => parseCommandLine(command(), ['--strem']),
      (error: unknown) => error instanceof UsageError && !error.usage && error.message === 'unknown flag --strem for lathe job create; did you mean --stream?',
    );
    assert.throws(() => parseCommandLine(command(), ['-x']), { message: /^unknown flag -x for lathe job create; did you mean --\w+\?$/ });
    assert.throws(() => parseCommandLine(command(), ['--toString']), { message: /unknown flag --toString/ });
  });
});
