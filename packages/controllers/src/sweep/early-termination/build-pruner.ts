import { AshaPruner } from './asha-pruner.js';
import { BanditPruner } from './bandit-pruner.js';
import { combinePruners } from './combine-pruners.js';
import type { EarlyTerminationPolicy } from './early-termination-policy.js';
import { HyperbandPruner } from './hyperband-pruner.js';
import { MedianStoppingPruner } from './median-stopping-pruner.js';
import { NanPruner } from './nan-pruner.js';
import type { Pruner } from './pruner.js';
import { TruncationSelectionPruner } from './truncation-selection-pruner.js';

/**
 * The {@link Pruner} a sweep runs: the NaN rule, then the parsed policy if there is one. The NaN
 * rule is added here, for every sweep and every policy (none included), because no policy acts on
 * a non-finite value; listed first, its reason is the one a user reads when both would stop a
 * trial. `type: nan` is the rule alone.
 */
export function buildPruner(policy: EarlyTerminationPolicy | undefined): Pruner {
  const nan = new NanPruner();
  if (policy === undefined || policy.type === 'nan') return nan;
  return combinePruners(nan, buildPolicyPruner(policy));
}

function buildPolicyPruner(policy: Exclude<EarlyTerminationPolicy, { type: 'nan' }>): Pruner {
  switch (policy.type) {
    case 'bandit':
      return new BanditPruner(policy);
    case 'median_stopping':
      return new MedianStoppingPruner(policy);
    case 'truncation_selection':
      return new TruncationSelectionPruner(policy);
    case 'asha':
      return new AshaPruner(policy);
    case 'hyperband':
      return new HyperbandPruner(policy);
  }
}
