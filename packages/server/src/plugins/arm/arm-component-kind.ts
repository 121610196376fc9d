import type { ArmAssetKind } from './arm-asset-kind.js';
import { codeSnapshot } from './arm-job-spec.js';
import { armPipelineSteps, type ArmPipelineNode } from './arm-pipeline-spec.js';

// What the SDK adds to a component's YAML that is not part of it: where it was built, and the
// read-only fields of a component it fetched and sends back.
const CLIENT_ONLY = ['_source', 'id', 'creation_context'];

const NUMERIC = ['number', 'integer'];

/**
 * An input as Lathe declares it: the SDK sends REST's strings for a typed input's `default`,
 * `min` and `max` (`"0.1"`, `"True"`) and may capitalise its type (`Integer`).
 */
function typedInput(input: Record<string, unknown>): Record<string, unknown> {
  const type = typeof input.type === 'string' ? input.type.toLowerCase() : input.type;
  const out: Record<string, unknown> = { ...input, type };
  for (const key of ['default', 'min', 'max']) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    if (NUMERIC.includes(String(type)) && value.trim() !== '' && Number.isFinite(Number(value))) out[key] = Number(value);
    if (type === 'boolean' && /^(true|false)$/i.test(value)) out[key] = value.toLowerCase() === 'true';
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Component versions: `componentSpec` is the component's YAML document as the SDK sends it,
 * validated as a Lathe command or pipeline component (whose steps are read as a pipeline job's). Its `code` (an ARM code version id, registered by the
 * SDK's upload just before) becomes that version's snapshot, as a job's `codeId` does; the id is
 * answered as sent. The SDK's pipeline steps arrive as `azureml_anonymous/versions/<hash>`; the
 * version's name is the one in the path.
 */
export const ARM_COMPONENT_KIND: ArmAssetKind = {
  plural: 'components',
  kind: 'component',
  fields: { componentSpec: { type: 'object' } },
  required: ['componentSpec'],
  toSpec: async ({ ctx, scope, name, properties }) => {
    const given = properties.componentSpec as Record<string, unknown>;
    const spec: Record<string, unknown> = Object.fromEntries(Object.entries(given).filter(([key]) => !CLIENT_ONLY.includes(key)));
    spec.name = name;
    delete spec.version;
    if (isObject(given.inputs)) spec.inputs = Object.fromEntries(Object.entries(given.inputs).map(([port, input]) => [port, isObject(input) ? typedInput(input) : input]));
    // A pipeline component's steps arrive as a pipeline job's nodes; they are kept as sent too,
    // for the SDK reads its nodes back in its own form.
    if (spec.type === 'pipeline' && isObject(given.jobs)) {
      spec.jobs = armPipelineSteps(given.jobs as Record<string, ArmPipelineNode | null>, 'properties.componentSpec.jobs');
      delete spec.sourceJobId;
      return { spec, keep: { arm_jobs: given.jobs } };
    }
    const code = given.code;
    if (typeof code === 'string' && /\/codes\/[^/]+\/versions\/[^/]+$/i.test(code)) spec.code = await codeSnapshot(ctx, scope.workspace, code, 'properties.componentSpec.code');
    return { spec, keep: typeof code === 'string' ? { source_code: code } : {} };
  },
  toProperties: (spec) => {
    const { source_code: code, is_anonymous: _anonymous, arm_jobs: armJobs, ...rest } = spec;
    return { componentSpec: { ...rest, ...(code !== undefined ? { code } : {}), ...(armJobs !== undefined ? { jobs: armJobs } : {}) } };
  },
};
