// Studio's compare, experiments and asset pages in Chromium against a real server: two real jobs
// compared (differences, overlaid charts, parallel coordinates, scatter), and a model registered
// from a real job's output traced back to the data and environment that job read, with the YAML
// that re-creates each asset. Assets are created with the real `lathe` CLI from examples/assets.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { JobResource } from '@lathe/api';
import { eventually } from './eventually.js';
import { startStudio, type StudioHarness } from './studio-harness.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = `${ROOT}packages/cli/bin/lathe.js`;

const SWEEP_PY = `import argparse
import mlflow

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, required=True)
args = parser.parse_args()
with mlflow.start_run():
    mlflow.log_params({"lr": args.lr, "optimizer": "adam"})
    for step in range(20):
        mlflow.log_metric("loss", 1.0 / (1 + args.lr * step), step=step)
    mlflow.log_metric("acc", 0.5 + args.lr)
`;

function sweepJob(lr: number): Record<string, string> {
  return {
    'job.yml': `code: src\ncommand: python sweep.py --lr ${lr}\nexperiment_name: studio-compare\ndisplay_name: lr-${lr}\n`,
    'src/sweep.py': SWEEP_PY,
  };
}

describe('Studio compare, experiments and assets', () => {
  let h: StudioHarness;

  /** Runs the real CLI against the test server; returns stdout, failing on a non-zero exit. */
  function cli(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, LATHE_URL: h.url }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`lathe ${args.join(' ')} exited ${code}: ${err}`))));
    });
  }

  before(async () => {
    h = await startStudio();
  });
  after(async () => {
    await h?.close();
  });

  describe('compare', () => {
    let jobs: JobResource[];
    before(async () => {
      jobs = [];
      for (const lr of [0.1, 0.4]) jobs.push(await h.submitJob(sweepJob(lr)));
      for (const job of jobs) assert.equal((await h.waitForJob(job.name)).status, 'Completed');
    });

    it('compares runs selected in the list: differences, overlaid charts, parallel coordinates, scatter', async () => {
      await h.open('/jobs?experiment=studio-compare');
      for (const job of jobs) {
        await h.page.locator(`[data-testid=job-row][data-run-id="${job.name}"] input[type=checkbox]`).check();
      }
      await h.page.getByTestId('compare-button').click();
      await h.page.waitForURL(/\/compare\?runs=/);
      const ids = (new URL(h.page.url()).searchParams.get('runs') ?? '').split(',').sort();
      assert.deepEqual(ids, jobs.map((j) => j.name).sort());

      await h.page.getByTestId('compare-page').waitFor();
      await eventually(async () => assert.equal(await h.page.getByTestId('compare-run').count(), 2));
      const table = h.page.getByTestId('compare-table');
      await table.locator('tr[data-key]').first().waitFor();
      const keyRow = (id: string) => table.locator(`tr[data-key="${id}"]`);
      // lr differs, optimizer does not; the metrics differ too.
      const lrRow = (await keyRow('params.lr').count()) ? keyRow('params.lr') : table.locator('tr[data-key$="lr"]');
      assert.equal(await lrRow.getAttribute('data-diff'), 'true');
      const optimizerRow = table.locator('tr[data-key$="optimizer"]');
      assert.equal(await optimizerRow.getAttribute('data-diff'), 'false');
      assert.match(await lrRow.innerText(), /0\.1[\s\S]*0\.4/);
      assert.equal(await table.locator('tr.diff[data-key$="acc"]').count(), 1);

      await h.page.getByTestId('only-diff').check();
      await eventually(async () => assert.equal(await optimizerRow.count(), 0));
      await h.page.getByTestId('only-diff').uncheck();

      const chart = h.page.locator('[data-testid=metric-chart][data-key=loss][data-state=ready]');
      await chart.scrollIntoViewIfNeeded().catch(() => undefined);
      await chart.waitFor();
      assert.equal(await chart.getAttribute('data-points'), '40', 'both runs, 20 points each');

      const pc = h.page.getByTestId('parallel-coordinates');
      await pc.scrollIntoViewIfNeeded();
      assert.equal(await pc.locator('g.pc-run').count(), 2);
      const scatter = h.page.getByTestId('scatter');
      await scatter.scrollIntoViewIfNeeded();
      assert.equal(await scatter.locator('circle[data-run]').count(), 2);
      await h.page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await h.screenshot('compare', '[data-testid=metric-chart][data-state=ready]');

      // Removing a run updates the URL and the table.
      await h.page.getByTestId('remove-run').first().click();
      await eventually(async () => assert.equal((new URL(h.page.url()).searchParams.get('runs') ?? '').split(',').filter(Boolean).length, 1));
      await eventually(async () => assert.equal(await h.page.getByTestId('compare-run').count(), 1));
    });

    it('lists the experiment with its run count', async () => {
      await h.open('/experiments');
      const row = h.page.locator('[data-testid=experiment-row]', { hasText: 'studio-compare' });
      await row.waitFor();
      assert.match(await row.innerText(), /studio-compare[\s\S]*\b2\b/);
      await h.screenshot('experiments', '[data-testid=experiment-row]');
      await row.locator('a', { hasText: 'studio-compare' }).first().click();
      await h.page.waitForURL(/\/jobs\?experiment=studio-compare/);
    });
  });

  describe('assets and lineage', () => {
    let trainJob: string;
    before(async () => {
      await cli(['data', 'create', '--file', 'examples/assets/data/iris-data.yml']);
      await cli(['environment', 'create', '--file', 'examples/assets/environment/sklearn-env.yml']);
      await cli(['component', 'create', '--file', 'examples/assets/component/train-component.yml']);
      trainJob = (JSON.parse(await cli(['job', 'create', '--file', 'examples/jobs/train-with-component.yml', '-o', 'json'])) as { name: string }).name;
      assert.equal((await h.waitForJob(trainJob)).status, 'Completed');
      await cli(['model', 'create', '--name', 'iris-model', '--path', `azureml://jobs/${trainJob}/outputs/model/paths/`]);
    });

    it('lists the model and traces it to the job that made it and what that job read', async () => {
      await h.open('/models');
      const row = h.page.locator('[data-testid=asset-row][data-name=iris-model]');
      await row.waitFor();
      await row.locator('a').first().click();
      await h.page.waitForURL(/\/models\/iris-model/);
      await h.page.getByTestId('asset-page').waitFor();
      assert.equal(await h.page.getByTestId('version-row').count(), 1);

      const lineage = h.page.locator('[data-testid=lineage][data-state=ready]');
      await lineage.waitFor();
      await lineage.locator(`[data-node="job:${trainJob}"]`).waitFor();
      assert.equal(await lineage.locator('[data-node="data:iris-data:1"]').count(), 1, 'the data the producing job read');
      assert.equal(await lineage.locator('[data-node^="model:iris-model:"]').count() >= 1, true);
      const yaml = h.page.getByTestId('yaml');
      await h.page.locator('[data-testid=yaml][data-state=ready]').waitFor();
      assert.match(await yaml.innerText(), /name: iris-model[\s\S]*version: "?1"?/);
      await h.screenshot('model-page', '[data-testid=lineage][data-state=ready]');

      // The job node leads to the job.
      await lineage.locator(`[data-node="job:${trainJob}"]`).click();
      await h.page.waitForURL(new RegExp(`/jobs/${trainJob}`));
      await h.page.locator('[data-testid=job-page][data-status=Completed]').waitFor();
    });

    it('shows data, environments and components with the YAML that re-creates them', async () => {
      for (const [path, pattern] of [
        ['/data/iris-data', /name: iris-data/],
        ['/environments/sklearn-env', /name: sklearn-env[\s\S]*conda_file/],
        ['/components/train_iris', /name: train_iris[\s\S]*command:/],
      ] as const) {
        await h.open(path);
        await h.page.getByTestId('asset-page').waitFor();
        await h.page.locator('[data-testid=yaml][data-state=ready]').waitFor();
        assert.match(await h.page.getByTestId('yaml').innerText(), pattern, path);
      }
      await h.open('/data');
      await h.page.locator('[data-testid=asset-row][data-name=iris-data]').waitFor();
      await h.screenshot('data-list', '[data-testid=asset-row]');
      await h.open('/environments/sklearn-env');
      await h.screenshot('environment-page', '[data-testid=yaml][data-state=ready]');
      assert.deepEqual(h.pageErrors, []);
    });
  });
});
