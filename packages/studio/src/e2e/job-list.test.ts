// Studio's job list in Chromium against a real server running real Python jobs that log with
// `mlflow` (the platform's shipped client): statuses, live updates, status chips, the metric
// filter, sorting, the column picker, compare, the empty state, and the list surviving a visit
// to a job. Screenshots (light and dark) go to test-output/studio/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobResource } from '@lathe/api';
import { eventually } from './eventually.js';
import { readJobList, type JobListView } from './job-list-view.js';
import { startStudio, type StudioHarness } from './studio-harness.js';

const TRAIN_PY = `import argparse
import mlflow

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, required=True)
parser.add_argument("--acc", type=float, required=True)
parser.add_argument("--fail", action="store_true")
args = parser.parse_args()
with mlflow.start_run():
    mlflow.log_params({"lr": args.lr, "optimizer": "sgd"})
    for step in range(3):
        loss = args.lr * 10 / (step + 1)
        mlflow.log_metric("loss", loss, step=step)
        print(f"step {step} loss {loss:.4f}", flush=True)
    mlflow.log_metric("acc", args.acc)
    print(f"accuracy {args.acc}", flush=True)
    if args.fail:
        raise SystemExit("diverged: the loss went to nan")
`;

/** A command job running train.py with its own learning rate and final accuracy. */
// Named, not given a generated name, whose random words could hold the filter's words.
function trainingJob(name: string, lr: number, acc: number, fail = false): Record<string, string> {
  const yaml = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
code: src
command: python train.py --lr ${lr} --acc ${acc}${fail ? ' --fail' : ''}
experiment_name: studio-e2e
display_name: ${name}
name: job-${name}-${Date.now()}
`;
  return { 'job.yml': yaml, 'src/train.py': TRAIN_PY };
}

const ROWS_READY = '[data-testid=job-list][data-state=ready] [data-testid=job-row]';

describe('Studio job list', () => {
  let h: StudioHarness;
  before(async () => {
    h = await startStudio();
  });
  after(async () => {
    await h?.close();
  });

  /** Waits until the list is ready and shows rows named `names` (in that order when `ordered`). */
  function listShows(names: string[], options: { ordered?: boolean; check?: (view: JobListView) => void } = {}): Promise<JobListView> {
    return eventually(async () => {
      const view = await readJobList(h.page);
      assert.ok(view, 'the job list is on the page');
      assert.equal(view.state, 'ready');
      options.check?.(view);
      const shown = view.rows.map((r) => r.name);
      assert.deepEqual(options.ordered ? shown : [...shown].sort(), options.ordered ? names : [...names].sort());
      return view;
    });
  }

  function query(name: string): string | null {
    return new URL(h.page.url()).searchParams.get(name);
  }

  it('shows the empty state with the command to run on a fresh server', async () => {
    await h.open('/jobs');
    const empty = h.page.getByTestId('empty-state');
    await empty.waitFor();
    assert.match(await empty.innerText(), /lathe job create --file \S+\.yml/);
    assert.equal(await h.page.getByTestId('job-list').count(), 0);
    await h.screenshot('job-list-empty', '[data-testid=empty-state]');
  });

  describe('with real jobs', () => {
    const jobs = new Map<string, JobResource>();
    const id = (name: string) => (jobs.get(name) as JobResource).name;

    before(async () => {
      for (const [name, lr, acc, fail] of [
        ['alpha', 0.1, 0.62, false],
        ['bravo', 0.01, 0.91, false],
        ['charlie', 1, 0.12, true],
      ] as const) {
        jobs.set(name, await h.submitJob(trainingJob(name, lr, acc, fail)));
      }
      for (const [name, job] of jobs) {
        const ended = await h.waitForJob(job.name);
        const expected = name === 'charlie' ? 'Failed' : 'Completed';
        assert.equal(ended.status, expected, `${name}: ${ended.error?.message ?? ''}\n${await h.client.getLogs(job.name)}`);
        jobs.set(name, ended);
      }
    });

    it('lists every job with its status', async () => {
      await h.open('/jobs');
      const view = await listShows(['alpha', 'bravo', 'charlie']);
      assert.equal(view.total, 3);
      const statuses = Object.fromEntries(view.rows.map((r) => [r.name, r.status]));
      assert.deepEqual(statuses, { alpha: 'Completed', bravo: 'Completed', charlie: 'Failed' });
      for (const row of view.rows) assert.equal(row.id, id(row.name), 'a row is its job (run id = job name)');
      await h.screenshot('job-list', ROWS_READY);
    });

    it("the type filter offers the server's job kinds", async () => {
      await h.open('/jobs');
      await listShows(['alpha', 'bravo', 'charlie']);
      const kinds = (await h.client.listJobKinds()).value.map((k) => k.type);
      const select = h.page.getByLabel('Type');
      await eventually(async () => assert.deepEqual(await select.locator('option').allTextContents(), ['Any type', ...kinds]));
    });

    it('status chips narrow the list to those statuses', async () => {
      await h.open('/jobs');
      await listShows(['alpha', 'bravo', 'charlie']);
      const failed = h.page.getByTestId('status-chip-Failed');
      const completed = h.page.getByTestId('status-chip-Completed');
      await failed.click();
      await listShows(['charlie'], { check: (v) => assert.deepEqual(v.query.statuses, ['Failed']) });
      assert.equal(query('status'), 'Failed');
      assert.equal(await failed.getAttribute('aria-checked'), 'true');
      await completed.click();
      await listShows(['alpha', 'bravo', 'charlie'], { check: (v) => assert.deepEqual(v.query.statuses, ['Failed', 'Completed']) });
      await failed.click();
      await listShows(['alpha', 'bravo'], { check: (v) => assert.deepEqual(v.query.statuses, ['Completed']) });
      assert.equal(query('status'), 'Completed');
    });

    it('a metric filter typed in the filter box narrows the rows', async () => {
      await h.open('/jobs');
      await listShows(['alpha', 'bravo', 'charlie']);
      const box = h.page.getByTestId('filter-input');
      await box.fill('metrics.acc > 0.8');
      await box.press('Enter');
      await listShows(['bravo'], { check: (v) => assert.equal(v.query.filter, 'metrics.acc > 0.8') });
      assert.equal(query('filter'), 'metrics.acc > 0.8');
      await box.fill("metrics.acc < 0.7 and params.optimizer = 'sgd'");
      await box.press('Enter');
      await listShows(['alpha', 'charlie'], { check: (v) => assert.equal(v.query.filter, "metrics.acc < 0.7 and params.optimizer = 'sgd'") });
    });

    it('plain words in the filter box match the run name or the job name, as in MLflow', async () => {
      await h.open('/jobs');
      await listShows(['alpha', 'bravo', 'charlie']);
      const box = h.page.getByTestId('filter-input');
      await box.fill('BRAV');
      await box.press('Enter');
      await listShows(['bravo'], { check: (v) => assert.equal(v.query.filter, 'BRAV') });
      // Every word must appear: "ar" and "li" are both in charlie only.
      await box.fill('ar li');
      await box.press('Enter');
      await listShows(['charlie'], { check: (v) => assert.equal(v.query.filter, 'ar li') });
      // A job with a display name is found by its own name too, in any case.
      const own = id('bravo').toUpperCase();
      await box.fill(own);
      await box.press('Enter');
      await listShows(['bravo'], { check: (v) => assert.equal(v.query.filter, own) });
    });

    it('a filter the server refuses shows its error and no rows', async () => {
      await h.open('/jobs');
      await listShows(['alpha', 'bravo', 'charlie']);
      const box = h.page.getByTestId('filter-input');
      await box.fill('metrics.acc >');
      await box.press('Enter');
      const banner = h.page.locator('.error-banner[role=alert]');
      await banner.waitFor();
      assert.match(await banner.innerText(), /LATHE_BAD_REQUEST|INVALID_PARAMETER_VALUE/);
      await eventually(async () => assert.equal(await h.page.getByTestId('job-row').count(), 0, 'the unfiltered rows are gone'));
      assert.equal(await h.page.getByTestId('job-list').count(), 0);
      assert.match(await h.page.getByTestId('empty-state').innerText(), /filter was not applied/);
      // A good filter after it lists again.
      await box.fill('metrics.acc > 0.8');
      await box.press('Enter');
      await listShows(['bravo']);
    });

    it('shows the recent metrics as columns by default, and any metric the filter or sort uses', async () => {
      await h.open('/jobs');
      await listShows(['alpha', 'bravo', 'charlie'], { check: (v) => assert.equal(v.query.columns?.length ?? 0, 0) });
      const header = (label: string) => h.page.locator(`[data-testid=job-list-scroll] [title="Sort by ${label}"]`);
      await header('acc').waitFor();
      await header('loss').waitFor();
      const cell = (name: string, col: string) => h.page.locator(`[data-testid=job-row][data-run-id="${id(name)}"] [data-col="${col}"]`);
      assert.equal((await cell('bravo', 'metrics.acc').innerText()).trim(), '0.91');
      // With the columns picked (none), a metric the filter uses is shown all the same, and one the sort uses.
      await h.open(`/jobs?cols=none&filter=${encodeURIComponent('metrics.acc > 0.5')}`);
      await listShows(['alpha', 'bravo']);
      await header('acc').waitFor();
      assert.equal(await header('loss').count(), 0);
      await h.open('/jobs?cols=none&order=metrics.loss%20DESC');
      await listShows(['alpha', 'bravo', 'charlie']);
      await header('loss').waitFor();
      assert.equal(await header('acc').count(), 0);
    });

    it('the column picker adds a metric column', async () => {
      await h.open('/jobs?cols=none');
      await listShows(['alpha', 'bravo', 'charlie']);
      await h.page.getByTestId('columns-button').click();
      const picker = h.page.getByTestId('column-picker');
      await picker.waitFor();
      await picker.locator('label').filter({ hasText: /^acc$/ }).locator('input').check();
      await listShows(['alpha', 'bravo', 'charlie'], { check: (v) => assert.deepEqual(v.query.columns, ['metrics.acc']) });
      assert.equal(query('cols'), 'metrics.acc');
      await h.page.locator('[data-testid=job-list-scroll] [title="Sort by acc"]').waitFor();
      const cell = (name: string) => h.page.locator(`[data-testid=job-row][data-run-id="${id(name)}"] [data-col="metrics.acc"]`);
      assert.equal((await cell('bravo').innerText()).trim(), '0.91');
      assert.equal((await cell('alpha').innerText()).trim(), '0.62');
    });

    it('clicking a column header sorts by that column, again reverses it', async () => {
      await h.open('/jobs?cols=metrics.acc');
      await listShows(['alpha', 'bravo', 'charlie']);
      const acc = h.page.locator('[data-testid=job-list-scroll] [title="Sort by acc"]');
      await acc.click();
      await listShows(['bravo', 'alpha', 'charlie'], { ordered: true, check: (v) => assert.equal(v.query.order, 'metrics.acc DESC') });
      assert.equal(query('order'), 'metrics.acc DESC');
      assert.match(await acc.innerText(), /↓/);
      await acc.click();
      await listShows(['charlie', 'alpha', 'bravo'], { ordered: true, check: (v) => assert.equal(v.query.order, 'metrics.acc ASC') });
      assert.match(await acc.innerText(), /↑/);
      await h.page.locator('[data-testid=job-list-scroll] [title="Sort by Name"]').click();
      await listShows(['charlie', 'bravo', 'alpha'], { ordered: true, check: (v) => assert.equal(v.query.order, 'attributes.run_name DESC') });
    });

    it('keys work as soon as the page loads, without clicking the list first', async () => {
      await h.open('/jobs');
      await listShows(['alpha', 'bravo', 'charlie']);
      await h.page.keyboard.press('j');
      const cursor = h.page.locator('[data-testid=job-row].cursor');
      await cursor.waitFor();
      const first = (await readJobList(h.page))?.rows[0]?.id;
      assert.equal(await cursor.getAttribute('data-run-id'), first);
      await h.page.keyboard.press('x');
      await eventually(async () => assert.match(await h.page.getByTestId('compare-button').innerText(), /Compare 1/));
      await h.page.keyboard.press('x');
      await h.page.keyboard.press('Enter');
      await h.page.waitForURL((url) => url.pathname === `/jobs/${first}`);
    });

    it('selecting two runs and pressing Compare opens the comparison of those runs', async () => {
      await h.open('/jobs');
      await listShows(['alpha', 'bravo', 'charlie']);
      const compare = h.page.getByTestId('compare-button');
      assert.equal(await compare.isDisabled(), true, 'nothing selected yet');
      for (const name of ['alpha', 'bravo']) await h.page.locator(`[data-testid=job-row][data-run-id="${id(name)}"] input[type=checkbox]`).check();
      await eventually(async () => assert.match(await compare.innerText(), /Compare 2/));
      await compare.click();
      await h.page.waitForURL((url) => url.pathname === '/compare');
      assert.deepEqual((query('runs') ?? '').split(',').sort(), [id('alpha'), id('bravo')].sort());
    });

    it('keeps the list state when going to a job and back', async () => {
      await h.open('/jobs?cols=metrics.acc');
      await listShows(['alpha', 'bravo', 'charlie']);
      const box = h.page.getByTestId('filter-input');
      await box.fill('metrics.acc > 0.5');
      await box.press('Enter');
      await listShows(['alpha', 'bravo'], { check: (v) => assert.equal(v.query.filter, 'metrics.acc > 0.5') });
      await h.page.locator(`[data-testid=job-row][data-run-id="${id('bravo')}"] [data-col=name] a`).click();
      await h.page.waitForURL((url) => url.pathname === `/jobs/${id('bravo')}`);
      await h.page.goBack();
      await h.page.waitForURL((url) => url.pathname === '/jobs');
      assert.equal(query('filter'), 'metrics.acc > 0.5');
      assert.equal(query('cols'), 'metrics.acc');
      await listShows(['alpha', 'bravo'], { check: (v) => assert.equal(v.query.filter, 'metrics.acc > 0.5') });
      assert.equal(await box.inputValue(), 'metrics.acc > 0.5');
      await h.page.locator('[data-testid=job-list-scroll] [title="Sort by acc"]').waitFor();
    });

    // Last: it adds a job the tests above do not expect.
    it('a job submitted while the page is open appears and turns Completed without a reload', async () => {
      // Submit only once the page listens: the server subscribes before it answers /events.
      const listening = h.page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/events'));
      await h.open('/jobs');
      await listening;
      await listShows(['alpha', 'bravo', 'charlie']);
      // A reload would drop this mark.
      await h.page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true));
      const delta = await h.submitJob(trainingJob('delta', 0.05, 0.8));
      jobs.set('delta', delta);
      await listShows(['alpha', 'bravo', 'charlie', 'delta']);
      await eventually(
        async () => {
          const view = await readJobList(h.page);
          assert.equal(view?.rows.find((r) => r.id === delta.name)?.status, 'Completed');
        },
        { timeoutMs: 180_000 },
      );
      assert.equal(await h.page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument), true, 'the page was not reloaded');
      assert.equal((await h.waitForJob(delta.name)).status, 'Completed');
    });

    it('raised no uncaught errors in the page', () => {
      assert.deepEqual(h.pageErrors, []);
    });
  });
});
