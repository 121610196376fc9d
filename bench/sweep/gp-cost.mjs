#!/usr/bin/env node
// Cost of one suggestion of GpSampler next to TpeSampler's, at several history lengths, on a
// 6-parameter space (five uniforms and a choice), as a running sweep pays it: one sampler asked
// on `--window` consecutive history lengths ending at each length, so the GP's cached kernel
// fit is reused between its refit points and refitted at them (the first ask of each window
// always fits). Median, mean and max wall time per window, after one untimed window to warm
// the JIT up; TPE refits its model on every ask. The history is made by TPE (cheap to build)
// and scored by a quadratic. On a shared machine, run it when the machine is otherwise idle.
// Usage: node bench/sweep/gp-cost.mjs [--trials 25,50,100,300] [--window 12] [--options '{"candidates": 250}']
// (GpSampler options; build first: npx tsc -b)
import { parseArgs } from 'node:util';
import { GpSampler, TpeSampler, parseSearchSpace } from '@lathe/controllers';

const { values } = parseArgs({ options: { trials: { type: 'string', default: '25,50,100,300' }, window: { type: 'string', default: '12' }, options: { type: 'string', default: '{}' } } });
const space = parseSearchSpace({
  ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`x${i}`, ['uniform', [-5, 5]]])),
  opt: ['choice', [['sgd', 'adam', 'rmsprop']]],
});
const f = (p) => Object.entries(p).reduce((sum, [k, v]) => sum + (typeof v === 'number' ? (v - 1) ** 2 : v === 'adam' ? 0 : 3), 0);
const options = { seed: 1, goal: 'minimize' };

/** A history of `length` trials suggested by TPE. */
function historyOf(length) {
  const sampler = new TpeSampler(space, options);
  const history = [];
  for (let i = 0; i < length; i++) {
    const { parameters } = sampler.ask(history);
    history.push({ parameters, state: 'completed', score: f(parameters) });
  }
  return history;
}

/** Wall times (ms) of one sampler asked at each of the `window` history lengths ending at `trials`. */
function cost(sampler, history, trials, window) {
  const times = [];
  for (let length = trials - window + 1; length <= trials; length++) {
    const start = process.hrtime.bigint();
    sampler.ask(history.slice(0, length));
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], mean: times.reduce((s, t) => s + t, 0) / times.length, max: times[times.length - 1] };
}

const window = Number(values.window);
const gpOptions = { ...JSON.parse(values.options), ...options };
cost(new GpSampler(space, gpOptions), historyOf(40), 40, window); // JIT warm-up, untimed
for (const trials of values.trials.split(',').map(Number)) {
  const history = historyOf(trials);
  const tpe = cost(new TpeSampler(space, options), history, trials, window);
  const gp = cost(new GpSampler(space, gpOptions), history, trials, window);
  console.log(
    `trial ${String(trials).padStart(4)}: GpSampler median ${gp.median.toFixed(1)} ms, mean ${gp.mean.toFixed(1)}, max ${gp.max.toFixed(1)} (kernel fits included) | TpeSampler median ${tpe.median.toFixed(2)} ms`,
  );
}
