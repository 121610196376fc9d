// Command jobs written as Azure ML's documentation and examples write them, run unchanged on a
// real server: the command writes to ./outputs and ./logs without creating them, an output
// named with no value is a folder on the default datastore, and `pip` is the job's own Python's.
import assert from 'node:assert/strict';
import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

async function runJob(t: TestServer, file: string) {
  const created = await runCli(['job', 'create', '--file', file, '-o', 'json'], t.url);
  assert.equal(created.code, 0, created.stderr);
  const name = (JSON.parse(created.stdout) as { name: string }).name;
  const job = await waitForEnd(t.client, name);
  return { job, log: await t.client.getLogs(name) };
}

describe('command jobs as Azure ML runs them', () => {
  let t: TestServer;
  let project: string;
  before(async () => {
    t = await startTestServer();
    project = await writeFiles(join(t.scratch, 'project'), {
      'no-code.yml': 'command: echo hi > ./outputs/x.txt && echo note > ./logs/run.txt\n',
      'with-code.yml': 'code: src\ncommand: python write.py\n',
      'src/write.py': "open('outputs/from-code.txt', 'w').write('written\\n')\nopen('logs/from-code.log', 'w').write('logged\\n')\n",
      'empty-output.yml': 'command: echo hello > ${{outputs.hello_output}}/hello.txt\noutputs:\n  hello_output:\n',
      'component.yml': 'name: counter\nversion: 1\ntype: command\ninputs:\n  n:\n    type: integer\ncommand: echo ${{inputs.n}}\nenvironment:\n  image: library/python:latest\n',
      'bad-literal.yml': '# a literal the component does not take\ncomponent: azureml:counter:1\ninputs:\n  n: many\n',
      'unknown-data.yml': 'command: ls ${{inputs.data}}\ninputs:\n  data:\n    type: uri_folder\n    path: azureml:no-such-data:1\n',
      'pip.yml': 'command: >-\n  command -v pip pip3 && pip --version && python -c "import sys; print(\'python\', sys.executable)"\n',
    });
  });
  after(async () => t.close());

  it('./outputs and ./logs exist before the command runs, with or without code, and come back as the default output', async () => {
    for (const [file, expected] of [
      ['no-code.yml', { 'outputs/x.txt': 'hi\n', 'logs/run.txt': 'note\n' }],
      ['with-code.yml', { 'outputs/from-code.txt': 'written\n', 'logs/from-code.log': 'logged\n' }],
    ] as const) {
      const { job, log } = await runJob(t, join(project, file));
      assert.equal(job.status, 'Completed', `${file}: ${job.error?.message}\n${log}`);
      const dir = join(t.scratch, `download-${file}`);
      const download = await runCli(['job', 'download', '--name', job.name, '--download-path', dir], t.url);
      assert.equal(download.code, 0, download.stderr);
      for (const [path, text] of Object.entries(expected)) assert.equal(await readFile(join(dir, 'artifacts', path), 'utf8'), text, `${file}: ${path}`);
    }
  });

  it("an output named with no value is a uri_folder the command writes into, kept with the job's outputs", async () => {
    const { job, log } = await runJob(t, join(project, 'empty-output.yml'));
    assert.equal(job.status, 'Completed', `${job.error?.message}\n${log}`);
    assert.deepEqual((job.spec.outputs as Record<string, unknown>).hello_output, { type: 'uri_folder', mode: 'rw_mount' });
    assert.deepEqual(
      (await t.client.listOutputs(job.name)).find((o) => o.name === 'hello_output'),
      { name: 'hello_output', files: 1, size: 6 },
    );
    const dir = join(t.scratch, 'download-empty-output');
    const download = await runCli(['job', 'download', '--name', job.name, '--output-name', 'hello_output', '--download-path', dir], t.url);
    assert.equal(download.code, 0, download.stderr);
    assert.equal(await readFile(join(dir, 'named-outputs', 'hello_output', 'hello.txt'), 'utf8'), 'hello\n');
  });

  it('errors the server finds after reading carry the file, line and column of the field', async () => {
    const unknown = await runCli(['job', 'create', '--file', join(project, 'unknown-data.yml')], t.url);
    assert.equal(unknown.code, 2, unknown.stderr);
    assert.match(unknown.stderr, /unknown-data\.yml:5:11: inputs\.data\.path: 'azureml:no-such-data:1' does not name an asset in this workspace/);

    const created = await runCli(['component', 'create', '--file', join(project, 'component.yml')], t.url);
    assert.equal(created.code, 0, created.stderr);
    const literal = await runCli(['job', 'create', '--file', join(project, 'bad-literal.yml')], t.url);
    assert.equal(literal.code, 2, literal.stderr);
    assert.match(literal.stderr, /bad-literal\.yml:4:6: inputs\.n: expected an integer, got "many"/);
    const set = await runCli(['job', 'create', '--file', join(project, 'bad-literal.yml'), '--set', 'inputs.n=lots'], t.url);
    assert.match(set.stderr, /--set inputs\.n=lots: inputs\.n: expected an integer, got "lots"/);
  });

  it("pip and pip3 inside a job run the job's Python, not whatever is first on the server's PATH", async () => {
    const { job, log } = await runJob(t, join(project, 'pip.yml'));
    assert.equal(job.status, 'Completed', `${job.error?.message}\n${log}`);
    const folder = join(t.home, 'runs', 'default', job.name);
    assert.match(log, new RegExp(`^${folder}/bin/pip\\n${folder}/bin/pip3$`, 'm'), log);
    assert.match(log, /^pip \d+\.\d+(\.\d+)? from \S+ \(python \d+\.\d+\)$/m, "pip runs: the job's Python has it");
    const script = /^exec '(.+)' -m pip "\$@"$/m.exec(await readFile(join(folder, 'bin', 'pip'), 'utf8'))?.[1];
    assert.ok(script, 'pip is a script that runs a Python');
    assert.equal(await realpath(script), await realpath(join(folder, 'bin', 'python')), "the Python pip runs is the job's python");
  });
});
