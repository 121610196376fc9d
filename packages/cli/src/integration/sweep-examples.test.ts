// The sweep examples (examples/sweep: a linear classifier tuned on scikit-learn's digits) run end
// to end from their YAML through `lathe job create`, on a real server with real Python trials:
// the trial counts, the early-termination decisions and the best trial follow Azure ML's rules,
// `lathe job show` lists the trials best first with why each stopped trial stopped, and `lathe
// job download` fetches the best trial's model.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { SweepResource } from '@lathe/api';
import { buildPruner, parseEarlyTermination, type StopDecision, type TrialHistory } from '@lathe/controllers';
import { TrackingClient } from '@lathe/sdk';
import { loadSweepJobFile } from '@lathe/spec';
import { runCli, startTestServer, waitForEnd, type TestServer } from './harness.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/sweep/', import.meta.url));

describe('the sweep examples through the CLI', () => {
  let t: TestServer;
  let tracking: TrackingClient;
  before(async () => {
    t = await startTestServer();
    tracking = new TrackingClient(t.url, 'default');
  });
  after(async () => t?.close());

  /** Submits an example with `--set` overrides and waits for the sweep to end. */
  async function runSweep(file: string, set: string[]): Promise<{ name: string; sweep: SweepResource }> {
    const created = await runCli(['job', 'create', '--file', join(EXAMPLES, file), ...set.flatMap((s) => ['--set', s]), '-o', 'json'], t.url);
    assert.equal(created.code, 0, created.stderr);
    const name = (JSON.parse(created.stdout) as { name: string }).name;
    const ended = await waitForEnd(t.client, name, 180_000);
    assert.equal(ended.status, 'Completed', JSON.stringify(ended.error));
    return { name, sweep: await t.client.getSweep(name) };
  }

  async function seriesOf(trial: string): Promise<number[]> {
    return (await tracking.getMetricHistory(trial, 'val_accuracy')).sort((a, b) => a.step - b.step).map((m) => Number(m.value));
  }

  /** The best trial is the completed one with the best logged value, and the download is its model. */
  async function assertBest(name: string, sweep: SweepResource): Promise<void> {
    const completed = sweep.trials.filter((t) => t.status === 'Completed');
    const scores = await Promise.all(completed.map(async (t) => Math.max(...(await seriesOf(t.name)))));
    const top = Math.max(...scores);
    assert.equal(sweep.best?.score, top);
    assert.equal(sweep.best?.trial, completed[scores.indexOf(top)]?.name);
    // Listed by score: a trial stopped early may have scored higher before it was stopped.
    assert.equal(sweep.trials.find((t) => t.status === 'Completed')?.name, sweep.best?.trial, 'the best trial is the first completed one listed');
    const target = join(t.scratch, `download-${name}`);
    const downloaded = await runCli(['job', 'download', name, '--output-name', 'model', '--download-path', target], t.url);
    assert.equal(downloaded.code, 0, downloaded.stderr);
    const model = JSON.parse(await readFile(join(target, 'named-outputs', 'model', 'metrics.json'), 'utf8')) as { alpha: number };
    assert.equal(model.alpha, sweep.best?.parameters.alpha);
  }

  it('grid with median stopping: every combination once, and exactly the stops a one-at-a-time replay of the logged values gives', async () => {
    // One trial at a time, so each decision depends only on the trials before it.
    const { name, sweep } = await runSweep('sweep-grid.yml', ['limits.max_concurrent_trials=1', 'inputs.epoch_seconds=0.1']);
    assert.equal(sweep.trials.length, 8);
    const byIndex = [...sweep.trials].sort((a, b) => a.index - b.index);
    assert.deepEqual(
      byIndex.map((t) => `${t.parameters.alpha}/${t.parameters.loss}`),
      ['0.0001/hinge', '0.0001/log_loss', '0.01/hinge', '0.01/log_loss', '1/hinge', '1/log_loss', '10/hinge', '10/log_loss'],
    );
    // Trial k was judged at each of its intervals against trials 0..k-1 as they ended: the values
    // each logged (a stopped one's up to when it died: logging is batched, so it may have sent
    // more than the interval it was stopped at).
    const { spec } = await loadSweepJobFile(join(EXAMPLES, 'sweep-grid.yml'));
    const pruner = buildPruner(parseEarlyTermination(spec.early_termination));
    const earlier: TrialHistory['trials'][number][] = [];
    const expected: StopDecision[] = [];
    for (const trial of byIndex) {
      const values = await seriesOf(trial.name);
      for (let n = 1; n <= values.length; n++) {
        const [stop] = pruner.decide({ goal: 'maximize', trials: [...earlier, { id: trial.name, state: 'running', metrics: values.slice(0, n) }] });
        if (stop) {
          expected.push(stop);
          break;
        }
      }
      earlier.push({ id: trial.name, state: trial.status === 'Completed' ? 'completed' : 'canceled', metrics: values });
    }
    assert.ok(expected.length > 0, 'the example stops some trials');
    assert.deepEqual(
      byIndex.filter((t) => t.stop_reason !== null).map((t) => [t.name, t.status, t.stop_reason]),
      expected.map((d) => [d.trialId, 'Canceled', d.reason]),
    );
    await assertBest(name, sweep);
    const shown = await runCli(['job', 'show', name], t.url);
    assert.match(shown.stdout, /Sweep: grid sampling, 8 of at most 8 trials, 1 at once; early termination: median_stopping/);
    assert.match(shown.stdout, /Trials \(best first\):/);
    assert.match(shown.stdout, /Canceled .*median_stopping: best/);
    const listed = async (...args: string[]) => (JSON.parse((await runCli(['job', 'list', ...args, '-o', 'json'], t.url)).stdout) as { name: string }[]).map((j) => j.name);
    assert.ok((await listed()).includes(name) && !(await listed()).some((n) => n.startsWith(`${name}_`)), 'the job list shows the sweep, not its trials');
    assert.deepEqual((await listed('--parent', name)).sort(), byIndex.map((t) => t.name).sort());
    assert.equal((await listed('--include-children')).filter((n) => n.startsWith(`${name}_`)).length, 8);
    // A sweep has no log of its own: streaming it tells each trial's start and end.
    const streamed = await runCli(['job', 'stream', name], t.url);
    assert.equal(streamed.code, 0, streamed.stderr);
    for (const trial of byIndex) {
      assert.ok(streamed.stdout.includes(`${trial.name} started: alpha=${String(trial.parameters.alpha)} loss=${String(trial.parameters.loss)}\n`), trial.name);
      const ending = trial.stop_reason ?? `val_accuracy ${String(Number(trial.score?.toPrecision(6)))}`;
      assert.ok(streamed.stdout.includes(`${trial.name} ${trial.status}: ${ending}\n`), `${trial.name}: ${ending}\n${streamed.stdout}`);
    }
    assert.match(streamed.stdout, /Trials \(best first\):[\s\S]*\nStatus: Completed\n$/);
  });

  it('random with a bandit policy: the trial count, and each stop outside the slack of the best at its interval', async () => {
    const { name, sweep } = await runSweep('sweep-random.yml', ['limits.max_total_trials=6', 'inputs.epoch_seconds=0.1']);
    assert.equal(sweep.trials.length, 6);
    for (const trial of sweep.trials) {
      if (trial.stop_reason === null) {
        assert.equal(trial.status, 'Completed', trial.name);
        continue;
      }
      assert.equal(trial.status, 'Canceled', trial.name);
      // Bandit compares with the best trial at that interval; the best seen then was at most the best of all.
      const match = /^bandit: best (\S+) at interval (\d+) is worse than (\S+) \/ \(1 \+ 0\.1\) of the best trial$/.exec(trial.stop_reason);
      assert.ok(match, trial.stop_reason);
      const interval = Number(match[2]);
      assert.ok(interval >= 2, `delay_evaluation 2: ${trial.stop_reason}`);
      const own = Math.max(...(await seriesOf(trial.name)).slice(0, interval));
      const bestAtInterval = Math.max(...(await Promise.all(sweep.trials.map(async (t) => (await seriesOf(t.name))[interval - 1] ?? -Infinity))));
      assert.ok(own < bestAtInterval / 1.1, `${trial.name}: ${own} is not outside the slack of ${bestAtInterval}`);
    }
    await assertBest(name, sweep);
  });

  it('bayesian with truncation selection: the trial count, quantized epochs, and stops named by the policy', async () => {
    const { name, sweep } = await runSweep('sweep-bayesian.yml', ['limits.max_total_trials=6']);
    assert.equal(sweep.trials.length, 6);
    for (const trial of sweep.trials) {
      assert.ok([5, 10, 15, 20].includes(Number(trial.parameters.epochs)), `epochs ${String(trial.parameters.epochs)}`);
      assert.ok(Number(trial.parameters.eta0) >= 0.001 && Number(trial.parameters.eta0) <= 0.2);
      if (trial.stop_reason !== null) {
        assert.equal(trial.status, 'Canceled');
        assert.match(trial.stop_reason, /^truncation_selection: /);
      } else {
        assert.equal(trial.status, 'Completed');
        assert.equal(trial.intervals, Number(trial.parameters.epochs), 'a trial not stopped logs every epoch');
      }
    }
    await assertBest(name, sweep);
  });
});
