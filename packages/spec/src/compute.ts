import { AmlComputeSchema, APPLIED_COMPUTE_FIELDS, type ComputeSpec } from './schema/compute-schema.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';
import type { Issue } from './validate/issue.js';

const COMPUTE: SpecKind = {
  check(raw) {
    return checkDocument<ComputeSpec>(AmlComputeSchema, raw, (spec) => notApplied(spec, raw));
  },
};

/**
 * Parses and validates compute YAML text (`az ml compute create --file`): Azure's `amlcompute`,
 * run as a named local target that runs at most `max_instances` (default 1) of its jobs at once.
 * Each field that describes Azure's machines (`size`, `tier`, `location`, `identity`,
 * `network_settings`, ...) is a warning: recorded, not applied. Throws `LATHE_INVALID_SPEC`
 * naming file:line:column, field and expectation.
 *
 * @example
 * parseCompute('name: cpu-cluster\ntype: amlcompute\nmax_instances: 2\n', { file: 'compute.yml' });
 */
export function parseCompute(text: string, options: ParseSpecOptions): LoadedSpec<ComputeSpec> {
  return parseSpecText(COMPUTE, text, options);
}

/** Reads and validates a compute YAML file; see {@link parseCompute}. */
export async function loadComputeFile(file: string, set: readonly string[] = []): Promise<LoadedSpec<ComputeSpec>> {
  return parseCompute(await readSpecFile(file), { file, set });
}

/** Validates a compute given as data (a REST body); errors name the field path under `source`. */
export function validateCompute(value: unknown, source = 'request body'): { spec: ComputeSpec; warnings: string[] } {
  return validateSpecValue(COMPUTE, value, source);
}

// Only fields the file gave, in its order: a default filled in is never a warning.
function notApplied(spec: ComputeSpec, raw: unknown): Issue[] {
  const given = raw !== null && typeof raw === 'object' ? Object.keys(raw) : [];
  return given
    .filter((field) => field in spec && !(APPLIED_COMPUTE_FIELDS as readonly string[]).includes(field))
    .map((field): Issue => ({ severity: 'warning', path: [field], at: 'key', message: `recorded, not applied: '${spec.name}' runs its jobs as local processes` }));
}
