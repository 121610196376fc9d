// The shipped `mltable` package: its own unittest suite, and a job that loads an mltable data
// asset by reference with `mltable.load(...).to_pandas_dataframe()` (the test Python has no
// Azure mltable, so the shipped one is used).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCli, runPythonTests, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

const PACKAGE = fileURLToPath(new URL('../../../mltable-py', import.meta.url));

describe('mltable', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => t.close());

  it("the shipped mltable package's test suite passes", { timeout: 120_000 }, async () => {
    const { code, output } = await runPythonTests(PACKAGE);
    assert.equal(code, 0, output);
    assert.match(output, /^OK/m, output);
  });

  it('a job loads an mltable data asset into pandas', async () => {
    const project = await writeFiles(join(t.scratch, 'mltable'), {
      'table/MLTable': 'paths:\n  - pattern: ./*.csv\ntransformations:\n  - read_delimited:\n      delimiter: ","\n      header: all_files_same_headers\n  - drop_columns: [note]\n',
      'table/a.csv': 'x,y,note\n1,2,first\n3,4,second\n',
      'table/b.csv': 'x,y,note\n5,6,third\n',
      'data.yml': 'name: xy-table\nversion: 1\ntype: mltable\npath: ./table\n',
      'job.yml': [
        'command: python -c "import mltable, sys; df = mltable.load(sys.argv[1]).to_pandas_dataframe(); print(\'shape\', df.shape, list(df.columns), int(df.x.sum()), mltable.__file__)" ${{inputs.table}}',
        'inputs:',
        '  table:',
        '    type: mltable',
        '    path: azureml:xy-table:1',
        'experiment_name: mltable',
      ].join('\n'),
    });
    const created = await runCli(['data', 'create', '--file', join(project, 'data.yml')], t.url);
    assert.equal(created.code, 0, created.stderr);
    const job = await runCli(['job', 'create', '--file', join(project, 'job.yml'), '-o', 'json'], t.url);
    assert.equal(job.code, 0, job.stderr);
    const name = (JSON.parse(job.stdout) as { name: string }).name;
    assert.equal((await waitForEnd(t.client, name)).status, 'Completed', await t.client.getLogs(name));
    assert.match(await t.client.getLogs(name), /shape \(3, 2\) \['x', 'y'\] 9 .*mltable-py\/python\/mltable\/__init__\.py/);
  });
});
