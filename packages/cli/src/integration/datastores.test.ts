// Datastores: the built-in workspaceblobstore and a `type: local` one, read by data assets and
// job inputs through azureml://datastores/<name>/paths/<path>, and written by a job's output,
// which is also registered as a data asset with lineage to the job.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LatheError } from '@lathe/core';
import { after, before, describe, it } from 'node:test';
import { runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

async function cli(t: TestServer, args: string[]): Promise<string> {
  const result = await runCli(args, t.url);
  assert.equal(result.code, 0, `lathe ${args.join(' ')}\n${result.stderr}`);
  return result.stdout;
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('datastores', () => {
  let t: TestServer;
  let project: string;
  before(async () => {
    t = await startTestServer();
    project = await writeFiles(join(t.scratch, 'ds'), {
      'store/raw/measurements.csv': 'x\n1\n2\n3\n',
      'datastore.yml': 'name: labstore\ntype: local\npath: ./store\ndescription: the lab share\n',
      'data.yml': 'name: measurements\nversion: 1\ntype: uri_folder\npath: azureml://datastores/labstore/paths/raw/\n',
      'job.yml': [
        "command: python -c \"import sys,os; rows=open(os.path.join(sys.argv[1], 'measurements.csv')).read().split()[1:]; os.makedirs(sys.argv[2], exist_ok=True); open(os.path.join(sys.argv[2], 'sum.txt'), 'w').write(str(sum(map(int, rows))))\" ${{inputs.raw}} ${{outputs.summary}}",
        'inputs:',
        '  raw:',
        '    type: uri_folder',
        '    path: azureml://datastores/labstore/paths/raw',
        'outputs:',
        '  summary:',
        '    type: uri_folder',
        '    path: azureml://datastores/labstore/paths/results/summary',
        '    name: measurement-summary',
        'experiment_name: datastores',
      ].join('\n'),
    });
    await cli(t, ['datastore', 'create', '--file', join(project, 'datastore.yml')]);
  });
  after(async () => t.close());

  it("expands ${{name}} and ${{output_name}} in an output's datastore path, and refuses any other expression", async () => {
    const spec = (path: string) => ({ command: 'echo hi > ${{outputs.report}}/hi.txt', outputs: { report: { type: 'uri_folder', path } } });
    const job = await t.client.createJob(spec('azureml://datastores/labstore/paths/runs/${{name}}/${{output_name}}/'));
    assert.equal((job.spec.outputs as { report: { path: string } }).report.path, `azureml://datastores/labstore/paths/runs/${job.name}/report/`);
    assert.equal((await waitForEnd(t.client, job.name)).status, 'Completed', await t.client.getLogs(job.name));
    assert.equal(await eventually(() => readFile(join(project, 'store', 'runs', job.name, 'report', 'hi.txt'), 'utf8'), 'the datastore output'), 'hi\n');
    await assert.rejects(t.client.createJob(spec('azureml://datastores/labstore/paths/${{inputs.x}}/')), /outputs\.report\.path: \$\{\{inputs\.x\}\} is not an expression an output path can use/);
  });

  it('a data asset reads a datastore path into a snapshot', async () => {
    assert.match(await cli(t, ['data', 'create', '--file', join(project, 'data.yml')]), /Created data measurements:1/);
    await cli(t, ['data', 'download', '--name', 'measurements', '--download-path', join(t.scratch, 'dl')]);
    assert.equal(await readFile(join(t.scratch, 'dl', 'measurements', 'measurements.csv'), 'utf8'), 'x\n1\n2\n3\n');
    const shown = await cli(t, ['data', 'show', '--name', 'measurements']);
    assert.match(shown, /Path: azureml:\/\/datastores\/labstore\/paths\/raw\//);
  });

  it('a job reads from a datastore and writes its output there, registered as a data asset', async () => {
    const created = await runCli(['job', 'create', '--file', join(project, 'job.yml'), '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const job = (JSON.parse(created.stdout) as { name: string }).name;
    assert.equal((await waitForEnd(t.client, job)).status, 'Completed', await t.client.getLogs(job));
    const written = await eventually(() => readFile(join(project, 'store', 'results', 'summary', 'sum.txt'), 'utf8'), 'the datastore output');
    assert.equal(written, '6');
    const asset = await eventually(() => t.client.getLatestAsset('data', 'measurement-summary'), 'the registered output');
    assert.equal(asset.version, '1');
    assert.equal(asset.spec.source_path, `azureml://jobs/${job}/outputs/summary/paths/`);
    const lineage = await t.client.assetLineage('data', 'measurement-summary', '1');
    assert.deepEqual(
      lineage.map((e) => [e.job, e.direction, e.port]),
      [[job, 'output', 'summary']],
    );
  });

  it('the built-in workspaceblobstore is a folder of the workspace; unknown datastores are named in the error', async () => {
    await writeFiles(join(t.home, 'datastores', 'default', 'workspaceblobstore'), { 'shared/hello.txt': 'hi\n' });
    assert.match(await cli(t, ['data', 'create', '--name', 'hello', '--type', 'uri_file', '--path', 'azureml://datastores/workspaceblobstore/paths/shared/hello.txt']), /Created data hello:1/);
    const missing = await runCli(['data', 'create', '--name', 'nope', '--path', 'azureml://datastores/nostore/paths/x'], t.url);
    assert.equal(missing.code, 3, missing.stderr);
    assert.match(missing.stderr, /datastore 'nostore' does not exist/);
  });
});

describe('local datastore roots', () => {
  let t: TestServer;
  let allowed: string;
  let outside: string;
  before(async () => {
    allowed = await realpath(await mkdtemp(join(tmpdir(), 'lathe-ds-allowed-')));
    outside = await realpath(await mkdtemp(join(tmpdir(), 'lathe-ds-outside-')));
    await writeFiles(outside, { 'secret.txt': 'not for jobs\n' });
    await writeFiles(allowed, { 'share/data.txt': 'shared\n' });
    await symlink(outside, join(allowed, 'way-out'));
    await symlink(outside, join(allowed, 'share', 'escape'));
    t = await startTestServer({ LATHE_DATASTORE_ROOTS: `${allowed}:${join(allowed, 'missing-root')}` });
  });
  after(async () => {
    await t.close();
    await rm(allowed, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  async function refused(name: string, path: string): Promise<LatheError> {
    const error: unknown = await t.client.createAsset('datastores', name, { type: 'local', path }, '1').then(
      () => assert.fail(`a datastore at ${path} was created`),
      (e: unknown) => e,
    );
    assert.ok(error instanceof LatheError, String(error));
    assert.equal(error.code, 'LATHE_INVALID_SPEC');
    assert.equal(error.details.field, 'path');
    await assert.rejects(t.client.getAsset('datastores', name, '1'), (e: unknown) => e instanceof LatheError && e.code === 'LATHE_NOT_FOUND');
    return error;
  }

  it('datastore list and show include the built-in datastores jobs use', async () => {
    const builtin = ['workspaceblobstore', 'workspacefilestore', 'workspaceartifactstore', 'workspaceworkingdirectory'];
    const listed = JSON.parse(await cli(t, ['datastore', 'list', '-o', 'json'])) as { name: string; builtin?: boolean }[];
    assert.deepEqual(
      listed.filter((d) => d.builtin).map((d) => d.name),
      builtin,
    );
    const table = await cli(t, ['datastore', 'list']);
    for (const name of builtin) assert.match(table, new RegExp(`^${name}\\s+1\\s+1\\s+Built in: `, 'm'));
    const show = await cli(t, ['datastore', 'show', 'workspaceblobstore']);
    assert.match(show, /^Use as: azureml:\/\/datastores\/workspaceblobstore\/paths\/<path>$/m);
    const missing = await runCli(['datastore', 'show', 'nowhere'], t.url);
    assert.equal(missing.code, 3);
    const bad = await fetch(`${t.url}/api/v1/workspaces/default/builtin-datastores/labstore`);
    assert.equal(bad.status, 404);
  });

  it('refuses a datastore at / or outside the roots, naming the field and the allowed roots', async () => {
    const root = await refused('everything', '/');
    assert.match(root.message, new RegExp(`^path: '/' is outside the folders local datastores may use: ${allowed}, ${allowed}/missing-root; an operator can allow more with LATHE_DATASTORE_ROOTS$`));
    assert.deepEqual(root.details.allowed_roots, [allowed, join(allowed, 'missing-root')]);
    const raw = await fetch(`${t.url}/api/v1/workspaces/default/datastores/everything/versions/1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ spec: { type: 'local', path: '/' } }),
    });
    assert.equal(raw.status, 400);
    await refused('elsewhere', outside);
    await refused('sibling', `${allowed}-other`);
    assert.match((await refused('relative', 'share')).message, /path: 'share' is relative; expected an absolute folder/);
  });

  it('refuses a datastore that reaches outside through a symbolic link', async () => {
    const error = await refused('linked', join(allowed, 'way-out'));
    assert.match(error.message, new RegExp(`\\(really ${outside}\\) is outside`));
  });

  it('takes a folder inside a root, also one not created yet, and keeps links inside it from leading out', async () => {
    await t.client.createAsset('datastores', 'share', { type: 'local', path: join(allowed, 'share') }, '1');
    await t.client.createAsset('datastores', 'later', { type: 'local', path: join(allowed, 'missing-root', 'later') }, '1');
    const data = await t.client.createAsset('data', 'shared', { type: 'uri_file', path: 'azureml://datastores/share/paths/data.txt' });
    assert.equal(data.created, true);
    const escaped: unknown = await t.client.createAsset('data', 'stolen', { type: 'uri_file', path: 'azureml://datastores/share/paths/escape/secret.txt' }).catch((e: unknown) => e);
    assert.ok(escaped instanceof LatheError, String(escaped));
    assert.equal(escaped.code, 'LATHE_PATH_ESCAPE');
    assert.match(escaped.message, /path 'escape\/secret\.txt' of datastore 'share' leads outside its folder/);
  });
});
