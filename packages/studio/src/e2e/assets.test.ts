// Studio's asset and experiment pages in Chromium against a real server: data, an environment and
// a component registered with the real `lathe` CLI from examples/assets, a real job running the
// component on the data (examples/jobs/train-with-component.yml, scikit-learn), and a model
// registered from that job's output. The model page traces the model to the job and what it
// read; every asset page shows YAML that the CLI accepts as the same version again.
// Screenshots (light and dark) go to test-output/studio/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startStudio, type StudioHarness } from './studio-harness.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = join(ROOT, 'packages/cli/bin/lathe.js');

describe('Studio assets and experiments', () => {
  let h: StudioHarness;
  let job: string;

  /** Runs the `lathe` CLI against the test server from the repository root; its stdout, or an error on a non-zero exit. */
  function cli(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, LATHE_URL: h.url }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`lathe ${args.join(' ')} exited ${code}:\n${err}`))));
    });
  }

  before(async () => {
    h = await startStudio();
    await cli(['data', 'create', '--file', 'examples/assets/data/iris-data.yml']);
    await cli(['environment', 'create', '--file', 'examples/assets/environment/sklearn-env.yml']);
    await cli(['component', 'create', '--file', 'examples/assets/component/train-component.yml']);
    job = (JSON.parse(await cli(['job', 'create', '--file', 'examples/jobs/train-with-component.yml', '-o', 'json'])) as { name: string }).name;
    const ended = await h.waitForJob(job);
    assert.equal(ended.status, 'Completed', await h.client.getLogs(job));
    const output = `azureml://jobs/${job}/outputs/model/paths/`;
    await cli(['model', 'create', '--name', 'iris-model', '--path', output]);
    await cli(['model', 'create', '--name', 'iris-model', '--path', output, '--description', 'the same model, registered again']);
  });
  after(async () => {
    await h?.close();
  });

  /** Waits for the asset page's YAML; returns its text. */
  async function yamlText(): Promise<string> {
    const yaml = h.page.locator('[data-testid=yaml][data-state=ready]');
    await yaml.waitFor();
    return yaml.locator('pre').innerText();
  }

  /** Creates the asset from `yaml` with the CLI: the version it names must already be there, unchanged. */
  async function recreates(kind: string, yaml: string, version: string): Promise<void> {
    const file = join(h.scratch, `${kind}-${Date.now()}.yml`);
    await writeFile(file, yaml);
    assert.match(await cli([kind, 'create', '--file', file]), new RegExp(`Already there, unchanged: ${kind} \\S+:${version}`));
  }

  it('lists the model with its version count', async () => {
    await h.open('/models');
    const row = h.page.locator('[data-testid=asset-table][data-state=ready] [data-testid=asset-row][data-name=iris-model]');
    await row.waitFor();
    assert.equal(await h.page.getByTestId('asset-row').count(), 1);
    assert.deepEqual((await row.locator('td').allInnerTexts()).slice(0, 3), ['iris-model', '2', '2']);
    await row.locator('td.name-cell a').click();
    await h.page.waitForURL((url) => url.pathname === '/models/iris-model');
    await h.page.locator('[data-testid=asset-page][data-state=ready][data-version="2"]').waitFor();
  });

  it('shows the model: versions, lineage back to the job and what it read, and YAML that re-creates it', async () => {
    await h.open('/models/iris-model');
    await h.page.locator('[data-testid=asset-page][data-state=ready][data-version="2"]').waitFor();
    const versions = h.page.getByTestId('version-row');
    assert.deepEqual(await versions.evaluateAll((els) => els.map((e) => e.getAttribute('data-version'))), ['2', '1']);
    assert.equal(await h.page.locator('[data-testid=version-row][aria-current=true]').getAttribute('data-version'), '2');

    const lineage = h.page.locator('[data-testid=lineage][data-state=ready]');
    await lineage.waitFor();
    const nodes = await lineage.locator('[data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
    // What the producing job read (its component, environment and data), the job, this version
    // and, beside it, the other version registered from the same output.
    assert.deepEqual([...nodes].sort(), ['component:train_iris:1', 'data:iris-data:1', 'environment:sklearn-env:1', `job:${job}`, 'model:iris-model:1', 'model:iris-model:2'].sort());
    assert.equal(await lineage.locator('.current[data-node]').getAttribute('data-node'), 'model:iris-model:2');
    assert.equal(await lineage.locator(`[data-link="data:iris-data:1>job:${job}"]`).count(), 1);
    assert.equal(await lineage.locator(`[data-link="job:${job}>model:iris-model:2"]`).count(), 1);
    assert.match(await lineage.locator(`[data-node="job:${job}"]`).innerText(), /train-with-component/);

    const yaml = await yamlText();
    assert.match(yaml, /^name: iris-model$/m);
    assert.match(yaml, /^version: "2"$/m);
    // The version was copied from the job's output, which cannot change: the YAML names that
    // output, so running it again is the same version (a no-op), and under another name a copy
    // holding the very same bytes.
    assert.match(yaml, new RegExp(`^path: azureml://jobs/${job}/outputs/model/paths/$`, 'm'));
    const again = join(h.scratch, 'model-again.yml');
    await writeFile(again, yaml);
    assert.match(await cli(['model', 'create', '--file', again]), /Already there, unchanged: model iris-model:2/);
    const file = join(h.scratch, 'model-copy.yml');
    await writeFile(file, yaml.replace(/^name: iris-model$/m, 'name: iris-model-copy'));
    assert.match(await cli(['model', 'create', '--file', file]), /Created model iris-model-copy:2/);
    const [original, copy] = await Promise.all(
      ['iris-model', 'iris-model-copy'].map(async (name) => JSON.parse(await cli(['model', 'show', '--name', name, '--version', '2', '-o', 'json'])) as { spec: { path: string } }),
    );
    assert.equal(copy?.spec.path, original?.spec.path);
    await h.screenshot('model-page', '[data-testid=lineage][data-state=ready] [data-node]');

    // An older version has its own page; the job node opens the job.
    await h.page.locator('[data-testid=version-row][data-version="1"] a').click();
    await h.page.waitForURL((url) => url.pathname === '/models/iris-model/1');
    await h.page.locator('[data-testid=asset-page][data-version="1"] [data-testid=lineage][data-state=ready] [data-node="model:iris-model:1"]').waitFor();
    await h.page.locator(`[data-testid=lineage] [data-node="job:${job}"]`).click();
    await h.page.waitForURL((url) => url.pathname === `/jobs/${job}`);
    await h.page.locator('[data-testid=job-page][data-status=Completed]').waitFor();
  });

  it('shows the data, with the job that read it, and YAML that re-creates it', async () => {
    await h.open('/data');
    const row = h.page.locator('[data-testid=asset-table][data-state=ready] [data-testid=asset-row][data-name=iris-data]');
    await row.waitFor();
    assert.equal(await h.page.getByTestId('asset-row').count(), 1);
    await h.screenshot('data-list', '[data-testid=asset-table][data-state=ready] [data-testid=asset-row]');

    await h.open('/data/iris-data');
    await h.page.locator('[data-testid=asset-page][data-state=ready][data-version="1"]').waitFor();
    assert.equal(await h.page.getByTestId('version-row').count(), 1);
    // Used by the job, which wrote the model's output.
    await h.page.locator(`[data-testid=lineage][data-state=ready] [data-node="job:${job}"]`).waitFor();
    // The uploaded file is named by the datastore URI of its upload, not Lathe's internal blob://.
    const uri = await h.page.getByTestId('content-uri').innerText();
    assert.match(uri, /^azureml:\/\/datastores\/workspaceblobstore\/paths\/LocalUpload\/[0-9a-f]{64}\/iris\.csv$/);
    assert.doesNotMatch(await h.page.locator('dl.properties', { has: h.page.getByTestId('content-uri') }).innerHTML(), /blob:\/\//);
    const yaml = await yamlText();
    assert.match(yaml, /^name: iris-data$/m);
    assert.match(yaml, /^type: uri_file$/m);
    assert.match(yaml, /^path: blob:\/\/[0-9a-f]{64}\/iris\.csv$/m);
    await recreates('data', yaml, '1');
  });

  it('shows the environment and the component with YAML that re-creates them', async () => {
    await h.open('/environments/sklearn-env');
    await h.page.locator('[data-testid=asset-page][data-state=ready][data-version="1"]').waitFor();
    const env = await yamlText();
    assert.match(env, /^name: sklearn-env$/m);
    assert.match(env, /^conda_file:\n(\s.*\n)*\s+- scikit-learn$/m);
    await recreates('environment', env, '1');

    await h.open('/components/train_iris');
    await h.page.locator('[data-testid=asset-page][data-state=ready][data-version="1"]').waitFor();
    const component = await yamlText();
    assert.match(component, /^name: train_iris$/m);
    assert.match(component, /^command: python train\.py --data \$\{\{inputs\.iris_csv\}\}/m);
    assert.match(component, /^environment: azureml:sklearn-env:1$/m);
    await recreates('component', component, '1');
  });

  it('lists the experiment with its run count', async () => {
    await h.open('/experiments');
    const row = h.page.locator('[data-testid=experiment-table][data-state=ready] [data-testid=experiment-row][data-name=sklearn-iris]');
    await row.waitFor();
    // One run: the training job.
    assert.equal((await row.locator('td.num').innerText()).trim(), '1');
    await h.screenshot('experiments', '[data-testid=experiment-table][data-state=ready] [data-testid=experiment-row]');
    await row.locator('td.name-cell a').click();
    await h.page.waitForURL((url) => url.pathname === '/jobs' && url.searchParams.get('experiment') === 'sklearn-iris');
    await h.page.locator(`[data-testid=job-list][data-state=ready] [data-testid=job-row][data-run-id="${job}"]`).waitFor();
    assert.equal(await h.page.getByTestId('job-row').count(), 1);
  });

  it('raised no uncaught errors in the page', () => {
    assert.deepEqual(h.pageErrors, []);
  });
});
