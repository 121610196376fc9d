// Studio's sweep tab in Chromium against a real server running a real grid sweep whose trials
// are Python processes logging with `mlflow`: the tab is the sweep page's default, it follows the
// sweep live to its end, lists the trials best first with their scores, parameters (a sub-space
// as JSON) and the reason the median stopping policy gave for the trial it stopped, and draws
// the primary metric of every trial, the best-so-far curve and parameters against score.
// Screenshots (light and dark) of the tab.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobResource } from '@lathe/api';
import { eventually } from './eventually.js';
import { startStudio, type StudioHarness } from './studio-harness.js';

// Grid order is the order listed: trials 0, 1, 2 get x = 2, 3, 1 and log acc = x/10 + step/100
// for three steps. They run one at a time, so the policy's decisions are fixed: trial 0 runs
// alone; trial 1 beats the median at every interval; trial 2's 0.1 is below the median (0.2) of
// the three trials' first-interval averages, and it is slow after its first value, so it is
// still running when judged and is stopped at interval 1. Trial 1 (the best) waits for a gate
// file before it logs, so the test sees the sweep half-way on an open page, then the rest arrive.
const TRAIN_PY = `import argparse, os, time
import mlflow

parser = argparse.ArgumentParser()
parser.add_argument("--x", type=int, required=True)
args = parser.parse_args()

def gate(name):
    path = os.path.join(os.environ["GATE_DIR"], name)
    deadline = time.time() + 300
    while not os.path.exists(path):
        if time.time() > deadline:
            raise SystemExit(f"{name} never opened")
        time.sleep(0.05)

if args.x == 3:
    gate("best")
for step in range(3):
    mlflow.log_metric("acc", args.x / 10 + step / 100, step=step, synchronous=True)
    time.sleep(300 if args.x == 1 else 0.2)
`;

const sweepJob = (gateDir: string) => `$schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json
type: sweep
experiment_name: studio-sweep
display_name: sweep-grid
trial:
  code: src
  command: python train.py --x \${{search_space.x}}
  environment:
    image: library/python:latest
  environment_variables:
    GATE_DIR: ${gateDir}
sampling_algorithm: grid
search_space:
  x:
    type: choice
    values: [2, 3, 1]
  opt:
    type: choice
    values: [adam]
  model:
    type: choice
    values: [{kind: mlp, depth: 2}]
objective:
  primary_metric: acc
  goal: maximize
limits:
  max_total_trials: 3
  max_concurrent_trials: 1
early_termination:
  type: median_stopping
  evaluation_interval: 1
  delay_evaluation: 1
`;

const TAB = '[data-testid=job-sweep]';

describe('Studio sweep tab', () => {
  let h: StudioHarness;
  let sweep: JobResource;
  const trial = (index: number) => `${sweep.name}_${index}`;
  const openGate = () => writeFile(join(h.scratch, 'best'), '');
  const cells = (col: string) => h.page.locator(`[data-testid=trial-row] [data-col="${col}"]`).allInnerTexts();

  before(async () => {
    h = await startStudio();
    sweep = await h.submitJob({ 'job.yml': sweepJob(h.scratch), 'src/train.py': TRAIN_PY });
  });
  after(async () => {
    // A failed run may leave trials waiting: open the gate and cancel the sweep so the server closes quickly.
    if (h) await openGate();
    if (sweep) await h?.client.cancelJob(sweep.name).catch(() => undefined);
    await h?.close();
  });

  it('opens on the trials and follows the sweep live to its end', async () => {
    await h.open(`/jobs/${sweep.name}`);
    await h.page.evaluate(() => ((globalThis as unknown as { lathePageMark: boolean }).lathePageMark = true));
    await h.page.locator(TAB).waitFor();
    assert.equal(await h.page.locator('[data-tab=trials]').getAttribute('aria-selected'), 'true', 'Trials is the default tab of a sweep');
    // Half-way: trial 0 scored, trial 1 held at the gate, so trial 0 is the best so far.
    await h.page.locator(`${TAB}[data-status=Running][data-trials="2"]`).waitFor({ timeout: 120_000 });
    await eventually(async () => assert.deepEqual(await cells('status'), ['Completed', 'Running']), { timeoutMs: 120_000 });
    assert.deepEqual(await cells('score'), ['0.22', '—']);
    assert.equal(await h.page.getByTestId('sweep-best').getAttribute('data-trial'), trial(0));
    await h.page.locator('[data-testid=sweep-metric-chart] [data-testid=metric-chart][data-series="1"][data-state=ready]').waitFor();

    await openGate();
    const ended = await h.waitForJob(sweep.name, 300_000);
    assert.equal(ended.status, 'Completed');
    await h.page.locator(`${TAB}[data-status=Completed][data-trials="3"]`).waitFor({ timeout: 60_000 });
    // Every trial's final row, the new best and its line reached the open page without a reload.
    await eventually(async () => assert.deepEqual(await cells('status'), ['Completed', 'Completed', 'Canceled']));
    await eventually(async () => assert.equal(await h.page.getByTestId('sweep-best').getAttribute('data-trial'), trial(1)));
    await h.page.locator('[data-testid=sweep-metric-chart] [data-testid=metric-chart][data-series="3"][data-highlight="#1"]').waitFor();
    assert.equal(await h.page.evaluate(() => (globalThis as unknown as { lathePageMark?: boolean }).lathePageMark === true), true, 'the page was not reloaded');
  });

  it('lists the trials best first with scores, parameters and the stop reason', async () => {
    await h.open(`/jobs/${sweep.name}`);
    const rows = h.page.getByTestId('trial-row');
    await eventually(async () => assert.equal(await rows.count(), 3));
    assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-trial'))), [trial(1), trial(0), trial(2)]);
    assert.deepEqual(await cells('score'), ['0.32', '0.22', '0.1']);
    assert.deepEqual(await cells('intervals'), ['3', '3', '1']);
    assert.deepEqual(await cells('param:x'), ['3', '2', '1']);
    assert.deepEqual(await cells('param:opt'), ['adam', 'adam', 'adam']);
    assert.deepEqual(await cells('param:model'), Array(3).fill('{"kind":"mlp","depth":2}'));
    const reasons = await cells('stop-reason');
    assert.deepEqual(reasons.slice(0, 2), ['', '']);
    assert.match(reasons[2] ?? '', /^median_stopping: best 0\.10 at interval 1 is worse than the median 0\.20 of the running averages of 3 trials\b/);
    assert.equal(await rows.first().getAttribute('data-best'), 'true');
    assert.deepEqual(await h.page.locator('[data-testid=sweep-trials] thead th').allInnerTexts(), ['Trial', 'Status', 'acc', 'Intervals', 'x', 'opt', 'model', 'Stopped because']);

    const summary = h.page.getByTestId('sweep-summary');
    const field = async (name: string) => (await summary.locator(`[data-field=${name}] .sweep-field-value`).innerText()).trim();
    assert.equal(await field('sampling'), 'grid');
    assert.equal(await field('trials'), '3 of 3');
    assert.equal(await field('concurrency'), '1 at a time');
    assert.equal(await field('early-termination'), 'median_stopping');
    assert.equal(await field('objective'), 'maximize acc');
    assert.equal(await summary.getByTestId('sweep-best-score').innerText(), '0.32');
    assert.equal(await summary.getByTestId('sweep-best-parameters').innerText(), 'x=3, opt=adam, model={"kind":"mlp","depth":2}');
    // The best trial's link opens its own job page, which has no Trials tab.
    await summary.locator(`a[href="/jobs/${trial(1)}"]`).click();
    await h.page.waitForURL((url) => url.pathname === `/jobs/${trial(1)}`);
    await h.page.getByTestId('job-overview').waitFor();
    assert.equal(await h.page.locator('[data-tab=trials]').count(), 0);
  });

  it('charts every trial, the best so far and parameters against score', async () => {
    await h.open(`/jobs/${sweep.name}?tab=trials`);
    const chart = h.page.locator('[data-testid=sweep-metric-chart] [data-testid=metric-chart][data-state=ready]');
    await chart.waitFor();
    assert.equal(await chart.getAttribute('data-series'), '3', 'one line per trial');
    assert.equal(await chart.getAttribute('data-points'), '7', 'every value each trial logged');
    assert.equal(await chart.getAttribute('data-highlight'), '#1', 'the best trial is highlighted');

    const best = h.page.getByTestId('best-so-far');
    await best.waitFor();
    assert.equal(await best.getAttribute('data-points'), '3');
    assert.deepEqual(await best.locator('circle.point').evaluateAll((els) => els.map((e) => e.getAttribute('data-trial'))), [trial(0), trial(1), trial(2)]);
    assert.equal(await best.locator('circle.point.best').getAttribute('data-trial'), trial(1));
    // Two steps of the curve: trial 0's score, then trial 1's, held through trial 2.
    assert.match((await best.locator('path.best-line').getAttribute('d')) ?? '', /^M[\d.]+,[\d.]+H[\d.]+V[\d.]+H[\d.]+V[\d.]+$/);

    const pc = h.page.getByTestId('parallel-coordinates');
    await pc.waitFor();
    assert.equal(await pc.getAttribute('data-axes'), 'param:x,param:opt,param:model,score');
    assert.deepEqual(await pc.locator('.pc-axis').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))), ['number', 'category', 'category', 'number']);
    assert.equal(await pc.locator('.pc-run').count(), 3);
    assert.equal(await pc.locator('.pc-run.best').getAttribute('data-run'), trial(1));
    // Every trial crosses every axis: four points each.
    assert.deepEqual(await pc.locator('.pc-run').evaluateAll((els) => els.map((e) => e.querySelectorAll('circle').length)), [4, 4, 4]);
    await h.screenshot('sweep-trials', '[data-testid=sweep-metric-chart] [data-testid=metric-chart][data-state=ready]');

    // In a narrow window the table scrolls in its own box and the plots shrink: the page itself never scrolls sideways.
    await h.page.setViewportSize({ width: 800, height: 900 });
    try {
      await h.open(`/jobs/${sweep.name}`);
      await h.page.getByTestId('parallel-coordinates').waitFor();
      await chart.waitFor();
      const { scrollWidth, clientWidth } = await h.page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
      });
      assert.ok(scrollWidth <= clientWidth, `the sweep page is ${scrollWidth} px wide in a ${clientWidth} px window`);
    } finally {
      await h.page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('shows a sweep with no trials, and trials with odd values, without breaking', async () => {
    const real = await h.client.getSweep(sweep.name);
    let answer: unknown = { ...real, trials: [], best: null };
    await h.page.route(`**/jobs/${sweep.name}/sweep`, (route) => route.fulfill({ json: answer }));
    try {
      await h.open(`/jobs/${sweep.name}`);
      await h.page.getByTestId('sweep-summary').waitFor();
      assert.match(await h.page.getByTestId('empty-state').innerText(), /No trials yet/);
      assert.equal((await h.page.locator('[data-field=trials] .sweep-field-value').innerText()).trim(), '0 of 3');
      assert.match(await h.page.locator('[data-field=best]').innerText(), /none scored yet/);

      // A nested value, no parameters at all, no score, a trial whose series does not exist, junk.
      const odd = (name: string, index: number, parameters: unknown, score: unknown, intervals: number) => ({
        name,
        index,
        status: 'Running',
        parameters,
        score,
        intervals,
        stop_reason: null,
        started_at: null,
        ended_at: null,
      });
      answer = { ...real, best: null, trials: [odd('odd_0', 0, { x: { deep: [1, 2] }, s: 'a' }, 0.5, 2), odd('odd_1', 1, null, null, 0), 'junk', null] };
      await h.open(`/jobs/${sweep.name}`);
      const rows = h.page.getByTestId('trial-row');
      await eventually(async () => assert.equal(await rows.count(), 2));
      assert.deepEqual(await cells('param:x'), ['{"deep":[1,2]}', '—']);
      assert.deepEqual(await cells('score'), ['0.5', '—']);
      await h.page.getByText('No values of acc could be read.').waitFor();
      assert.equal(await h.page.getByTestId('best-so-far').getAttribute('data-points'), '1');
      assert.equal(await h.page.locator('[data-testid=parallel-coordinates] .pc-run').count(), 2);
    } finally {
      await h.page.unroute(`**/jobs/${sweep.name}/sweep`);
    }
  });

  it('raised no uncaught errors in the page', () => {
    assert.deepEqual(h.pageErrors, []);
  });
});
