// Parallel steps: the shipped driver's own unittest suite (mini-batches, retries, timeouts, the
// error threshold, init() once per worker, tables by partition key), and the batch-scoring
// example pipeline through `lathe job create`, whose parallel step scores a folder of files in two
// worker processes and appends one row per test row.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCli, runPythonTests, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

const PACKAGE = fileURLToPath(new URL('../../../parallel-py', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../../../examples/pipelines/iris-batch-score.yml', import.meta.url));

describe('parallel steps', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => t?.close());

  it("the shipped driver's test suite passes", { timeout: 180_000 }, async () => {
    const { code, output } = await runPythonTests(PACKAGE);
    assert.equal(code, 0, output);
    assert.match(output, /^OK/m, output);
  });

  it('runs the batch-scoring example: every test row scored once by workers that each loaded the model once', async () => {
    const created = await runCli(['job', 'create', '--file', EXAMPLE, '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const name = (JSON.parse(created.stdout) as { name: string }).name;
    const ended = await waitForEnd(t.client, name, 240_000);
    assert.equal(ended.status, 'Completed', JSON.stringify(ended.error));
    const score = await t.client.getJob(`${name}_score`);
    assert.equal(score.type, 'parallel');
    const target = join(t.scratch, 'predictions');
    const downloaded = await runCli(['job', 'download', name, '--output-name', 'predictions', '--download-path', target], t.url);
    assert.equal(downloaded.code, 0, downloaded.stderr);
    const rows = (await readFile(join(target, 'named-outputs', 'predictions', 'parallel_run_step.txt'), 'utf8')).trim().split('\n');
    assert.equal(rows.length, 45);
    assert.equal(new Set(rows.map((r) => r.split(',').slice(0, 2).join(','))).size, 45, 'each row of each file once');
    const log = await t.client.getLogs(score.name);
    assert.equal((log.match(/loaded the model/g) ?? []).length, 2, log);
    assert.match(log, /\[parallel\] 5 mini-batch\(es\) of .*, 2 worker process\(es\)/);
    const shown = (await runCli(['job', 'show', score.name], t.url)).stdout;
    assert.match(shown, /parallel_items_processed +45 /);
    assert.match(shown, /logs\/parallel\/progress\.csv/);
  });

  it('fails a parallel step whose mini-batches fail beyond the threshold, naming them in its log', async () => {
    const folder = await writeFiles(join(t.scratch, 'failing-parallel'), {
      'data/a.txt': 'ok\n',
      'data/b.txt': 'bad\n',
      'src/entry.py': 'def run(batch):\n    for path in batch:\n        if open(path).read().strip() == "bad":\n            raise ValueError(f"cannot score {path}")\n    return batch\n',
      'p.yml': `type: pipeline
inputs:
  files: { type: uri_folder, path: ./data }
jobs:
  score:
    type: parallel
    inputs:
      files: \${{parent.inputs.files}}
    input_data: \${{inputs.files}}
    mini_batch_size: "1"
    mini_batch_error_threshold: 0
    retry_settings: { max_retries: 1, timeout: 30 }
    task:
      code: src
      entry_script: entry.py
`,
    });
    const created = await runCli(['job', 'create', '--file', join(folder, 'p.yml'), '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const name = (JSON.parse(created.stdout) as { name: string }).name;
    const ended = await waitForEnd(t.client, name, 120_000);
    assert.equal(ended.status, 'Failed');
    const log = await t.client.getLogs(`${name}_score`);
    assert.match(log, /mini-batch 1 attempt 2 failed: ValueError: cannot score .*b\.txt/);
    assert.match(log, /1 mini-batch\(es\) failed, more than mini_batch_error_threshold 0/);
  });

  it('refuses a parallel step whose input_data names no data input, at its line', async () => {
    const folder = await writeFiles(join(t.scratch, 'bad-parallel'), {
      'p.yml': 'type: pipeline\njobs:\n  score:\n    type: parallel\n    inputs:\n      n: 3\n    input_data: ${{inputs.n}}\n    task:\n      entry_script: entry.py\n',
    });
    const created = await runCli(['job', 'create', '--file', join(folder, 'p.yml')], t.url);
    assert.equal(created.code, 2, created.stderr);
    assert.match(created.stderr, /p\.yml:7:17: jobs\.score\.input_data: step 'score': \$\{\{inputs\.n\}\} names 'n', which is not a data input of this job/);
  });
});
