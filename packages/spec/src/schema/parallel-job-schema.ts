import { Type, type Static } from '@sinclair/typebox';
import { controllerJobFields, IdentitySchema, InlineEnvironmentSchema, JobInputSchema, JobOutputSchema, ResourcesSchema } from './command-job-schema.js';
import { StringEnum, StringMap } from './keywords.js';

const PortName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' });

/** What each worker runs: the entry script with `init()` and `run(mini_batch)`, its code and environment. */
export const ParallelTaskSchema = Type.Object(
  {
    type: Type.Optional(StringEnum(['run_function'], { default: 'run_function' })),
    code: Type.Optional(Type.String({ minLength: 1 })),
    /** The script (relative to `code`) that defines `init()` and `run(mini_batch)`. */
    entry_script: Type.String({ minLength: 1 }),
    environment: Type.Optional(Type.Union([Type.String({ minLength: 1 }), InlineEnvironmentSchema])),
    /** Arguments the entry script reads from `sys.argv`; `${{inputs.x}}` and `${{outputs.y}}` are filled in. */
    program_arguments: Type.Optional(Type.String()),
    /** `${{outputs.<name>}}`: where `append_row` writes its file. */
    append_row_to: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false, title: 'ParallelTask' },
);

/**
 * The Azure ML v2 `parallelJob` (a pipeline's `type: parallel` step, and what batch deployments
 * run): an entry script's `run(mini_batch)` over mini-batches of `input_data`, in
 * `instance_count × max_concurrency_per_instance` worker processes that each call `init()` once.
 */
export const ParallelJobSchema = Type.Object(
  {
    ...controllerJobFields('parallel'),
    inputs: Type.Optional(Type.Record(PortName, JobInputSchema)),
    outputs: Type.Optional(Type.Record(PortName, JobOutputSchema)),
    /** `${{inputs.<name>}}`: the data input split into mini-batches. */
    input_data: Type.String({ minLength: 1 }),
    /** A number of files (or rows) per mini-batch, or a size (`"10kb"`, `"1mb"`). */
    mini_batch_size: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.String({ minLength: 1 })])),
    /** Columns of a tabular input: one mini-batch per distinct value. */
    partition_keys: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    resources: Type.Optional(ResourcesSchema),
    max_concurrency_per_instance: Type.Optional(Type.Integer({ minimum: 1, maximum: 64, default: 1 })),
    /** Failed mini-batches tolerated before the job fails; -1 tolerates any number. */
    mini_batch_error_threshold: Type.Optional(Type.Integer({ minimum: -1 })),
    retry_settings: Type.Optional(
      Type.Object(
        {
          max_retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
          /** Seconds one run(mini_batch) may take. */
          timeout: Type.Optional(Type.Integer({ minimum: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    logging_level: Type.Optional(StringEnum(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'])),
    output_action: Type.Optional(StringEnum(['append_row', 'summary_only'], { default: 'append_row' })),
    task: ParallelTaskSchema,
    environment_variables: Type.Optional(StringMap()),
    identity: Type.Optional(IdentitySchema),
  },
  {
    additionalProperties: false,
    $id: 'https://lathe.dev/schemas/parallelJob.schema.json',
    title: 'Lathe parallel job (Azure ML v2 parallelJob)',
  },
);

/** A validated parallel job. */
export type ParallelJobSpec = Static<typeof ParallelJobSchema>;
