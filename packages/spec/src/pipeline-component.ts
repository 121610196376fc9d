import { pipelineGraphIssues, withEmptyStepOutputs } from './pipeline-job.js';
import { PipelineComponentSchema, type PipelineComponentSpec } from './schema/pipeline-component-schema.js';
import { checkDocument, parseSpecText, readSpecFile, validateSpecValue, type LoadedSpec, type ParseSpecOptions, type SpecKind } from './spec-loader.js';

/** @internal */
export const PIPELINE_COMPONENT: SpecKind = {
  check(raw) {
    return checkDocument<PipelineComponentSpec>(PipelineComponentSchema, withEmptyStepOutputs(raw), pipelineGraphIssues);
  },
  textFields: [['version']],
};

/**
 * Parses and validates pipeline-component YAML text. Its steps are checked as a pipeline job's
 * are — bindings to declared inputs, outputs and steps, no cycle — each problem named at
 * file:line:column (`LATHE_INVALID_SPEC`).
 */
export function parsePipelineComponent(text: string, options: ParseSpecOptions): LoadedSpec<PipelineComponentSpec> {
  return parseSpecText(PIPELINE_COMPONENT, text, options);
}

/** Reads and validates a pipeline-component YAML file; see {@link parsePipelineComponent}. */
export async function loadPipelineComponentFile(file: string, set: readonly string[] = []): Promise<LoadedSpec<PipelineComponentSpec>> {
  return parsePipelineComponent(await readSpecFile(file), { file, set });
}

/** Validates a pipeline component given as data (a REST body, a step's inline component). */
export function validatePipelineComponent(value: unknown, source = 'request body'): { spec: PipelineComponentSpec; warnings: string[] } {
  return validateSpecValue(PIPELINE_COMPONENT, value, source);
}
