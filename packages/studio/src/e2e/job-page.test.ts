// Studio's job page in Chromium against a real server running real Python jobs that log with
// `mlflow` (the platform's shipped client): the log tails live and the status turns Completed on
// the open page, the metric chart draws every point logged, the overview shows the command and
// params, outputs list and preview what the job wrote to ./outputs, a nested MLflow run is a
// child job, Cancel stops a running job and Re-submit runs a copy with an edited input.
// Screenshots (light and dark) of the overview, metrics, logs and outputs tabs.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobResource } from '@lathe/api';
import { eventually } from './eventually.js';
import { startStudio, type StudioHarness } from './studio-harness.js';

const STEPS = 50;
const HALF = STEPS / 2;

// Logs params and a metric per step and prints a line per step, a short sleep apart. Twice it
// waits for a gate file the test creates (halfway, and before it ends), so the test sees the log
// grow on an open page while the job is certainly still Running — on any machine, however slow.
// It also starts a nested run (a child job on the page) and writes a CSV to ./outputs.
const TRAIN_PY = `import argparse, os, time
import mlflow

parser = argparse.ArgumentParser()
parser.add_argument("--steps", type=int, required=True)
parser.add_argument("--lr", type=float, required=True)
args = parser.parse_args()

def gate(name):
    path = os.path.join(os.environ["GATE_DIR"], name)
    print(f"waiting for {name}", flush=True)
    deadline = time.time() + 300
    while not os.path.exists(path):
        if time.time() > deadline:
            raise SystemExit(f"{name} never opened")
        time.sleep(0.05)

print("starting training", flush=True)
with mlflow.start_run():
    mlflow.log_params({"lr": args.lr, "optimizer": "adam"})
    for step in range(args.steps):
        if step == args.steps // 2:
            gate("half")
        mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
        print(f"step {step} of {args.steps}", flush=True)
        time.sleep(0.1)
    mlflow.log_metric("best_step", args.steps - 1)
    with mlflow.start_run(nested=True, run_name="evaluation"):
        mlflow.log_metric("eval_acc", 0.93)
    os.makedirs("outputs", exist_ok=True)
    with open("outputs/predictions.csv", "w") as f:
        f.write("id,label,score\\n1,cat,0.91\\n2,dog,0.78\\n3,cat,0.66\\n")
    gate("end")
print("training finished", flush=True)
`;

/** A command job running train.py; the gates are files in `gateDir`. */
function trainingJob(gateDir: string): Record<string, string> {
  const yaml = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
code: src
command: python train.py --steps \${{inputs.steps}} --lr 0.01
inputs:
  steps: ${STEPS}
environment_variables:
  GATE_DIR: ${gateDir}
experiment_name: studio-job-page
display_name: train-gated
`;
  return { 'job.yml': yaml, 'src/train.py': TRAIN_PY };
}

/** Runs until canceled. */
const SLEEPER = {
  'job.yml': `command: python -c "import time; print('sleeping', flush=True); time.sleep(600)"
experiment_name: studio-job-page
display_name: sleeper
`,
};

const PAGE = '[data-testid=job-page]';

describe('Studio job page', () => {
  let h: StudioHarness;
  let job: JobResource;
  let gates: string;

  const openGate = (name: string) => writeFile(join(gates, name), '');
  /** Marks the document; {@link sameDocument} is false after a reload or a new page load. */
  const markDocument = () => h.page.evaluate(() => ((globalThis as unknown as { lathePageMark: boolean }).lathePageMark = true));
  const sameDocument = () => h.page.evaluate(() => (globalThis as unknown as { lathePageMark?: boolean }).lathePageMark === true);

  before(async () => {
    h = await startStudio();
    gates = h.scratch;
    job = await h.submitJob(trainingJob(gates));
  });
  after(async () => {
    // A failed test may leave the job at a gate: open both so it ends before the server closes.
    if (gates) await Promise.all([openGate('half'), openGate('end')]).catch(() => undefined);
    await h?.close();
  });

  it('tails the log live and turns Completed without a reload', async () => {
    await h.open(`/jobs/${job.name}?tab=logs`);
    await markDocument();
    const log = h.page.getByTestId('log-view');
    // The first half arrives while the job waits at the halfway gate: nothing later exists yet.
    await eventually(async () => assert.match(await log.innerText(), /step 24 of 50\nwaiting for half/), { timeoutMs: 120_000 });
    assert.doesNotMatch(await log.innerText(), /step 25 of 50/);
    await h.page.locator(`${PAGE}[data-status=Running]`).waitFor();
    assert.equal(await h.page.getByTestId('job-logs').getAttribute('data-streaming'), 'true');

    // Lines printed after the page opened reach it, the job still Running (held at the end gate).
    await openGate('half');
    await eventually(async () => assert.match(await log.innerText(), /step 49 of 50\nwaiting for end/), { timeoutMs: 120_000 });
    assert.equal(await h.page.locator(PAGE).getAttribute('data-status'), 'Running');
    const lines = (await log.innerText()).split('\n').filter((l) => /^step \d+ of 50$/.test(l));
    assert.equal(lines.length, STEPS, 'every step line once, in the live view');

    await openGate('end');
    await h.page.locator(`${PAGE}[data-status=Completed]`).waitFor({ timeout: 120_000 });
    await eventually(async () => assert.match(await log.innerText(), /training finished/));
    await h.page.locator('[data-testid=job-logs][data-streaming=false]').waitFor();
    assert.equal(await sameDocument(), true, 'the page was not reloaded');
    assert.equal((await h.waitForJob(job.name)).status, 'Completed');

    // Search counts the matching lines: "step 4" is step 4 and steps 40–49.
    await h.page.getByTestId('log-search').fill('step 4');
    await eventually(async () => assert.equal((await h.page.getByTestId('log-match-count').innerText()).trim(), '11 matching lines'));
    await h.screenshot('job-logs', '[data-testid=log-view]');
  });

  it('draws the loss chart with every point the job logged', async () => {
    await h.open(`/jobs/${job.name}`);
    await h.page.locator('[data-tab=metrics]').click();
    await h.page.waitForURL((url) => url.searchParams.get('tab') === 'metrics');
    const chart = h.page.locator('[data-testid=metric-chart][data-key=loss][data-state=ready]');
    await chart.waitFor();
    assert.equal(await chart.getAttribute('data-points'), String(STEPS));
    assert.equal(await chart.getAttribute('data-series'), '1');
    assert.equal((await chart.locator('canvas').count()) > 0, true, 'uPlot drew on a canvas');
    // best_step was logged once: a row of the single-value table, not a chart of one point.
    const single = h.page.locator('[data-testid=single-metrics] tr[data-key=best_step]');
    await single.waitFor();
    assert.deepEqual((await single.innerText()).split(/\s+/).filter(Boolean), ['best_step', '49', 'step', '0']);
    assert.equal(await h.page.locator('[data-testid=metric-chart][data-key=best_step]').count(), 0);
    // The parent run charts one metric; the nested run's eval_acc is the child's, not its own.
    assert.equal(await h.page.locator('[data-testid=metric-chart]').count(), 1);
    await h.screenshot('job-metrics', '[data-testid=metric-chart][data-key=loss][data-state=ready]');
  });

  it('shows the command, inputs, params and latest metric on the overview', async () => {
    await h.open(`/jobs/${job.name}`);
    await h.page.getByTestId('job-overview').waitFor();
    assert.match(await h.page.getByTestId('job-command').innerText(), /^python train\.py --steps \$\{\{inputs\.steps\}\} --lr 0\.01$/);
    assert.match(await h.page.getByTestId('inputs-table').innerText(), /steps[\s\S]*\b50\b/);
    const params = h.page.locator('[data-testid=params-table] tr');
    assert.deepEqual(
      (await params.allInnerTexts()).map((t) => t.split(/\s+/).join(' ')),
      ['lr 0.01', 'optimizer adam'],
    );
    // The latest loss is the last step's: 1/50.
    assert.match(await h.page.getByTestId('latest-metrics').innerText(), /loss\s+0\.02\s+step 49/);
    assert.match(await h.page.getByTestId('latest-metrics').innerText(), /best_step\s+49\s+step 0/);
    // The uploaded code is named by its datastore URI; Lathe's internal blob:// shows nowhere.
    assert.match(await h.page.getByTestId('job-overview').innerText(), /azureml:\/\/datastores\/workspaceblobstore\/paths\/LocalUpload\/[0-9a-f]{64}\//);
    assert.doesNotMatch(await h.page.content(), /blob:\/\//);
    const timeline = await h.page.getByTestId('status-timeline').innerText();
    for (const status of ['Running', 'Completed']) assert.match(timeline, new RegExp(status));
    await h.screenshot('job-overview', '[data-testid=job-overview] [data-testid=params-table]');
  });

  it('lists the files the job wrote to ./outputs and previews its CSV', async () => {
    await h.open(`/jobs/${job.name}?tab=outputs`);
    await h.page.getByTestId('job-outputs').waitFor();
    // The run's artifacts show the job's ./outputs folder; the folder opens on click.
    await h.page.locator('[data-testid=artifact-entry][data-path=outputs][data-dir=true]').click();
    const files = h.page.locator('[data-testid=artifact-entry][data-dir=false][data-path^="outputs/"]');
    await files.first().waitFor();
    assert.deepEqual(await files.evaluateAll((els) => els.map((e) => e.getAttribute('data-path'))), ['outputs/predictions.csv']);
    await files.first().click();
    assert.equal(new URL(h.page.url()).searchParams.get('file'), 'artifact:outputs/predictions.csv');
    const preview = h.page.locator('[data-testid=artifact-preview][data-path="outputs/predictions.csv"]');
    const table = preview.getByTestId('preview-table');
    await table.waitFor();
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['id', 'label', 'score']);
    assert.deepEqual(await table.locator('tbody tr').allInnerTexts(), ['1\tcat\t0.91', '2\tdog\t0.78', '3\tcat\t0.66']);
    // The job's stored outputs: `default` holds ./outputs and the log.
    await h.page.locator('[data-testid=output-entry][data-output=default] button').click();
    await h.page.locator('[data-testid=output-file][data-path="outputs/predictions.csv"]').waitFor();
    await h.screenshot('job-outputs', '[data-testid=artifact-preview] [data-testid=preview-table]');
  });

  it('lists the nested MLflow run as a child job', async () => {
    await h.open(`/jobs/${job.name}`);
    await h.page.locator('[data-tab=children]').click();
    const rows = h.page.getByTestId('child-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.innerText(), /evaluation/);
    assert.equal(await rows.getAttribute('data-status'), 'Completed');
    // The child's page names its parent.
    const child = (await rows.getAttribute('data-run-id')) as string;
    await rows.dblclick();
    await h.page.waitForURL((url) => url.pathname === `/jobs/${child}`);
    await h.page.locator(`${PAGE}[data-run-only=true][data-status=Completed]`).waitFor();
    await h.page.locator(`a[href="/jobs/${job.name}"]`, { hasText: job.name }).waitFor();
  });

  it('cancels a running job from its page', async () => {
    const sleeper = await h.submitJob(SLEEPER);
    await h.open(`/jobs/${sleeper.name}`);
    await markDocument();
    await h.page.locator(`${PAGE}[data-status=Running]`).waitFor({ timeout: 120_000 });
    // Cancel asks first; keeping the job running leaves it running.
    await h.page.getByTestId('cancel-button').click();
    await h.page.getByTestId('cancel-confirm').waitFor();
    await h.page.getByTestId('cancel-keep-button').click();
    await h.page.getByTestId('cancel-button').waitFor();
    assert.equal((await h.client.getJob(sleeper.name)).status, 'Running');
    await h.page.getByTestId('cancel-button').click();
    await h.page.getByTestId('cancel-confirm-button').click();
    await h.page.locator(`${PAGE}[data-status=Canceled]`).waitFor({ timeout: 120_000 });
    assert.equal(await sameDocument(), true, 'the status changed without a reload');
    assert.equal((await h.client.getJob(sleeper.name)).status, 'Canceled');
    assert.equal(await h.page.getByTestId('cancel-button').count(), 0, 'a canceled job offers no Cancel');
  });

  it('re-submits the job with an edited input as a new job that completes', async () => {
    await h.open(`/jobs/${job.name}`);
    await h.page.getByTestId('resubmit-button').click();
    const dialog = h.page.getByTestId('resubmit-dialog');
    await dialog.waitFor();
    const steps = dialog.getByTestId('resubmit-input-steps');
    assert.equal(await steps.inputValue(), String(STEPS));
    await steps.fill('4');
    await dialog.getByTestId('resubmit-display-name').fill('train-resubmitted');
    await dialog.getByTestId('resubmit-submit').click();
    await h.page.waitForURL((url) => url.pathname.startsWith('/jobs/') && url.pathname !== `/jobs/${job.name}`);
    const name = decodeURIComponent(new URL(h.page.url()).pathname.slice('/jobs/'.length));
    // The gates are open already: the copy runs straight through.
    await h.page.locator(`${PAGE}[data-status=Completed]`).waitFor({ timeout: 180_000 });
    const copy = await h.client.getJob(name);
    assert.equal(copy.status, 'Completed');
    assert.equal(copy.display_name, 'train-resubmitted');
    assert.equal(copy.experiment_name, 'studio-job-page');
    assert.equal((copy.spec.inputs as Record<string, unknown>).steps, 4);
    const log = await h.client.getLogs(name);
    assert.match(log, /step 3 of 4\n/);
    assert.doesNotMatch(log, /step 4 of/);
  });

  it('raised no uncaught errors in the page', () => {
    // Console messages (a 404 for the job of a run without one) are not page errors.
    assert.deepEqual(h.pageErrors, []);
  });
});
