import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandComponent } from './command-component.js';
import { parseCommandJob, validateCommandJob } from './command-job.js';
import { expectInvalidSpec } from './expect-invalid-spec.test-support.js';

const NUL = 'text without NUL bytes (\\0), which no process argument or environment entry can hold';

describe('specs the operating system could not run', () => {
  it('refuses a NUL byte in command, experiment_name and display_name at file:line:column', () => {
    const text = 'command: "echo a\\0b"\nexperiment_name: "exp\\0"\ndisplay_name: "\\0shown"\n';
    const error = expectInvalidSpec(() => parseCommandJob(text, { file: 'job.yml' }));
    assert.equal(
      error.message,
      '3 problems:\n' +
        'job.yml:1:10: command: contains a NUL byte at character 6\n' +
        'job.yml:2:18: experiment_name: contains a NUL byte at character 3\n' +
        'job.yml:3:15: display_name: contains a NUL byte at character 0',
    );
    assert.equal((error.details.errors as { expected: string }[])[0]?.expected, NUL);
  });

  it('refuses a NUL byte or = in an environment variable name, and a NUL byte in its value', () => {
    const text = 'command: env\nenvironment_variables:\n  "A\\0B": x\n  GOOD: "v\\0"\n  "X=Y": z\n';
    const error = expectInvalidSpec(() => parseCommandJob(text, { file: 'job.yml' }));
    assert.match(error.message, /job\.yml:3:3: environment_variables\.A\0B: the variable name contains a NUL byte/);
    assert.match(error.message, /job\.yml:4:9: environment_variables\.GOOD: contains a NUL byte at character 1/);
    assert.match(error.message, /job\.yml:5:3: environment_variables\.X=Y: 'X=Y' is not a variable name/);
  });

  it('refuses a command over 128 KiB, and takes one just under', () => {
    const long = 'x'.repeat(128 * 1024 - 5);
    assert.equal(parseCommandJob(`command: echo ${long}\n`, { file: 'job.yml' }).spec.command, `echo ${long}`);
    const error = expectInvalidSpec(() => parseCommandJob(`command: echo ${long}x\n`, { file: 'job.yml' }));
    assert.match(error.message, /^job\.yml:1:10: command: is 131073 bytes, more than the operating system passes to a process$/);
  });

  it('refuses a command that its literal inputs take over 128 KiB', () => {
    const half = 'y'.repeat(70 * 1024);
    const text = `command: echo \${{inputs.a}} \${{ inputs.b }} \${{inputs.a}}\ninputs:\n  a: ${half}\n  b: 1\n`;
    const error = expectInvalidSpec(() => parseCommandJob(text, { file: 'job.yml' }));
    assert.match(error.message, /^job\.yml:1:10: command: is 143368 bytes once its literal inputs are filled in, more than the operating system passes to a process$/);
  });

  it('refuses a NUL byte in a literal input, which becomes part of the command and the environment', () => {
    const error = expectInvalidSpec(() => parseCommandJob('command: echo ${{inputs.x}}\ninputs:\n  x: "a\\0"\n', { file: 'job.yml' }));
    assert.match(error.message, /^job\.yml:3:6: inputs\.x: contains a NUL byte at character 1$/);
  });

  it('refuses the same in a REST body, naming the field', () => {
    const error = expectInvalidSpec(() => validateCommandJob({ command: 'echo hi', environment_variables: { K: 'a\0' } }));
    assert.equal(error.message, 'request body: environment_variables.K: contains a NUL byte at character 1');
    assert.equal(error.details.field, 'environment_variables.K');
  });

  it('refuses a NUL byte in a command component', () => {
    const error = expectInvalidSpec(() => parseCommandComponent('name: c\nversion: 1\ncommand: "run\\0"\n', { file: 'component.yml' }));
    assert.match(error.message, /component\.yml:3:10: command: contains a NUL byte at character 3/);
  });
});
