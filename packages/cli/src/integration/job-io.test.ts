import assert from 'node:assert/strict';
import { chmod, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

const IO_JOB = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
code: src
command: >-
  python copy.py --folder \${{inputs.folder}} --table \${{inputs.table}}
  --scale \${{inputs.scale}} --out \${{outputs.result}}
  $[[--note \${{inputs.note}}]] $[[--absent \${{inputs.absent}}]]
inputs:
  folder:
    type: uri_folder
    path: ./data
  table:
    type: uri_file
    path: ./data/table.csv
    mode: download
  scale: 3
  note: present
outputs:
  result:
    type: uri_folder
experiment_name: io-roundtrip
tags:
  purpose: io
`;

const COPY_PY = `import argparse, os, shutil, stat, sys
p = argparse.ArgumentParser()
p.add_argument('--folder'); p.add_argument('--table'); p.add_argument('--scale', type=int)
p.add_argument('--out'); p.add_argument('--note'); p.add_argument('--absent')
a = p.parse_args()
assert a.absent is None, 'an absent optional input must not be rendered'
shutil.copytree(a.folder, os.path.join(a.out, 'copied'))
with open(a.table) as f: rows = f.read().splitlines()
with open(os.path.join(a.out, 'summary.txt'), 'w') as f:
    f.write(f"rows={len(rows)} scale={a.scale} note={a.note}\\n")
    f.write(f"folder_writable={bool(os.stat(os.path.join(a.folder, 'table.csv')).st_mode & stat.S_IWUSR)}\\n")
    f.write(f"table_writable={bool(os.stat(a.table).st_mode & stat.S_IWUSR)}\\n")
os.makedirs('outputs', exist_ok=True)
open('outputs/artifact.txt', 'w').write('default output\\n')
print('ignored file present:', os.path.exists('secret.txt'))
print('done')
`;

describe('job inputs, outputs and code snapshots', () => {
  let t: TestServer;
  let project: string;
  before(async () => {
    t = await startTestServer();
    project = await writeFiles(join(t.scratch, 'project'), {
      'job.yml': IO_JOB,
      'src/copy.py': COPY_PY,
      'src/secret.txt': 'not for the server\n',
      'src/.amlignore': 'secret.txt\n',
      'data/table.csv': 'a,b\n1,2\n3,4\n',
      'data/nested/readme.txt': 'nested file\n',
    });
  });
  after(async () => t.close());

  it('inputs reach the command by mode and outputs come back through lathe job download', async () => {
    const created = await runCli(['job', 'create', '--file', join(project, 'job.yml'), '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const name = (JSON.parse(created.stdout) as { name: string }).name;
    const job = await waitForEnd(t.client, name);
    assert.equal(job.status, 'Completed', job.error?.message);
    const log = await t.client.getLogs(name);
    assert.match(log, /ignored file present: False/, '.amlignore kept secret.txt out of the snapshot');

    const download = await runCli(['job', 'download', '--name', name, '--all', '--download-path', join(t.scratch, 'dl')], t.url);
    assert.equal(download.code, 0, download.stderr);
    const result = join(t.scratch, 'dl', 'named-outputs', 'result');
    const summary = await readFile(join(result, 'summary.txt'), 'utf8');
    assert.equal(summary, 'rows=3 scale=3 note=present\nfolder_writable=False\ntable_writable=True\n');
    assert.equal(await readFile(join(result, 'copied', 'nested', 'readme.txt'), 'utf8'), 'nested file\n');
    assert.equal(await readFile(join(result, 'copied', 'table.csv'), 'utf8'), 'a,b\n1,2\n3,4\n');
    const artifacts = join(t.scratch, 'dl', 'artifacts');
    assert.equal(await readFile(join(artifacts, 'outputs', 'artifact.txt'), 'utf8'), 'default output\n');
    assert.match(await readFile(join(artifacts, 'user_logs', 'std_log.txt'), 'utf8'), /done/);
  });

  it('outputs are listed with their files and a single file downloads as it was written', async () => {
    const { value } = await t.client.listJobs({ experimentName: 'io-roundtrip' });
    const name = value[0]?.name as string;
    const outputs = await t.client.listOutputs(name);
    assert.deepEqual(
      outputs.map((o) => o.name),
      ['default', 'result'],
    );
    const files = await t.client.listOutputFiles(name, 'result');
    assert.deepEqual(
      files.map((f) => f.path),
      ['copied/nested/readme.txt', 'copied/table.csv', 'summary.txt'],
    );
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.fromWeb(await t.client.openOutputFile(name, 'result', 'copied/table.csv'))) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), 'a,b\n1,2\n3,4\n');
  });

  it('the same code and data are stored once however often they are submitted', async () => {
    const blobs = async () => (await readdir(join(t.home, 'artifacts', 'blobs', 'sha256'), { recursive: true })).filter((p) => /[0-9a-f]{64}$/.test(p));
    const before = await blobs();
    const again = await runCli(['job', 'create', '--file', join(project, 'job.yml'), '--set', 'inputs.scale=5', '-o', 'json'], t.url);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual((await blobs()).sort(), before.sort());
    const job = await waitForEnd(t.client, (JSON.parse(again.stdout) as { name: string }).name);
    assert.equal(job.status, 'Completed');
    assert.equal((job.spec.inputs as { scale: number }).scale, 5, '--set overrides a literal input');
  });

  it('read-only inputs are unpacked once and shared between jobs', async () => {
    const cache = join(t.home, 'cache', 'inputs');
    const entries = (await readdir(cache)).filter((e) => /^[0-9a-f]{64}$/.test(e));
    assert.equal(entries.length, 1, 'one shared copy of the ro_mount folder');
    const info = await stat(join(cache, entries[0] as string, 'table.csv'));
    assert.equal(info.mode & 0o222, 0, 'shared input files are read-only');
  });
});

describe('code and input snapshots keep what the folder allows', () => {
  let t: TestServer;
  let project: string;
  before(async () => {
    t = await startTestServer();
    project = await writeFiles(join(t.scratch, 'modes'), {
      'job.yml': [
        'code: src',
        "command: stat -c '%a %n' secret.key private private/notes.txt ${{inputs.data}}/token ${{inputs.data}}; test -e escape.txt || echo no-escape",
        'inputs:',
        '  data:',
        '    type: uri_folder',
        '    path: ./data',
      ].join('\n'),
      'src/secret.key': 'key\n',
      'src/private/notes.txt': 'notes\n',
      'data/token': 'token\n',
      'outside.txt': "the server user's file\n",
    });
    await chmod(join(project, 'src', 'secret.key'), 0o600);
    await chmod(join(project, 'src', 'private'), 0o700);
    await chmod(join(project, 'data', 'token'), 0o600);
    await symlink(join(project, 'outside.txt'), join(project, 'src', 'escape.txt'));
  });
  after(async () => t.close());

  it('file and folder modes survive into the code folder and the shared input cache, and links out are left behind', async () => {
    const created = await runCli(['job', 'create', '--file', join(project, 'job.yml'), '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, /Warning: .*job\.yml: code: 'escape\.txt' is a symbolic link to '.*outside\.txt', outside the folder; it is not uploaded/);
    const job = await waitForEnd(t.client, (JSON.parse(created.stdout) as { name: string }).name);
    const log = await t.client.getLogs(job.name);
    assert.equal(job.status, 'Completed', log);
    assert.match(log, /^600 secret\.key$/m);
    assert.match(log, /^700 private$/m);
    assert.match(log, /^644 private\/notes\.txt$/m);
    assert.match(log, /^400 .*\/token$/m, 'a 0600 input file loses its write bit, and is not made readable by others');
    assert.match(log, /^no-escape$/m);
    assert.equal((await stat(t.home)).mode & 0o777, 0o700, 'the data directory, which holds the snapshots, is private');
  });

  it('a code folder over the snapshot limits is refused before anything is uploaded', async () => {
    await writeFile(join(project, 'src', 'extra.txt'), 'x');
    const blobs = async () => (await readdir(join(t.home, 'artifacts', 'blobs', 'sha256'), { recursive: true }).catch(() => [])).length;
    const before = await blobs();
    process.env.LATHE_SNAPSHOT_MAX_FILES = '2';
    try {
      const refused = await runCli(['job', 'create', '--file', join(project, 'job.yml')], t.url);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /job\.yml: code: the snapshot of '.*\/src' has 3 files, over the limit of 2 \(LATHE_SNAPSHOT_MAX_FILES\)/);
    } finally {
      delete process.env.LATHE_SNAPSHOT_MAX_FILES;
    }
    assert.equal(await blobs(), before, 'no blob was uploaded');
    assert.equal((await t.client.listJobs()).value.length, 1);
  });
});
