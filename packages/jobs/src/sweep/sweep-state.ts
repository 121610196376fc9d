import type { Parameters } from '@lathe/controllers';

/** One trial as the sweep recorded it when it asked for it. */
export interface SweepTrialState {
  /** The child job's name, `<sweep>_<index>`. */
  name: string;
  parameters: Parameters;
  /** Set when the sweep stopped the trial: the policy's (or the trial timeout's) reason. */
  stop?: { reason: string; interval?: number };
}

/** The best trial so far: the best score among completed trials (stopped ones when none completed). */
export interface SweepBest {
  trial: string;
  score: number;
  parameters: Parameters;
}

/**
 * What a sweep keeps in its job's `controllerState`, enough to carry on after a restart: the
 * seed every draw derives from, and each trial asked for, written before its child is created
 * (so a restart creates a missing child with the same parameters rather than asking again).
 */
export interface SweepState {
  seed: number;
  trials: SweepTrialState[];
  /** True once the sampler had nothing more to suggest (a grid done). */
  exhausted: boolean;
  best?: SweepBest;
}

/** The state stored on a sweep job, or `undefined` before its first round. */
export function readSweepState(stored: Record<string, unknown> | null): SweepState | undefined {
  if (stored === null || typeof stored.seed !== 'number' || !Array.isArray(stored.trials)) return undefined;
  return stored as unknown as SweepState;
}
