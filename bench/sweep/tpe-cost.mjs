#!/usr/bin/env node
// Cost of one TpeSampler suggestion at a given history length, on a 6-parameter space (five
// uniforms and a choice), median over repeats: the model is refitted from the history on every
// ask, so this is the per-trial overhead a sweep pays at that trial.
// Usage: node bench/sweep/tpe-cost.mjs [--trials 100] [--repeats 50]   (build first: npx tsc -b)
import { parseArgs } from 'node:util';
import { TpeSampler, parseSearchSpace } from '@lathe/controllers';

const { values } = parseArgs({ options: { trials: { type: 'string', default: '100' }, repeats: { type: 'string', default: '50' } } });
const trials = Number(values.trials);
const space = parseSearchSpace({
  ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`x${i}`, ['uniform', [-5, 5]]])),
  opt: ['choice', [['sgd', 'adam', 'rmsprop']]],
});
const f = (p) => Object.entries(p).reduce((sum, [k, v]) => sum + (typeof v === 'number' ? (v - 1) ** 2 : v === 'adam' ? 0 : 3), 0);
const sampler = new TpeSampler(space, { seed: 1, goal: 'minimize' });
const history = [];
for (let i = 0; i < trials; i++) {
  const { parameters } = sampler.ask(history);
  history.push({ parameters, state: 'completed', score: f(parameters) });
}
const times = [];
for (let r = 0; r < Number(values.repeats); r++) {
  const start = process.hrtime.bigint();
  sampler.ask(history);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`TpeSampler ask at trial ${trials}: median ${times[times.length >> 1].toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms (${times.length} repeats)`);
