import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NanPruner } from './nan-pruner.js';
import type { TrialRecord, TrialState } from './trial-history.js';

const trial = (id: string, metrics: number[], state: TrialState = 'running', stopRequested = false): TrialRecord => ({ id, state, metrics, stopRequested });
const decide = (trials: TrialRecord[]): [string, number, string][] => new NanPruner().decide({ goal: 'maximize', trials }).map((d) => [d.trialId, d.interval, d.reason]);

describe('NanPruner', () => {
  it('stops a running trial at once when its latest value is NaN or infinite, naming the value', () => {
    assert.deepEqual(decide([trial('ok', [0.5, 0.6]), trial('nan', [0.5, Number.NaN]), trial('inf', [Number.POSITIVE_INFINITY]), trial('ninf', [1, 2, Number.NEGATIVE_INFINITY])]), [
      ['nan', 2, 'nan: the primary metric is NaN at interval 2'],
      ['inf', 1, 'nan: the primary metric is Infinity at interval 1'],
      ['ninf', 3, 'nan: the primary metric is -Infinity at interval 3'],
    ]);
  });

  it('judges only the latest value, and a lone trial as any other', () => {
    assert.deepEqual(decide([trial('recovered', [Number.NaN, 0.5])]), []);
    assert.deepEqual(decide([trial('lone', [Number.NaN])]), [['lone', 1, 'nan: the primary metric is NaN at interval 1']]);
    assert.deepEqual(decide([trial('none', [])]), []);
  });

  it('never stops a finished trial or one already being stopped', () => {
    for (const state of ['completed', 'failed', 'canceled'] as const) assert.deepEqual(decide([trial('t', [Number.NaN], state)]), [], state);
    assert.deepEqual(decide([trial('t', [Number.NaN], 'running', true)]), []);
  });

  it('lists decisions in the order of the trials', () => {
    const trials = [trial('a', [Number.NaN]), trial('b', [1]), trial('c', [Number.NaN])];
    assert.deepEqual(
      decide(trials).map(([id]) => id),
      ['a', 'c'],
    );
    assert.deepEqual(
      decide([...trials].reverse()).map(([id]) => id),
      ['c', 'a'],
    );
  });
});
