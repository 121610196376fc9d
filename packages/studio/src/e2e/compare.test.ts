// Studio's comparison in Chromium against a real server: three real Python jobs that log with
// `mlflow` (different learning rates, the same optimizer, loss curves of different lengths) are
// selected in the job list and compared: differences marked, one overlaid line per run, parallel
// coordinates and a scatter with one mark per run; taking a run out updates the URL and every
// view. Screenshots (light and dark) go to test-output/studio/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobResource } from '@lathe/api';
import { eventually } from './eventually.js';
import { startStudio, type StudioHarness } from './studio-harness.js';

const SWEEP_PY = `import argparse
import mlflow

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, required=True)
parser.add_argument("--steps", type=int, required=True)
args = parser.parse_args()
with mlflow.start_run():
    mlflow.log_params({"lr": args.lr, "optimizer": "adam"})
    for step in range(args.steps):
        mlflow.log_metric("loss", 1.0 / (1 + args.lr * step), step=step)
    mlflow.log_metric("acc", 0.5 + args.lr)
    mlflow.log_metric("a_seed", 7)
`;

/** The runs compared: each logs `steps` loss points, so a chart's point count shows whose lines it drew. */
const RUNS = [
  { label: 'lr-0.1', lr: 0.1, steps: 10 },
  { label: 'lr-0.2', lr: 0.2, steps: 15 },
  { label: 'lr-0.4', lr: 0.4, steps: 20 },
] as const;

function sweepJob(label: string, lr: number, steps: number): Record<string, string> {
  return {
    'job.yml': `code: src\ncommand: python sweep.py --lr ${lr} --steps ${steps}\nexperiment_name: studio-compare\ndisplay_name: ${label}\n`,
    'src/sweep.py': SWEEP_PY,
  };
}

describe('Studio compare', () => {
  let h: StudioHarness;
  const jobs: JobResource[] = [];
  const id = (i: number) => (jobs[i] as JobResource).name;

  before(async () => {
    h = await startStudio();
    for (const r of RUNS) jobs.push(await h.submitJob(sweepJob(r.label, r.lr, r.steps)));
    for (const job of jobs) {
      const ended = await h.waitForJob(job.name);
      assert.equal(ended.status, 'Completed', `${job.name}: ${await h.client.getLogs(job.name)}`);
    }
  });
  after(async () => {
    await h?.close();
  });

  const runsInUrl = () => (new URL(h.page.url()).searchParams.get('runs') ?? '').split(',').filter(Boolean);
  /** A metric's overlaid chart once drawn; it loads only when seen, so it is scrolled into view first. */
  async function chart(metric: string) {
    await h.page.locator(`[data-metric=${metric}]`).scrollIntoViewIfNeeded();
    const drawn = h.page.locator(`[data-testid=metric-chart][data-key=${metric}][data-state=ready]`);
    await drawn.waitFor();
    return drawn;
  }
  const marks = (selector: string) => h.page.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute('data-run')));

  it('opens the runs selected in the job list', async () => {
    await h.open('/jobs?experiment=studio-compare');
    for (let i = 0; i < jobs.length; i++) await h.page.locator(`[data-testid=job-row][data-run-id="${id(i)}"] input[type=checkbox]`).check();
    const compare = h.page.getByTestId('compare-button');
    await eventually(async () => assert.match(await compare.innerText(), /Compare 3/));
    await compare.click();
    await h.page.waitForURL((url) => url.pathname === '/compare');
    assert.deepEqual([...runsInUrl()].sort(), jobs.map((j) => j.name).sort());
    await h.page.locator('[data-testid=compare-page][data-state=ready][data-runs="3"]').waitFor();
    assert.equal(await h.page.getByTestId('compare-run').count(), 3);
  });

  it('marks the param that differs and not the one that is equal', async () => {
    await h.open(`/compare?runs=${jobs.map((j) => j.name).join(',')}`);
    const table = h.page.getByTestId('compare-table');
    await table.locator('tr[data-key]').first().waitFor();
    assert.deepEqual(await table.locator('tr[data-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key'))), [
      'params.lr',
      'params.optimizer',
      'metrics.a_seed',
      'metrics.acc',
      'metrics.loss',
    ]);
    assert.equal(await table.locator('tr.diff[data-key="params.lr"]').count(), 1);
    assert.equal(await table.locator('tr.diff[data-key="params.optimizer"]').count(), 0);
    assert.equal(await table.locator('tr[data-key="params.optimizer"][data-diff=false]').count(), 1);
    // A column per run, in the URL's order.
    assert.deepEqual(await table.locator('tr[data-key="params.lr"] td:not(.key-cell)').allInnerTexts(), ['0.1', '0.2', '0.4']);
    assert.deepEqual(await table.locator('tr[data-key="params.optimizer"] td:not(.key-cell)').allInnerTexts(), ['adam', 'adam', 'adam']);
    // "Only differences" hides the equal row.
    await h.page.getByTestId('only-diff').check();
    await eventually(async () => assert.equal(await table.locator('tr[data-key]').count(), 3));
    assert.equal(await table.locator('tr[data-key="params.optimizer"]').count(), 0);
    assert.equal(new URL(h.page.url()).searchParams.get('diff'), '1');
  });

  it('overlays one line per run and draws a mark per run in both plots', async () => {
    await h.open(`/compare?runs=${jobs.map((j) => j.name).join(',')}`);
    const loss = await chart('loss');
    assert.equal(await loss.getAttribute('data-series'), '3');
    assert.equal(await loss.getAttribute('data-points'), String(RUNS.reduce((n, r) => n + r.steps, 0)));
    // acc was logged once per run: a list of values, not a chart.
    assert.equal(await h.page.locator('[data-testid=metric-single][data-key=acc] li').count(), 3);

    const pc = h.page.getByTestId('parallel-coordinates');
    await pc.scrollIntoViewIfNeeded();
    // By default: the params that differ and every metric.
    assert.equal(await pc.getAttribute('data-axes'), 'params.lr,metrics.a_seed,metrics.acc,metrics.loss');
    assert.deepEqual(
      await marks('[data-testid=parallel-coordinates] g.pc-run'),
      jobs.map((j) => j.name),
    );
    assert.equal(await pc.locator('g.pc-run circle').count(), 12, 'each run crosses the four axes');

    const scatter = h.page.getByTestId('scatter');
    await scatter.scrollIntoViewIfNeeded();
    // By default X is the first param that differs, Y the first metric that differs (a_seed,
    // first by name, is the same for every run).
    assert.equal(await scatter.getAttribute('data-x'), 'params.lr');
    assert.equal(await scatter.getAttribute('data-y'), 'metrics.acc');
    assert.deepEqual(
      await marks('[data-testid=scatter] circle[data-run]'),
      jobs.map((j) => j.name),
    );
    // acc = 0.5 + lr: the points rise left to right (SVG y grows downwards).
    const at = await scatter.locator('circle[data-run]').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('cx')), Number(e.getAttribute('cy'))] as const));
    for (let i = 1; i < at.length; i++) {
      assert.ok((at[i] as readonly number[])[0]! > (at[i - 1] as readonly number[])[0]!, 'x grows with lr');
      assert.ok((at[i] as readonly number[])[1]! < (at[i - 1] as readonly number[])[1]!, 'y grows with acc');
    }
    await h.page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await h.screenshot('compare', '[data-testid=metric-chart][data-key=loss][data-state=ready]');
  });

  it('taking a run out updates the URL, the table, the chart and the plots', async () => {
    await h.open(`/compare?runs=${jobs.map((j) => j.name).join(',')}`);
    await chart('loss');
    await h.page.locator(`[data-testid=compare-run][data-run-id="${id(1)}"] [data-testid=remove-run]`).click();
    await eventually(async () => assert.deepEqual(runsInUrl(), [id(0), id(2)]));
    await h.page.locator('[data-testid=compare-page][data-runs="2"]').waitFor();
    assert.equal(await h.page.getByTestId('compare-run').count(), 2);
    assert.deepEqual(await h.page.locator('[data-testid=compare-table] tr[data-key="params.lr"] td:not(.key-cell)').allInnerTexts(), ['0.1', '0.4']);
    const loss = await chart('loss');
    await eventually(async () => {
      assert.equal(await loss.getAttribute('data-series'), '2');
      assert.equal(await loss.getAttribute('data-points'), String(RUNS[0].steps + RUNS[2].steps));
    });
    assert.deepEqual(await marks('[data-testid=parallel-coordinates] g.pc-run'), [id(0), id(2)]);
    assert.deepEqual(await marks('[data-testid=scatter] circle[data-run]'), [id(0), id(2)]);
    // Back returns to the three runs (a removal is a history entry).
    await h.page.goBack();
    await h.page.locator('[data-testid=compare-page][data-runs="3"]').waitFor();
    assert.equal(runsInUrl().length, 3);
  });

  it('raised no uncaught errors in the page', () => {
    assert.deepEqual(h.pageErrors, []);
  });
});
