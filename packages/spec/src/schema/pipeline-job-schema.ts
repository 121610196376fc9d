import { Type, type Static } from '@sinclair/typebox';
import { controllerJobFields, DistributionSchema, IdentitySchema, InlineEnvironmentSchema, JobInputSchema, JobOutputSchema, ResourcesSchema } from './command-job-schema.js';
import { Lenient, LooseString, StringEnum, StringMap } from './keywords.js';

/**
 * The Azure ML v2 `pipelineJob` YAML kind (https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json)
 * as Lathe reads it: pipeline-level inputs, outputs and settings, and `jobs`, the steps, each a
 * command (inline, or a `component:` reference) whose inputs and outputs bind to the pipeline's
 * (`${{parent.inputs.x}}`, `${{parent.outputs.y}}`) or to another step's outputs
 * (`${{parent.jobs.<step>.outputs.<o>}}`). What a schema cannot say — that every binding names
 * something, that the steps make no cycle — `pipeline-job.ts` checks.
 */

const PortName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' });

/** The step types of Azure's pipelines; Lathe runs `command`, `sweep`, `pipeline` and `parallel` steps. */
export const PIPELINE_STEP_TYPES = ['command', 'sweep', 'parallel', 'pipeline', 'spark', 'automl'] as const;

/**
 * A step's output: a binding to a pipeline output (`${{parent.outputs.model}}`), a declared
 * output, or nothing (a folder on the default datastore).
 */
export const StepOutputSchema = Type.Union([Type.String({ minLength: 1 }), JobOutputSchema, Type.Null()]);

/** One step of `jobs`: a command, sweep, pipeline or parallel job, run as the pipeline's child. */
export const PipelineStepSchema = Type.Object(
  {
    type: Type.Optional(StringEnum(PIPELINE_STEP_TYPES, { default: 'command' })),
    name: Type.Optional(Type.String()),
    display_name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    tags: Type.Optional(StringMap()),
    /** `azureml:<name>:<version>`, `azureml:<name>@latest`, `file:./component.yml` (or a bare path), or an inline component. */
    component: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Record(Type.String(), Type.Unknown())])),
    command: Type.Optional(Type.String({ minLength: 1 })),
    code: Type.Optional(Type.String({ minLength: 1 })),
    environment: Type.Optional(Type.Union([Type.String({ minLength: 1 }), InlineEnvironmentSchema])),
    environment_variables: Type.Optional(StringMap()),
    /** A compute name, or `${{parent.inputs.<name>}}`. */
    compute: Type.Optional(Type.String({ minLength: 1 })),
    resources: Type.Optional(ResourcesSchema),
    distribution: Type.Optional(DistributionSchema),
    /** A command step's `{timeout}`, a sweep step's `{max_total_trials, ...}`: checked as the step's kind reads them. */
    limits: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    /** A sweep step's: what each trial runs, a component (`./train.yml`, `azureml:train:1`, inline) or a trial mapping. */
    trial: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Record(Type.String(), Type.Unknown())])),
    /** A sweep step's settings, as a sweep job's (checked as one when the pipeline is submitted). */
    sampling_algorithm: Type.Optional(Type.Unknown()),
    search_space: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    objective: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    early_termination: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    /** A parallel step's settings, as a parallel job's (checked as one when the pipeline is submitted). */
    input_data: Type.Optional(Type.String()),
    mini_batch_size: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
    partition_keys: Type.Optional(Type.Array(Type.String())),
    max_concurrency_per_instance: Type.Optional(Type.Integer()),
    mini_batch_error_threshold: Type.Optional(Type.Integer()),
    retry_settings: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    logging_level: Type.Optional(Type.String()),
    output_action: Type.Optional(Type.String()),
    task: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    /** Literals, data inputs, or bindings: `${{parent.inputs.x}}`, `${{parent.jobs.prep.outputs.data}}`. */
    inputs: Type.Optional(Type.Record(PortName, JobInputSchema)),
    outputs: Type.Optional(Type.Record(PortName, StepOutputSchema)),
  },
  { additionalProperties: false, title: 'PipelineStep' },
);

/** Defaults for every step; unknown keys are warned about (Azure's own examples misspell some). */
export const PipelineSettingsSchema = Lenient(
  Type.Object(
    {
      default_compute: Type.Optional(Type.String({ minLength: 1 })),
      default_datastore: Type.Optional(Type.String({ minLength: 1 })),
      default_environment: Type.Optional(Type.String({ minLength: 1 })),
      continue_on_step_failure: Type.Optional(Type.Boolean()),
      force_rerun: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false, title: 'PipelineSettings' },
  ),
);

/** The pipeline job document. */
export const PipelineJobSchema = Type.Object(
  {
    ...controllerJobFields('pipeline'),
    inputs: Type.Optional(Type.Record(PortName, JobInputSchema)),
    outputs: Type.Optional(Type.Record(PortName, Type.Union([JobOutputSchema, Type.Null()]))),
    settings: Type.Optional(PipelineSettingsSchema),
    /** Step names are at most 64 characters: each step's job is named `<pipeline>_<step>`. */
    jobs: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' }), PipelineStepSchema),
    identity: Type.Optional(IdentitySchema),
    version: Type.Optional(LooseString()),
  },
  {
    additionalProperties: false,
    $id: 'https://lathe.dev/schemas/pipelineJob.schema.json',
    title: 'Lathe pipeline job (Azure ML v2 pipelineJob)',
  },
);

/** A validated, normalised pipeline job. */
export type PipelineJobSpec = Static<typeof PipelineJobSchema>;
/** One validated step. */
export type PipelineStep = Static<typeof PipelineStepSchema>;
