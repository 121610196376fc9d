#!/usr/bin/env node
// Lathe's sweep samplers behind the hpo-bench EXTERNAL protocol (JSON lines over stdin/stdout,
// one answer line per request): {"init"} -> {"ok"}, {"ask": n} -> {"suggestions"},
// {"tell"} -> {"ok"}, {"close"} -> exit. The search space is parsed and validated by
// parseSearchSpace, and every suggestion comes from the same Sampler a sweep job would use, fed
// the trial history (asked-but-untold trials as running), so the figures are the product's.
// Usage: node bench/sweep/sampler.mjs [--sampler bayesian|random|sobol|tpe|gp]   (build first: npx tsc -b)
// `bayesian` (the default) is what buildSampler builds for `sampling_algorithm: bayesian`.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { GpSampler, RandomSampler, SobolSampler, TpeSampler, bayesianSampler, parseSearchSpace } from '@lathe/controllers';

const SAMPLERS = {
  bayesian: (space, options) => bayesianSampler(space, options),
  random: (space, options) => new RandomSampler(space, options),
  sobol: (space, options) => new SobolSampler(space, options),
  tpe: (space, options) => new TpeSampler(space, options),
  gp: (space, options) => new GpSampler(space, options),
};
// --options '{"startupTrials": 8}' passes sampler options through (for tuning runs).
const { values } = parseArgs({ options: { sampler: { type: 'string', default: 'bayesian' }, options: { type: 'string', default: '{}' } } });
const extra = JSON.parse(values.options);
const makeSampler = SAMPLERS[values.sampler];
if (!makeSampler) {
  console.error(`sampler.mjs: --sampler must be one of ${Object.keys(SAMPLERS).join(', ')}, got ${values.sampler}`);
  process.exit(2);
}

let sampler;
let goal = 'minimize';
const history = [];
const byId = new Map();
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

/** Answers one request; throws on a malformed one (the caller answers {"error"}). */
function handle(msg) {
  if (msg.init) {
    const space = parseSearchSpace(msg.init.search_space);
    goal = msg.init.goal ?? 'minimize';
    sampler = makeSampler(space, { ...extra, seed: msg.init.seed ?? 0, goal });
    return { ok: true };
  }
  if (msg.ask !== undefined) {
    const suggestions = [];
    for (let i = 0; i < msg.ask; i++) {
      const suggestion = sampler.ask(history);
      if (suggestion === undefined) break;
      const trial = { id: `t${history.length}`, parameters: suggestion.parameters, state: 'running' };
      history.push(trial);
      byId.set(trial.id, history.length - 1);
      suggestions.push({ id: trial.id, params: trial.parameters });
    }
    return { suggestions };
  }
  if (msg.tell) {
    const index = byId.get(msg.tell.id);
    if (index === undefined) throw new Error(`tell: unknown trial id ${msg.tell.id}`);
    const completed = msg.tell.status === undefined || msg.tell.status === 'completed';
    history[index] = { ...history[index], state: completed ? 'completed' : 'failed', score: msg.tell.value };
    sampler.tell?.(history[index]);
    return { ok: true };
  }
  throw new Error(`unknown message: ${JSON.stringify(msg).slice(0, 100)}`);
}

const rl = createInterface({ input: process.stdin, terminal: false });
rl.on('line', (line) => {
  if (!line.trim()) return;
  try {
    const msg = JSON.parse(line);
    if (msg.close) rl.close();
    else out(handle(msg));
  } catch (error) {
    out({ error: error instanceof Error ? error.message : String(error) });
  }
});
