import { BanditPruner } from './bandit-pruner.js';
import type { EarlyTerminationPolicy } from './early-termination-policy.js';
import { MedianStoppingPruner } from './median-stopping-pruner.js';
import type { Pruner } from './pruner.js';
import { TruncationSelectionPruner } from './truncation-selection-pruner.js';

/** The {@link Pruner} for a parsed policy. */
export function buildPruner(policy: EarlyTerminationPolicy): Pruner {
  switch (policy.type) {
    case 'bandit':
      return new BanditPruner(policy);
    case 'median_stopping':
      return new MedianStoppingPruner(policy);
    case 'truncation_selection':
      return new TruncationSelectionPruner(policy);
  }
}
