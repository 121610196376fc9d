import { randomInt } from 'node:crypto';
import { isTerminal, type Failure, type JobRecord, type JobStatus } from '@lathe/core';
import {
  buildPruner,
  buildSampler,
  parseEarlyTermination,
  parseSamplingAlgorithm,
  parseSearchSpace,
  type Pruner,
  type Sampler,
  type StopDecision,
  type TrialHistory,
  type TrialRecord,
  type TrialState,
} from '@lathe/controllers';
import type { ControllerContext, ControllerDecision, JobController } from '@lathe/scheduler';
import { isSweepJob, type SweepJob } from '@lathe/spec';
import { readSweepState, type SweepBest, type SweepState, type SweepTrialState } from './sweep-state.js';
import type { TrialMetrics } from './trial-metrics.js';
import { trialSpec } from './trial-spec.js';

/**
 * The most entries each in-memory cache holds before it starts over. Everything cached can be
 * read again from the store; the bound keeps sweeps that ended without a last round (canceled by
 * a user, or at their timeout) from growing the caches for the life of the server.
 */
const CACHE_LIMIT = 100_000;

/** Sets `key` in `map`, emptying the map first when it is full. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= CACHE_LIMIT && !map.has(key)) map.clear();
  map.set(key, value);
}

/** `make`, called once per seed (a sweep has one seed: the last one asked for is kept). */
function memoizeBySeed(make: (seed: number) => Sampler): (seed: number) => Sampler {
  let made: { seed: number; sampler: Sampler } | undefined;
  return (seed) => {
    if (made?.seed !== seed) made = { seed, sampler: make(seed) };
    return made.sampler;
  };
}

/** Azure's defaults for the limits a sweep leaves out. */
const DEFAULT_MAX_TOTAL_TRIALS = 1000;
const DEFAULT_TIMEOUT_S = 5_184_000;

/** A trial as one round sees it: what the sweep recorded, its child job and its metric so far. */
interface Trial {
  state: SweepTrialState;
  child: JobRecord | undefined;
  metrics: number[];
}

/** What a sweep spec configures, parsed once per job and reused across rounds. */
interface SweepPlan {
  spec: SweepJob;
  goal: 'maximize' | 'minimize';
  metric: string;
  maxTotal: number;
  maxConcurrent: number;
  timeoutMs: number;
  trialTimeoutMs: number | undefined;
  pruner: Pruner;
  sampler: (seed: number) => Sampler;
}

/**
 * Runs `type: sweep` jobs (Azure ML's hyperparameter tuning). Each round — when the sweep starts,
 * when a trial moves or logs metrics, at a deadline, after a restart — it reads the trials' primary
 * metric, stops the trials the early-termination policy (and the NaN rule, and `trial_timeout`)
 * name, asks the sampler for trials until `max_concurrent_trials` run or `max_total_trials` were
 * asked for, and records the best trial. It ends Completed with the best trial once every trial
 * has ended, Failed when none gave a score, and Canceled at `limits.timeout`.
 *
 * Everything a round decides from is the job, its `controllerState` ({@link SweepState}) and its
 * children, so a restarted server carries on where it was: trial `i` always gets the parameters
 * the sampler gives for the history at the time it was asked, recorded before the child exists.
 */
export class SweepController implements JobController {
  /** Finished trials' series do not change; kept so a round reads only the live trials' metrics. */
  private readonly finishedSeries = new Map<string, number[]>();
  private readonly plans = new Map<string, SweepPlan>();
  /** The interval count each running trial was last judged at, by `workspace/trial`. */
  private readonly judged = new Map<string, number>();

  constructor(
    private readonly metrics: TrialMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  async advance(job: JobRecord, children: readonly JobRecord[], ctx: ControllerContext): Promise<ControllerDecision> {
    const plan = this.planOf(job);
    const stored = readSweepState(job.controllerState);
    const state: SweepState = stored ? structuredClone(stored) : { seed: randomInt(2 ** 31), trials: [], exhausted: false };
    const before = JSON.stringify(state);
    const byName = new Map(children.map((c) => [c.name, c]));
    const trials: Trial[] = await this.trialsOf(job, plan, state, byName);

    // A trial recorded before a crash but never created is created now, as it was asked for.
    for (const trial of trials) if (!trial.child) trial.child = await ctx.createChild({ name: trial.state.name, spec: trialSpec(plan.spec, trial.state.parameters) });

    const startedAt = job.startedAt ?? job.createdAt;
    const deadline = startedAt + plan.timeoutMs;
    if (this.now() >= deadline) {
      state.best = bestOf(trials, plan.goal) ?? state.best;
      await saveIfChanged(ctx, state, before);
      return { status: 'Canceled', reason: `the sweep reached limits.timeout (${plan.timeoutMs / 1000} s); its trials are canceled` };
    }

    const timedOut = this.timedOutTrials(trials, plan);
    const stops = [...timedOut, ...this.policyStops(job, trials, plan).filter((p) => !timedOut.some((t) => t.trialId === p.trialId))];
    for (const stop of stops) {
      const trial = trials.find((t) => t.state.name === stop.trialId);
      if (trial) trial.state.stop = stop.interval > 0 ? { reason: stop.reason, interval: stop.interval } : { reason: stop.reason };
    }

    const created = this.askForTrials(job, plan, state, trials);
    state.best = bestOf(trials, plan.goal) ?? state.best;
    // Recorded before acting on it, so a restart neither loses a stop's reason nor asks again.
    await saveIfChanged(ctx, state, before);
    for (const stop of stops) await ctx.cancelChild(stop.trialId, stop.reason);
    for (const trial of created) trial.child = await ctx.createChild({ name: trial.state.name, spec: trialSpec(plan.spec, trial.state.parameters) });

    const live = trials.filter((t) => !t.child || !isTerminal(t.child.status));
    const more = !state.exhausted && state.trials.length < plan.maxTotal;
    if (live.length > 0 || more) return { status: 'Running', recheckAt: this.nextDeadline(deadline, trials, plan) };
    this.forget(job, trials);
    return finalDecision(trials, state.best, plan);
  }

  private planOf(job: JobRecord): SweepPlan {
    const key = `${job.workspace}/${job.name}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    if (!isSweepJob(job.spec)) throw new Error(`job ${job.name} is not a sweep job`);
    const spec = job.spec;
    const space = parseSearchSpace(spec.search_space);
    const algorithm = parseSamplingAlgorithm(spec.sampling_algorithm);
    const goal = spec.objective.goal;
    const maxTotal = spec.limits?.max_total_trials ?? DEFAULT_MAX_TOTAL_TRIALS;
    const plan: SweepPlan = {
      spec,
      goal,
      metric: spec.objective.primary_metric,
      maxTotal,
      maxConcurrent: Math.min(spec.limits?.max_concurrent_trials ?? maxTotal, maxTotal),
      timeoutMs: (spec.limits?.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
      trialTimeoutMs: spec.limits?.trial_timeout === undefined ? undefined : spec.limits.trial_timeout * 1000,
      pruner: buildPruner(parseEarlyTermination(spec.early_termination)),
      // One sampler per sweep and seed: a model-based sampler keeps its fitted model between
      // rounds (a cache: its suggestions depend only on the seed and the history).
      sampler: memoizeBySeed((seed) => buildSampler(algorithm, space, { seed, goal })),
    };
    remember(this.plans, key, plan);
    return plan;
  }

  private async trialsOf(job: JobRecord, plan: SweepPlan, state: SweepState, children: Map<string, JobRecord>): Promise<Trial[]> {
    const key = (name: string) => `${job.workspace}/${name}`;
    const unread = state.trials.filter((t) => !this.finishedSeries.has(key(t.name))).map((t) => t.name);
    const read = await this.metrics.series(job.workspace, unread, plan.metric);
    return state.trials.map((t) => {
      const child = children.get(t.name);
      const metrics = this.finishedSeries.get(key(t.name)) ?? read.get(t.name) ?? [];
      if (child && isTerminal(child.status)) remember(this.finishedSeries, key(t.name), metrics);
      return { state: t, child, metrics };
    });
  }

  /**
   * The trials the policy stops now. Each running trial is judged once at every interval it
   * logged since it was last judged, in order — a trial that logged several values between two
   * rounds is judged at each, as if the round had come after every one — against the other
   * trials as they are now. A trial already judged at its interval count is not judged again
   * when others move on. After a restart, what was logged while the server was down is judged
   * at the latest interval only.
   */
  private policyStops(job: JobRecord, trials: readonly Trial[], plan: SweepPlan): StopDecision[] {
    const history = prunerHistory(trials, plan.goal);
    const others = history.trials.map((t) => ({ ...t, stopRequested: true }));
    const stops: StopDecision[] = [];
    for (const [i, trial] of history.trials.entries()) {
      const key = `${job.workspace}/${trial.id}`;
      const count = trial.metrics.length;
      if (trial.state !== 'running' || trial.stopRequested === true) continue;
      const from = (this.judged.get(key) ?? count - 1) + 1;
      remember(this.judged, key, count);
      for (let n = Math.max(from, 1); n <= count; n++) {
        const alone = others.map((t, j) => (j === i ? { ...trial, metrics: trial.metrics.slice(0, n) } : t));
        const stop = plan.pruner.decide({ goal: history.goal, trials: alone })[0];
        if (stop) {
          stops.push(stop);
          break;
        }
      }
    }
    return stops;
  }

  // Trials that ran past `limits.trial_timeout`, stopped as a policy stops them (interval 0: no
  // interval judged them).
  private timedOutTrials(trials: readonly Trial[], plan: SweepPlan): StopDecision[] {
    const limit = plan.trialTimeoutMs;
    if (limit === undefined) return [];
    return trials
      .filter((t) => t.child?.status === 'Running' && t.state.stop === undefined && t.child.startedAt !== null && this.now() >= t.child.startedAt + limit)
      .map((t) => ({ trialId: t.state.name, interval: 0, reason: `trial_timeout: the trial ran longer than ${limit / 1000} s (limits.trial_timeout)` }));
  }

  // New trials, recorded in `state` (their children are created once the state is saved).
  private askForTrials(job: JobRecord, plan: SweepPlan, state: SweepState, trials: Trial[]): Trial[] {
    let running = trials.filter((t) => t.state.stop === undefined && (!t.child || !isTerminal(t.child.status))).length;
    const created: Trial[] = [];
    const sampler = plan.sampler(state.seed);
    while (!state.exhausted && state.trials.length < plan.maxTotal && running < plan.maxConcurrent) {
      const suggestion = sampler.ask(samplerHistory(trials, plan.goal));
      if (!suggestion) {
        state.exhausted = true;
        break;
      }
      const trial: Trial = { state: { name: `${job.name}_${state.trials.length}`, parameters: suggestion.parameters }, child: undefined, metrics: [] };
      state.trials.push(trial.state);
      trials.push(trial);
      // Judged from its first interval on, however many it logs before the next round.
      remember(this.judged, `${job.workspace}/${trial.state.name}`, 0);
      created.push(trial);
      running++;
    }
    return created;
  }

  private nextDeadline(sweepDeadline: number, trials: readonly Trial[], plan: SweepPlan): number {
    let next = sweepDeadline;
    const limit = plan.trialTimeoutMs;
    if (limit === undefined) return next;
    for (const t of trials) {
      if (t.child?.status === 'Running' && t.state.stop === undefined && t.child.startedAt !== null) next = Math.min(next, t.child.startedAt + limit);
    }
    return next;
  }

  private forget(job: JobRecord, trials: readonly Trial[]): void {
    this.plans.delete(`${job.workspace}/${job.name}`);
    for (const t of trials) {
      this.finishedSeries.delete(`${job.workspace}/${t.state.name}`);
      this.judged.delete(`${job.workspace}/${t.state.name}`);
    }
  }
}

/** A trial's score: its best finite value per the goal (Azure scores a trial by its best, not its last). */
export function scoreOf(metrics: readonly number[], goal: 'maximize' | 'minimize'): number | undefined {
  let best: number | undefined;
  for (const value of metrics) {
    if (!Number.isFinite(value)) continue;
    if (best === undefined || (goal === 'maximize' ? value > best : value < best)) best = value;
  }
  return best;
}

function samplerState(status: JobStatus | undefined): TrialState {
  switch (status) {
    case undefined:
    case 'NotStarted':
    case 'Queued':
      return 'pending';
    case 'Completed':
      return 'completed';
    case 'Failed':
      return 'failed';
    case 'Canceled':
      return 'canceled';
    default:
      return 'running';
  }
}

function samplerHistory(trials: readonly Trial[], goal: 'maximize' | 'minimize'): TrialRecord[] {
  return trials.map((t) => {
    const score = scoreOf(t.metrics, goal);
    return { parameters: t.state.parameters, state: samplerState(t.child?.status), ...(score === undefined ? {} : { score }) };
  });
}

function prunerHistory(trials: readonly Trial[], goal: 'maximize' | 'minimize'): TrialHistory {
  return {
    goal,
    trials: trials.map((t) => {
      const state = samplerState(t.child?.status);
      return {
        id: t.state.name,
        state: state === 'pending' ? 'running' : state,
        metrics: t.metrics,
        stopRequested: t.state.stop !== undefined || t.child?.status === 'CancelRequested',
      };
    }),
  };
}

// Completed trials compete; when none completed with a score, the stopped ones do (their outputs
// may be missing, but the sweep still reports what it found).
function bestOf(trials: readonly Trial[], goal: 'maximize' | 'minimize'): SweepBest | undefined {
  const scored = trials.map((t) => ({ t, score: scoreOf(t.metrics, goal) })).filter((s): s is { t: Trial; score: number } => s.score !== undefined);
  const completed = scored.filter((s) => s.t.child?.status === 'Completed');
  let best: { t: Trial; score: number } | undefined;
  for (const s of completed.length > 0 ? completed : scored) {
    if (!best || (goal === 'maximize' ? s.score > best.score : s.score < best.score)) best = s;
  }
  return best && { trial: best.t.state.name, score: best.score, parameters: best.t.state.parameters };
}

function finalDecision(trials: readonly Trial[], best: SweepBest | undefined, plan: SweepPlan): ControllerDecision {
  if (best) return { status: 'Completed' };
  const failed = trials.filter((t) => t.child?.status === 'Failed');
  const failure = (message: string, details: Record<string, unknown>): Failure => ({ type: 'UserError', message, nonRetryable: true, details });
  if (trials.length > 0 && failed.length === trials.length) {
    const first = failed[0] as Trial;
    return {
      status: 'Failed',
      failure: failure(`every trial failed; ${first.state.name}: ${first.child?.failure?.message ?? 'no reason recorded'}`, { trials: trials.length }),
    };
  }
  return {
    status: 'Failed',
    failure: failure(`no trial logged the primary metric '${plan.metric}' (objective.primary_metric); log it with mlflow.log_metric('${plan.metric}', value)`, {
      primary_metric: plan.metric,
      trials: trials.length,
    }),
  };
}

async function saveIfChanged(ctx: ControllerContext, state: SweepState, before: string): Promise<void> {
  if (JSON.stringify(state) !== before) await ctx.saveState(state as unknown as Record<string, unknown>);
}
