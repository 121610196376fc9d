import { badRequest } from '../bad-request.js';

/** MLflow's model version stages, in MLflow's order. */
export const MODEL_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;

/** A model version stage, canonically cased. */
export type ModelStage = (typeof MODEL_STAGES)[number];

/** The stages `archive_existing_versions` may be used with (MLflow's "active" stages). */
export const ACTIVE_MODEL_STAGES: readonly ModelStage[] = ['Staging', 'Production'];

/**
 * The canonical spelling of a stage, matched case-insensitively (`production` → `Production`),
 * as MLflow's `get_canonical_stage`. Throws `LATHE_BAD_REQUEST` with MLflow's message otherwise.
 *
 * @example
 * canonicalStage('staging'); // 'Staging'
 */
export function canonicalStage(stage: string): ModelStage {
  const found = MODEL_STAGES.find((s) => s.toLowerCase() === stage.toLowerCase());
  if (found === undefined) throw badRequest(`Invalid Model Version stage: ${stage}. Value must be one of ${MODEL_STAGES.join(', ')}.`);
  return found;
}
