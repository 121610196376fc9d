import { invalidSpec } from './invalid-spec.js';
import { isExpression, isSubSpace, type Constant, type Expression, type SearchSpace } from './search-space.js';

/** A sweep's `sampling_algorithm`, parsed. */
export type SamplingAlgorithm = { readonly type: 'random'; readonly rule: 'random' | 'sobol'; readonly seed?: number } | { readonly type: 'grid' } | { readonly type: 'bayesian' };

const TYPES = ['random', 'grid', 'bayesian'] as const;

/**
 * Parses `sampling_algorithm` from YAML (`random`, `{type: random, seed: 3, rule: sobol}`) or
 * the REST form the Azure SDK sends (`{samplingAlgorithmType: "Random", rule: "Sobol"}`; names
 * are matched without regard to case, as the SDK's camel/snake transforms do).
 */
export function parseSamplingAlgorithm(raw: unknown, field = 'sampling_algorithm'): SamplingAlgorithm {
  const body = typeof raw === 'string' ? { type: raw } : raw;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidSpec(field, `expected one of ${TYPES.join(', ')} or a mapping with type`);
  const record = body as Record<string, unknown>;
  const typeKey = 'samplingAlgorithmType' in record ? 'samplingAlgorithmType' : 'type';
  const type = String(record[typeKey]).toLowerCase();
  if (!(TYPES as readonly string[]).includes(type)) throw invalidSpec(`${field}.${typeKey}`, `expected one of ${TYPES.join(', ')}, got ${JSON.stringify(record[typeKey])}`);
  if (type !== 'random') return { type: type as 'grid' | 'bayesian' };
  const rule = record['rule'] === undefined || record['rule'] === null ? 'random' : String(record['rule']).toLowerCase();
  if (rule !== 'random' && rule !== 'sobol') throw invalidSpec(`${field}.rule`, `expected random or sobol, got ${JSON.stringify(record['rule'])}`);
  const seed = record['seed'];
  if (seed === undefined || seed === null) return { type, rule };
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw invalidSpec(`${field}.seed`, `expected an integer, got ${JSON.stringify(seed)}`);
  return { type, rule, seed };
}

/** The expression types each algorithm accepts, as Azure ML enforces at submit. */
const ACCEPTED: Record<SamplingAlgorithm['type'], readonly Expression['type'][] | undefined> = {
  random: undefined,
  grid: ['choice'],
  bayesian: ['choice', 'uniform', 'quniform'],
};

/**
 * Rejects a space the algorithm cannot sample, as Azure does at submit: grid takes only
 * `choice`; bayesian only `choice`, `uniform` and `quniform`; random takes every type. Nested
 * sub-space expressions are checked too. Throws LATHE_INVALID_SPEC naming the first offending
 * expression (`search_space.lr: grid sampling supports only choice expressions, got uniform`).
 */
export function validateSamplingAlgorithm(space: SearchSpace, algorithm: SamplingAlgorithm | SamplingAlgorithm['type'], field = 'search_space'): void {
  const type = typeof algorithm === 'string' ? algorithm : algorithm.type;
  const accepted = ACCEPTED[type];
  if (accepted !== undefined) checkEntries(space, type, accepted, field);
}

function checkEntries(entries: Readonly<Record<string, Expression | Constant>>, type: string, accepted: readonly string[], field: string): void {
  for (const [name, entry] of Object.entries(entries)) {
    if (!isExpression(entry)) continue;
    const path = `${field}.${name}`;
    if (!accepted.includes(entry.type)) {
      throw invalidSpec(path, `${type} sampling supports only ${accepted.join(', ')} expressions, got ${entry.type}`);
    }
    if (entry.type !== 'choice') continue;
    for (const [i, value] of entry.values.entries()) if (isSubSpace(value)) checkEntries(value.entries, type, accepted, `${path}.values[${i}]`);
  }
}
