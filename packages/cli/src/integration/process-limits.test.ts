// Specs that pass the schema but that the operating system cannot run — a NUL byte, a command
// over the argument limit, an input that is a FIFO or a device — are refused at submit, by the
// client with the file's position and again by the server, and nothing is created.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, writeFiles, type TestServer } from './harness.js';

describe('specs the operating system could not run', () => {
  let t: TestServer;
  const post = async (spec: Record<string, unknown>) => {
    const response = await fetch(`${t.url}/api/v1/workspaces/default/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec }) });
    return { status: response.status, body: (await response.json()) as { error_code: string; message: string; details: { field?: string } } };
  };
  before(async () => {
    t = await startTestServer();
  });
  after(async () => t.close());

  it('the server refuses a NUL byte or an oversized command with LATHE_INVALID_SPEC naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ command: 'echo a\0b' }, 'command'],
      [{ command: 'true', experiment_name: 'exp\0' }, 'experiment_name'],
      [{ command: 'true', display_name: 'shown\0' }, 'display_name'],
      [{ command: 'true', environment_variables: { 'A\0B': 'x' } }, 'environment_variables.A\0B'],
      [{ command: 'true', environment_variables: { K: 'v\0' } }, 'environment_variables.K'],
      [{ command: `echo ${'x'.repeat(128 * 1024)}` }, 'command'],
      [{ command: 'echo ${{inputs.a}} ${{inputs.a}}', inputs: { a: 'y'.repeat(70 * 1024) } }, 'command'],
    ];
    for (const [spec, field] of cases) {
      const { status, body } = await post(spec);
      assert.equal(status, 400, JSON.stringify(body));
      assert.equal(body.error_code, 'LATHE_INVALID_SPEC');
      assert.equal(body.details.field, field);
      assert.ok(body.message.startsWith(`spec: ${field}: `), body.message);
    }
    assert.equal((await t.client.listJobs()).value.length, 0);
  });

  it('the CLI refuses a NUL byte in the YAML at its line and column, before uploading', async () => {
    const folder = await writeFiles(join(t.scratch, 'nul'), { 'job.yml': 'command: "echo \\0"\nenvironment_variables:\n  MODE: "a\\0"\n' });
    const result = await runCli(['job', 'create', '--file', join(folder, 'job.yml')], t.url);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /job\.yml:1:10: command: contains a NUL byte at character 5/);
    assert.match(result.stderr, /job\.yml:3:9: environment_variables\.MODE: contains a NUL byte at character 1/);
    assert.equal((await t.client.listJobs()).value.length, 0);
  });

  it('the CLI refuses an input that is a FIFO or a device without opening it', { timeout: 30_000 }, async () => {
    const folder = await writeFiles(join(t.scratch, 'special'), {
      'fifo.yml': 'command: cat ${{inputs.data}}\ninputs:\n  data:\n    type: uri_file\n    path: ./pipe\n',
      'device.yml': 'command: cat ${{inputs.data}}\ninputs:\n  data:\n    type: uri_file\n    path: /dev/zero\n',
    });
    execFileSync('mkfifo', [join(folder, 'pipe')]);
    const fifo = await runCli(['job', 'create', '--file', join(folder, 'fifo.yml')], t.url);
    assert.equal(fifo.code, 2, fifo.stderr);
    assert.match(fifo.stderr, /fifo\.yml: inputs\.data\.path: '.*\/pipe' is a FIFO \(named pipe\); expected a regular file or a folder/);
    const device = await runCli(['job', 'create', '--file', join(folder, 'device.yml')], t.url);
    assert.equal(device.code, 2, device.stderr);
    assert.match(device.stderr, /device\.yml: inputs\.data\.path: '\/dev\/zero' is a device; expected a regular file or a folder/);
    assert.equal((await t.client.listJobs()).value.length, 0);
  });
});
