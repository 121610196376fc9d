import { ASSET_REF_FORMS, listForms, readAssetRef, type AssetRefKind, type ParseAssetRefOptions } from '../asset-ref.js';
import type { FieldPath, Issue } from './issue.js';

/** What a string field marked with `x-lathe-reference` accepts (see `schema/keywords.ts`). */
export interface ReferenceRule extends ParseAssetRefOptions {
  accept: readonly AssetRefKind[];
}

const KIND_NAMES: Readonly<Record<AssetRefKind, string>> = {
  asset: 'an asset reference',
  registry: 'a registry asset',
  datastore: 'a datastore path',
  'job-output': 'a job output',
  run: 'a run artifact path',
  blob: 'an uploaded snapshot',
  local: 'a local path',
  url: 'a URL',
};

// Azure storage URLs name places Lathe holds no credentials for.
const UNREACHABLE_SCHEMES = new Set(['wasb', 'wasbs', 'abfs', 'abfss', 'adl']);

/** The accepted forms of a rule, as a person reads them. */
export function describeReferenceRule(rule: ReferenceRule): string {
  return listForms(rule.accept.filter((k) => k !== 'blob').flatMap((k) => ASSET_REF_FORMS[k]));
}

/**
 * Checks a reference string against a rule: malformed references and kinds the field does not
 * take are errors; Azure storage URLs are warnings (recorded, not reachable from Lathe yet).
 */
export function checkReference(text: string, rule: ReferenceRule, path: FieldPath): Issue[] {
  const expected = describeReferenceRule(rule);
  const result = readAssetRef(text, rule);
  if (!result.ok) return [{ severity: 'error', path, at: 'value', expected, message: result.reason }];
  const { ref } = result;
  if (!rule.accept.includes(ref.kind)) {
    const message = `${KIND_NAMES[ref.kind]} ('${text}') cannot be used here: expected ${expected}`;
    return [{ severity: 'error', path, at: 'value', expected, message }];
  }
  if (ref.kind === 'url' && UNREACHABLE_SCHEMES.has(ref.scheme)) {
    return [{ severity: 'warning', path, at: 'value', message: `${ref.scheme}:// URLs are recorded, not reachable from Lathe yet` }];
  }
  return [];
}
