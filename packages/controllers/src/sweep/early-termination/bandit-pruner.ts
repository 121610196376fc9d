import type { BanditPolicy } from './early-termination-policy.js';
import { IntervalPruner } from './interval-pruner.js';
import { bestUpTo, formatMetric, isWorse, isWorseThanThreshold, trialsReaching } from './metric-series.js';
import type { Goal, TrialHistory, TrialRecord } from './trial-history.js';

/**
 * Azure's bandit policy. At interval N the leader is the best value up to N of any trial (in any
 * state) that has reached N; a running trial whose own best up to N is strictly worse than the
 * leader's value less the slack is stopped:
 * - maximize: `y < best / (1 + slack_factor)` or `y < best - slack_amount`;
 * - minimize (mirrored): `y > best * (1 + slack_factor)` or `y > best + slack_amount`.
 * A value equal to the threshold continues. With a slack factor and a leader ≤ 0 the ratio would
 * put the leader itself below the bar, so the allowed distance is taken from the leader's
 * magnitude instead (`|best| * f / (1 + f)` maximizing, `|best| * f` minimizing), which equals the
 * ratio form for positive leaders. The leader is never stopped, so neither is a lone trial.
 */
export class BanditPruner extends IntervalPruner {
  constructor(readonly policy: BanditPolicy) {
    super(policy, (trial, n, history) => judgeBandit(policy, trial, n, history));
  }
}

function judgeBandit(policy: BanditPolicy, trial: TrialRecord, n: number, { goal, trials }: TrialHistory): string | undefined {
  const own = bestUpTo(trial, n, goal);
  if (own === undefined) return undefined;
  let leader = own;
  for (const other of trialsReaching(trials, n)) {
    const best = bestUpTo(other, n, goal);
    if (best !== undefined && isWorse(leader, best, goal)) leader = best;
  }
  const { threshold, text } = banditThreshold(policy.slack, leader, goal);
  if (!isWorseThanThreshold(own, threshold, goal)) return undefined;
  return `bandit: best ${formatMetric(own)} at interval ${n} is worse than ${text} of the best trial`;
}

function banditThreshold(slack: BanditPolicy['slack'], best: number, goal: Goal): { threshold: number; text: string } {
  const b = formatMetric(best);
  if ('amount' in slack) {
    const a = slack.amount;
    return goal === 'maximize' ? { threshold: best - a, text: `${b} - ${a}` } : { threshold: best + a, text: `${b} + ${a}` };
  }
  const f = slack.factor;
  if (best > 0) {
    return goal === 'maximize' ? { threshold: best / (1 + f), text: `${b} / (1 + ${f})` } : { threshold: best * (1 + f), text: `${b} * (1 + ${f})` };
  }
  const distance = goal === 'maximize' ? (-best * f) / (1 + f) : -best * f;
  const threshold = goal === 'maximize' ? best - distance : best + distance;
  return { threshold, text: `${formatMetric(threshold)} (slack factor ${f} from ${b})` };
}
