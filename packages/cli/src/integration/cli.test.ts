import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli, startTestServer, writeFiles, type TestServer } from './harness.js';

describe('lathe CLI against a real server', () => {
  let t: TestServer;
  let dir: string;
  before(async () => {
    t = await startTestServer();
    dir = await writeFiles(join(t.scratch, 'cli'), {
      'src/main.py': 'print("from code")\n',
      'ok.yml': 'code: src\ncommand: python main.py\nexperiment_name: cli\n',
      'fails.yml': 'command: echo "about to fail"; exit 4\nexperiment_name: cli\n',
      'raises/train.py': 'print("training")\ndef fit(c):\n    raise ValueError(f"bad value for C: {c}")\nfit(-1)\n',
      // An undefined compute makes the launcher write a [lathe] warning into the log's end.
      'raises.yml': 'code: raises\ncommand: python train.py\ncompute: azureml:nowhere\nexperiment_name: cli-raises\n',
      'typo.yml': 'code: src\ncommand: python main.py\nenvironmnet: azureml:sklearn@latest\n',
      'wrong-type.yml': 'code: src\ncommand: python main.py\nlimits:\n  timeout: forever\n',
      'bad-binding.yml': 'code: src\ncommand: >-\n  python main.py\n  --x ${{inputs.missing}}\ninputs:\n  present: 1\n',
    });
  });
  after(async () => t.close());

  const blobCount = async () => (await readdir(join(t.home, 'artifacts'), { recursive: true }).catch(() => [])).filter((p) => /[0-9a-f]{64}$/.test(p)).length;

  for (const [file, where, field] of [
    ['typo.yml', ':3:1:', 'environmnet: unknown field'],
    ['wrong-type.yml', ':4:12:', 'limits.timeout: expected an integer'],
    ['bad-binding.yml', ':4:7:', "command: ${{inputs.missing}} refers to input 'missing'"],
  ] as const) {
    it(`${file} fails with file:line:column and the field, and creates nothing`, async () => {
      const result = await runCli(['job', 'create', '--file', join(dir, file)], t.url);
      assert.equal(result.code, 2, result.stderr);
      assert.ok(result.stderr.includes(`${join(dir, file)}${where} ${field}`), result.stderr);
      assert.equal((await t.client.listJobs()).value.length, 0);
      assert.equal(await blobCount(), 0, 'no snapshot was uploaded');
    });
  }

  it('job create --stream follows the log and exits 0 for a completed job', async () => {
    const result = await runCli(['job', 'create', '--file', join(dir, 'ok.yml'), '--stream'], t.url);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^from code$/m);
    assert.match(result.stdout, /Status: Completed/);
  });

  it('job create, job show and job stream link to the job in Studio, not to its REST resource', async () => {
    const created = await runCli(['job', 'create', '--file', join(dir, 'ok.yml'), '--name', 'cli_link'], t.url);
    const link = `${t.url}/jobs/cli_link`;
    assert.ok(created.stdout.includes(`Studio: ${link}\n`), created.stdout);
    const stream = await runCli(['job', 'stream', 'cli_link'], t.url);
    assert.ok(stream.stdout.includes(`Web View: ${link}\n`), stream.stdout);
    const show = await runCli(['job', 'show', 'cli_link'], t.url);
    assert.ok(show.stdout.includes(`Studio: ${link}\n`), show.stdout);
    const page = await fetch(link, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  });

  it('job create --stream exits non-zero and prints the error for a failed job', async () => {
    const result = await runCli(['job', 'create', '--file', join(dir, 'fails.yml'), '--stream', '--name', 'cli_fails'], t.url);
    assert.equal(result.code, 6);
    assert.match(result.stdout, /about to fail/);
    assert.match(result.stderr, /exited with code 4/);
    const stream = await runCli(['job', 'stream', '--name', 'cli_fails'], t.url);
    assert.equal(stream.code, 6);
  });

  it('--set takes several pairs, as az ml does', async () => {
    const result = await runCli(['job', 'create', '--file', join(dir, 'ok.yml'), '--set', 'display_name=two', 'tags.team=ml', '-o', 'json'], t.url);
    assert.equal(result.code, 0, result.stderr);
    const job = JSON.parse(result.stdout) as { display_name: string; spec: { tags?: Record<string, string> } };
    assert.equal(job.display_name, 'two');
    assert.deepEqual(job.spec.tags, { team: 'ml' });
  });

  it("a Python exception's line leads the failure summary, and the traceback shows once", async () => {
    const stream = await runCli(['job', 'create', '--file', join(dir, 'raises.yml'), '--stream', '--name', 'cli_raises'], t.url);
    assert.equal(stream.code, 6);
    assert.equal((stream.stdout + stream.stderr).split('Traceback (most recent call last):').length, 2, stream.stdout + stream.stderr);
    assert.ok(stream.stderr.endsWith('\nError (UserError): ValueError: bad value for C: -1\nthe command exited with code 1\n'), stream.stderr);
    assert.match(stream.stdout, /^\[lathe\] UserError: ValueError: bad value for C: -1$/m);
    const job = await t.client.getJob('cli_raises');
    const lines = job.error?.message.split('\n') ?? [];
    assert.deepEqual(lines.slice(0, 3), ['ValueError: bad value for C: -1', 'the command exited with code 1', 'training']);
    assert.doesNotMatch(job.error?.message ?? '', /\[lathe\]|last lines of the log/);
    const show = await runCli(['job', 'show', 'cli_raises'], t.url);
    assert.match(show.stdout, /^Error \(UserError\): ValueError: bad value for C: -1$/m);
    assert.equal(show.stdout.split('Traceback (most recent call last):').length, 2);
  });

  it('job show and job list print table, json and yaml', async () => {
    const table = await runCli(['job', 'show', '--name', 'cli_fails'], t.url);
    assert.match(table.stdout, /^Name\s+Status\s+Experiment/m);
    assert.match(table.stdout, /cli_fails\s+Failed\s+cli/);
    assert.match(table.stdout, /Exit code: 4/);
    const yaml = parse((await runCli(['job', 'show', 'cli_fails', '-o', 'yaml'], t.url)).stdout) as { status: string; exit_code: number };
    assert.deepEqual([yaml.status, yaml.exit_code], ['Failed', 4]);
    const list = JSON.parse((await runCli(['job', 'list', '--status', 'Failed', '--experiment-name', 'cli', '-o', 'json'], t.url)).stdout) as { name: string }[];
    assert.ok(Array.isArray(list), 'a list prints as a plain array, as az does');
    assert.deepEqual(
      list.map((j) => j.name),
      ['cli_fails'],
    );
  });

  it('--query filters the JSON result with JMESPath, and -o tsv prints it for scripts', async () => {
    const names = await runCli(['job', 'list', '--experiment-name', 'cli', '--query', "[?status=='Failed'].name", '-o', 'json'], t.url);
    assert.equal(names.code, 0, names.stderr);
    assert.deepEqual(JSON.parse(names.stdout), ['cli_fails']);
    const tsv = await runCli(['job', 'show', 'cli_fails', '--query', '{name: name, status: status, exit: exit_code}', '-o', 'tsv'], t.url);
    assert.equal(tsv.stdout, 'cli_fails\tFailed\t4\n');
    const table = await runCli(['job', 'list', '--status', 'Failed', '--experiment-name', 'cli', '--query', '[].{Job: name, Code: exit_code}'], t.url);
    assert.match(table.stdout, /^Job\s+Code\n-+\s+-+\ncli_fails\s+4\n$/);
    const bad = await runCli(['job', 'list', '--query', '[?'], t.url);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^Error: --query "\[\?": /);
  });

  it('job cancel and job download work by name', async () => {
    const created = JSON.parse((await runCli(['job', 'create', '--file', join(dir, 'ok.yml'), '--set', 'command=sleep 30', '-o', 'json'], t.url)).stdout) as { name: string };
    const cancel = await runCli(['job', 'cancel', '--name', created.name, '-o', 'json'], t.url);
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.ok(['Canceled', 'CancelRequested'].includes((JSON.parse(cancel.stdout) as { status: string }).status));
    const download = await runCli(['job', 'download', '--name', 'cli_fails', '--download-path', join(t.scratch, 'dl')], t.url);
    assert.equal(download.code, 0, download.stderr);
    assert.deepEqual(await readdir(join(t.scratch, 'dl', 'artifacts', 'user_logs')), ['std_log.txt']);
  });

  it('job archive hides a job from job list until job restore', async () => {
    const created = JSON.parse((await runCli(['job', 'create', '--file', join(dir, 'ok.yml'), '-o', 'json'], t.url)).stdout) as { name: string };
    const listed = async (...flags: string[]): Promise<string[]> => {
      const list = await runCli(['job', 'list', '--max-results', '1000', '-o', 'json', ...flags], t.url);
      assert.equal(list.code, 0, list.stderr);
      return (JSON.parse(list.stdout) as { name: string }[]).map((job) => job.name);
    };
    assert.ok((await listed()).includes(created.name));
    const archived = await runCli(['job', 'archive', created.name, '-o', 'json'], t.url);
    assert.equal(archived.code, 0, archived.stderr);
    assert.equal((JSON.parse(archived.stdout) as { archived: boolean }).archived, true);
    assert.ok(!(await listed()).includes(created.name));
    assert.deepEqual(await listed('--archived-only'), [created.name]);
    assert.ok((await listed('--include-archived')).includes(created.name));
    const restored = await runCli(['job', 'restore', '--name', created.name, '-o', 'json'], t.url);
    assert.equal(restored.code, 0, restored.stderr);
    assert.ok((await listed()).includes(created.name));
    assert.deepEqual(await listed('--archived-only'), []);
    assert.equal((await runCli(['job', 'archive', 'no_such_job'], t.url)).code, 3);
    assert.equal((await runCli(['job', 'list', '--archived-only', '--include-archived'], t.url)).code, 2);
  });

  it('usage mistakes and an unreachable server get clear messages and exit codes', async () => {
    const noFile = await runCli(['job', 'create'], t.url);
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /--file is required/);
    const unknownFlag = await runCli(['job', 'list', '--bogus'], t.url);
    assert.equal(unknownFlag.code, 2);
    const unknownCommand = await runCli(['jobs', 'make'], t.url);
    assert.equal(unknownCommand.code, 2);
    const missingJob = await runCli(['job', 'show', 'no_such_job'], t.url);
    assert.equal(missingJob.code, 3);
    assert.match(missingJob.stderr, /job 'no_such_job' does not exist/);
    const down = await runCli(['job', 'list'], 'http://127.0.0.1:9');
    assert.equal(down.code, 5);
    assert.match(down.stderr, /cannot reach the Lathe server at http:\/\/127\.0\.0\.1:9/);
  });
});
