// Studio's pipeline Graph tab in Chromium against a real server running real pipelines: a
// diamond of four shell steps (a → b, a → c, {b, c} → d) drawn with its edges, followed live to
// Completed while a gate holds step a, each node opening its step's job page by click or Enter;
// and a diamond whose b fails (continue_on_step_failure) so c completes and d is shown Blocked,
// its a and c reused from the first pipeline and linking to the jobs they reused. Screenshots
// (light and dark) of that graph.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobResource } from '@lathe/api';
import { eventually } from './eventually.js';
import { startStudio, type StudioHarness } from './studio-harness.js';

/** The diamond; step a waits for the file `gate` in `gateDir`; `failB` makes step b exit 3. */
const diamond = (gateDir: string, failB: boolean) => `$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
experiment_name: studio-pipeline
display_name: diamond${failB ? '-failing' : ''}
settings:
  continue_on_step_failure: ${failB}
jobs:
  a:
    command: while [ ! -f ${gateDir}/gate ]; do sleep 0.1; done; echo a > \${{outputs.out}}/a.txt
    outputs:
      out:
  b:
    command: ${failB ? 'exit 3' : 'cat ${{inputs.left}}/a.txt > ${{outputs.out}}/b.txt'}
    inputs:
      left: \${{parent.jobs.a.outputs.out}}
    outputs:
      out:
  c:
    command: python -c "print('c')" > \${{outputs.out}}/c.txt
    inputs:
      right: \${{parent.jobs.a.outputs.out}}
    outputs:
      out:
  d:
    command: cat \${{inputs.b_in}}/b.txt \${{inputs.c_in}}/c.txt
    inputs:
      b_in: \${{parent.jobs.b.outputs.out}}
      c_in: \${{parent.jobs.c.outputs.out}}
`;

const GRAPH = '[data-testid=pipeline-graph]';

describe('Studio pipeline graph', () => {
  let h: StudioHarness;
  let pipeline: JobResource;
  const node = (step: string) => h.page.locator(`${GRAPH} [data-testid=pipeline-node][data-step="${step}"]`);
  const statuses = () => h.page.locator(`${GRAPH} [data-testid=pipeline-node]`).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute('data-status')}`).sort());

  before(async () => {
    h = await startStudio();
    pipeline = await h.submitJob({ 'job.yml': diamond(h.scratch, false) });
  });
  after(async () => {
    if (h) await writeFile(join(h.scratch, 'gate'), '');
    if (pipeline) await h?.client.cancelJob(pipeline.name).catch(() => undefined);
    await h?.close();
  });

  it('draws the diamond and follows it live to Completed', async () => {
    await h.open(`/jobs/${pipeline.name}`);
    await h.page.evaluate(() => ((globalThis as unknown as { lathePageMark: boolean }).lathePageMark = true));
    await h.page.locator(GRAPH).waitFor();
    assert.equal(await h.page.locator('[data-tab=graph]').getAttribute('aria-selected'), 'true', 'Graph is the default tab of a pipeline');
    assert.equal(await h.page.locator(`${GRAPH} title`).first().textContent(), `Steps of pipeline ${pipeline.name}`);
    const edges = await h.page
      .locator(`${GRAPH} [data-testid=pipeline-edge]`)
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}->${e.getAttribute('data-to')} ${e.getAttribute('data-labels')}`).sort());
    assert.deepEqual(edges, ['a->b out → left', 'a->c out → right', 'b->d out → b_in', 'c->d out → c_in']);
    // Held at the gate: a runs (or is about to), the rest have not started.
    await eventually(async () => assert.deepEqual(await statuses(), ['a:Running', 'b:NotStarted', 'c:NotStarted', 'd:NotStarted']), { timeoutMs: 120_000 });
    assert.match((await node('b').locator('.pipeline-node-status').textContent()) ?? '', /Not started/);
    const [ax, bx, dx] = await Promise.all(['a', 'b', 'd'].map((s) => node(s).getAttribute('transform')));
    assert.notEqual(ax, bx, 'a and b are in different layers');
    assert.notEqual(bx, dx);

    await writeFile(join(h.scratch, 'gate'), '');
    assert.equal((await h.waitForJob(pipeline.name, 300_000)).status, 'Completed');
    await eventually(async () => assert.deepEqual(await statuses(), ['a:Completed', 'b:Completed', 'c:Completed', 'd:Completed']));
    assert.match((await node('d').locator('.pipeline-node-status').textContent()) ?? '', /Completed/);
    assert.equal(await h.page.evaluate(() => (globalThis as unknown as { lathePageMark?: boolean }).lathePageMark === true), true, 'the page was not reloaded');
  });

  it('opens a step by click and by Enter', async () => {
    await h.open(`/jobs/${pipeline.name}`);
    await node('c').locator('[role=link]').click();
    await h.page.waitForURL((url) => url.pathname === `/jobs/${pipeline.name}_c`);
    await h.page.locator(`[data-testid=job-page][data-status=Completed]`).waitFor();

    await h.open(`/jobs/${pipeline.name}`);
    await node('d').locator('[role=link]').focus();
    await h.page.keyboard.press('Enter');
    await h.page.waitForURL((url) => url.pathname === `/jobs/${pipeline.name}_d`);
  });

  it('shows the step behind a failed one as blocked, and reused steps with their original', async () => {
    const failing = await h.submitJob({ 'job.yml': diamond(h.scratch, true) });
    assert.equal((await h.waitForJob(failing.name, 300_000)).status, 'Failed');
    await h.open(`/jobs/${failing.name}`);
    await eventually(async () => assert.deepEqual(await statuses(), ['a:Completed', 'b:Failed', 'c:Completed', 'd:Blocked']));
    assert.match((await node('d').locator('.pipeline-node-status').textContent()) ?? '', /Blocked/);
    // Steps a and c did the first pipeline's work again, so they were reused: the node names the
    // original job and links to it.
    assert.equal(await node('a').getAttribute('data-reused-from'), `${pipeline.name}_a`);
    assert.equal(await node('b').getAttribute('data-reused-from'), null);
    const shots = await h.screenshot('pipeline-graph', `${GRAPH} [data-testid=pipeline-node][data-step=d][data-status=Blocked]`);
    assert.equal(shots.length, 2);
    await node('a').getByTestId('pipeline-node-reused').click();
    await h.page.waitForURL((url) => url.pathname === `/jobs/${pipeline.name}_a`);
  });
});
