import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeCommandFailure, exceptionLine, failureSummary } from './command-failure.js';

const TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/runs/j/wd/main.py", line 5, in <module>',
  '    f()',
  '  File "/runs/j/wd/main.py", line 4, in f',
  '    raise ValueError("bad value for C: -1")',
  'ValueError: bad value for C: -1',
].join('\n');

describe('describeCommandFailure', () => {
  it("puts the user's exception line first and Lathe's own lines nowhere", () => {
    const log = `[lathe] environment: system Python\n[lathe] warning: compute 'x' is not defined\ntraining\n${TRACEBACK}`;
    const { message, logTail } = describeCommandFailure('exited with code 1', log);
    assert.equal(message, `ValueError: bad value for C: -1\nthe command exited with code 1\ntraining\n${TRACEBACK}`);
    assert.equal(logTail, `training\n${TRACEBACK}`);
    assert.equal(message.split('Traceback (most recent call last):').length, 2, 'the traceback appears once');
  });

  it('without a traceback says how the command ended, then the end of its log', () => {
    assert.equal(describeCommandFailure('exited with code 4', 'about to fail\n').message, 'the command exited with code 4\nabout to fail');
    assert.equal(describeCommandFailure('was killed by SIGKILL', '[lathe] environment: system Python\n').message, 'the command was killed by SIGKILL');
  });

  it('the summary is the message without the log tail', () => {
    const { message, logTail } = describeCommandFailure('exited with code 1', TRACEBACK);
    const failure = { type: 'UserError' as const, message, nonRetryable: false, details: { log_tail: logTail } };
    assert.equal(failureSummary(failure), 'ValueError: bad value for C: -1\nthe command exited with code 1');
    assert.equal(failureSummary({ ...failure, message: 'stopped', details: {} }), 'stopped');
  });
});

describe('exceptionLine', () => {
  it('names the exception of the last traceback when exceptions are chained', () => {
    const chained = `${TRACEBACK}\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "x.py", line 9, in <module>\n    g()\nmymodule.errors.TrainingFailed: gave up`;
    assert.equal(exceptionLine(chained), 'mymodule.errors.TrainingFailed: gave up');
  });

  it('finds the exception line when the traceback header scrolled out of the tail', () => {
    assert.equal(exceptionLine("    raise KeyError(k)\nKeyError: 'lr'"), "KeyError: 'lr'");
    assert.equal(exceptionLine('epoch 1\nepoch 2'), undefined);
  });
});
