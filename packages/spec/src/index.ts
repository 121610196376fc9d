export {
  CommandJobSchema,
  DATA_INPUT_TYPES,
  DataInputSchema,
  INPUT_MODES,
  InlineEnvironmentSchema,
  JobInputSchema,
  JobOutputSchema,
  OUTPUT_MODES,
  OUTPUT_TYPES,
} from './schema/command-job-schema.js';
export type { CommandJobSpec, DataInput, JobInput, JobOutput } from './schema/command-job-schema.js';
export { loadCommandJobFile, parseCommandJob, validateCommandJob } from './command-job.js';
export type { LoadedCommandJob, ParseCommandJobOptions } from './command-job.js';
export { checkBindings, findBindings, renderCommand } from './bindings.js';
export type { Binding, BindingProblem, BindingScope, RenderContext } from './bindings.js';
export { parseSetOverrides } from './set-overrides.js';
export type { SetOverride } from './set-overrides.js';
export { formatFinding } from './spec-report.js';
export type { SpecFinding } from './spec-report.js';
export { JSON_SCHEMAS } from './json-schemas.js';
