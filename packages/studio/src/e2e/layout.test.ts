// Studio's layout in Chromium against a real server, at 800 px wide and at 1280: real Python jobs
// with long display names, param and metric keys, reading a data asset with a long name and
// writing a model registered with a long description. Nothing may push the page wider than the
// window, and no name may be cut: the rail narrows to key letters, wide tables scroll inside their
// card, lineage boxes grow to hold their names, and parallel-coordinate titles wrap inside the plot.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { registerAsset } from '@lathe/sdk';
import type { Locator, Page } from 'playwright-core';
import { startStudio, type StudioHarness } from './studio-harness.js';

const TRAIN_PY = `import argparse, os
import mlflow
p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--rate", type=float, required=True)
p.add_argument("--model", required=True)
a = p.parse_args()
with mlflow.start_run():
    mlflow.log_params({"learning_rate_schedule_warmup_fraction": a.rate, "optimizer_momentum_with_nesterov_correction": a.rate * 2})
    mlflow.log_metric("validation_accuracy_at_top_five_predictions", 0.5 + a.rate)
with open(os.path.join(a.model, "model.txt"), "w") as f:
    f.write(open(a.data).read())
`;

describe('Studio layout', () => {
  let h: StudioHarness;
  const jobs: string[] = [];
  const DATA = 'customer-churn-measurements-from-the-northern-region';
  const MODEL = 'churn-classifier-gradient-boosted-with-calibration';

  before(async () => {
    h = await startStudio();
    const dir = join(h.scratch, 'data');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'churn.csv'), 'a,b\n1,2\n');
    for (const v of ['1', '2', '3']) {
      await registerAsset(
        h.client,
        'data',
        { name: DATA, version: v, type: 'uri_file', path: 'churn.csv', description: `version ${v} of the churn measurements, gathered over a long quarter from every store in the region` },
        { baseDir: dir, file: 'data.yml' },
      );
    }
    for (const rate of [0.1, 0.3]) {
      const job = await h.submitJob({
        'job.yml': `code: src\ncommand: python train.py --data \${{inputs.churn}} --rate ${rate} --model \${{outputs.model}}\nexperiment_name: layout\ndisplay_name: train-churn-classifier-with-warmup-rate-${rate}-and-calibration\ninputs:\n  churn:\n    type: uri_file\n    path: azureml:${DATA}:1\noutputs:\n  model:\n    type: uri_folder\n`,
        'src/train.py': TRAIN_PY,
      });
      jobs.push(job.name);
    }
    for (const job of jobs) {
      const ended = await h.waitForJob(job);
      assert.equal(ended.status, 'Completed', await h.client.getLogs(job));
    }
    await registerAsset(
      h.client,
      'model',
      { name: MODEL, path: `azureml://jobs/${jobs[0]}/outputs/model/paths/`, description: 'a long description of the model, to see how the versions card copes with it when the page is narrow' },
      { baseDir: h.scratch, file: 'model.yml' },
    );
  });
  after(async () => {
    await h?.close();
  });

  /** The box of each element `locator` matches, as the page lays it out. */
  async function boxes(locator: Locator): Promise<Box[]> {
    return locator.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })));
  }
  async function box(locator: Locator): Promise<Box> {
    const [only] = await boxes(locator);
    assert.ok(only, 'the element is on the page');
    return only;
  }
  /** `inner` lies within `outer` (half a pixel of rounding allowed). */
  function assertInside(inner: Box, outer: Box, what: string): void {
    const inside = inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
    assert.ok(inside, `${what}: ${JSON.stringify(inner)} is not inside ${JSON.stringify(outer)}`);
  }
  async function pageWidths(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
    return page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
    });
  }

  /** Every kind of page, each with what shows that it finished loading. */
  const pages = () => [
    { path: '/jobs', ready: '[data-testid=job-list][data-state=ready] [data-testid=job-row]' },
    { path: `/jobs/${jobs[0]}`, ready: '[data-testid=outputs-table] a' },
    { path: `/data/${DATA}/1`, ready: '[data-testid=lineage][data-state=ready] [data-node]' },
    { path: `/models/${MODEL}`, ready: '[data-testid=lineage][data-state=ready] [data-node]' },
    { path: `/compare?runs=${jobs.join(',')}`, ready: '[data-testid=parallel-coordinates]' },
    { path: '/data', ready: '[data-testid=asset-table][data-state=ready] [data-testid=asset-row]' },
    { path: '/experiments', ready: '[data-testid=experiment-table][data-state=ready] [data-testid=experiment-row]' },
  ];

  it('at 800 px the rail narrows to key letters and no page scrolls sideways', async () => {
    await h.page.setViewportSize({ width: 800, height: 900 });
    for (const { path, ready } of pages()) {
      await h.open(path);
      await h.page.locator(ready).first().waitFor();
      const { scrollWidth, clientWidth } = await pageWidths(h.page);
      assert.ok(scrollWidth <= clientWidth, `${path} is ${scrollWidth} px wide in a ${clientWidth} px window`);
    }
    const rail = await box(h.page.getByTestId('rail'));
    assert.ok(rail.right - rail.left <= 64, `the rail is ${rail.right - rail.left} px wide`);
    // Each entry shows its key and keeps its label as its name and tooltip.
    const jobsLink = h.page.getByRole('link', { name: 'Jobs', exact: true });
    assert.equal(await jobsLink.innerText(), 'J');
    assert.match((await jobsLink.getAttribute('title')) ?? '', /^Jobs/);
    await h.page.getByRole('link', { name: 'Models', exact: true }).click();
    await h.page.waitForURL((url) => url.pathname === '/models');
    await h.screenshot('layout-800-model', '[data-testid=asset-table][data-state=ready]');
  });

  it('at 1280 px the rail shows its labels', async () => {
    await h.page.setViewportSize({ width: 1280, height: 900 });
    await h.open('/jobs');
    const rail = await box(h.page.getByTestId('rail'));
    assert.ok(rail.right - rail.left >= 150, `the rail is ${rail.right - rail.left} px wide`);
    assert.equal(await h.page.getByRole('link', { name: 'Jobs', exact: true }).innerText(), 'Jobs');
  });

  for (const width of [1280, 800]) {
    it(`at ${width} px the Versions card holds its whole table`, async () => {
      await h.page.setViewportSize({ width, height: 900 });
      await h.open(`/models/${MODEL}`);
      await h.page.locator('[data-testid=asset-page][data-state=ready] .versions-panel td').first().waitFor();
      // The card and its cells are measured in one frame, so a card still growing is not seen as clipping.
      const measured = await h.page.locator('.versions-panel').evaluate((panel) => {
        const rect = (e: { getBoundingClientRect(): Box }) => {
          const r = e.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        };
        return { panel: rect(panel), cells: [...panel.querySelectorAll('th, td')].map(rect) };
      });
      assert.ok(measured.cells.length > 2, 'the card shows its versions');
      for (const cell of measured.cells) assertInside(cell, measured.panel, 'a Versions cell');
      // The description, cut short in the card, is whole in its tooltip.
      assert.match((await h.page.locator('[data-testid=version-row] td.desc-cell').getAttribute('title')) ?? '', /when the page is narrow$/);
    });

    it(`at ${width} px lineage names are whole, inside their boxes`, async () => {
      await h.page.setViewportSize({ width, height: 900 });
      await h.open(`/models/${MODEL}`);
      const lineage = h.page.locator('[data-testid=lineage][data-state=ready]');
      await lineage.locator('[data-node]').first().waitFor();
      const names = new Map<string, string>([
        [`data:${DATA}:1`, `${DATA}:1`],
        [`job:${jobs[0]}`, 'train-churn-classifier-with-warmup-rate-0.1-and-calibration'],
        [`model:${MODEL}:1`, `${MODEL}:1`],
      ]);
      for (const [id, name] of names) {
        const node = lineage.locator(`[data-node="${id}"]`);
        const label = node.locator('.lnode-name');
        assert.equal(await label.innerText().then((t) => t.replace(/\s/g, '')), name);
        assertInside(await box(label), await box(node), `the name of ${id}`);
        const clipped = await label.evaluate((e) => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight);
        assert.equal(clipped, false, `the name of ${id} is cut`);
        assert.ok(((await node.getAttribute('title')) ?? '').includes(name.replace(/:1$/, '')), `the tooltip of ${id} names it`);
      }
      // On the job's page, the names it read and wrote stay in their own columns.
      await h.open(`/jobs/${jobs[0]}`);
      const edges = h.page.locator('[data-testid=job-lineage] .lineage-column');
      await edges.first().locator('a').waitFor();
      for (let i = 0; i < (await edges.count()); i++) {
        const column = edges.nth(i);
        for (const link of await boxes(column.locator('a'))) assertInside(link, await box(column), 'a lineage name on the job page');
      }
    });

    it(`at ${width} px parallel-coordinate titles are whole, inside the plot`, async () => {
      await h.page.setViewportSize({ width, height: 900 });
      await h.open(`/compare?runs=${jobs.join(',')}`);
      const plot = h.page.getByTestId('parallel-coordinates');
      await plot.waitFor();
      const titles = plot.locator('.pc-axis-title');
      assert.equal(await titles.count(), 3);
      // The plot and its titles are measured in one frame: the page above it may still be
      // settling (tables filling in), which moves both together but not between two measurements.
      const measured = await plot.evaluate((svg) => {
        const rect = (e: { getBoundingClientRect(): Box }) => {
          const r = e.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        };
        const titles = [...svg.querySelectorAll('.pc-axis-title')].map((t) => ({
          key: t.getAttribute('data-title'),
          text: [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(''),
          box: rect(t),
        }));
        return { svg: rect(svg), titles };
      });
      for (const title of measured.titles) {
        assert.equal(title.text, title.key);
        assertInside(title.box, measured.svg, `the title of ${title.key}`);
      }
      if (width === 800) await h.screenshot('layout-800-compare', '[data-testid=parallel-coordinates]');
    });
  }

  it('raised no uncaught errors in the page', () => {
    assert.deepEqual(h.pageErrors, []);
  });
});

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
