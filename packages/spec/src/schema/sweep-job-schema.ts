import { Type, type Static } from '@sinclair/typebox';
import { controllerJobFields, DistributionSchema, IdentitySchema, InlineEnvironmentSchema, JobInputSchema, JobOutputSchema, QueueSettingsSchema, ResourcesSchema } from './command-job-schema.js';
import { StringEnum, StringMap } from './keywords.js';

/**
 * The Azure ML v2 `sweepJob` YAML kind (https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json)
 * as Lathe accepts it. The schema checks the shape; what a schema cannot say (each search-space
 * expression, the algorithm's accepted expressions, the policy's fields) is checked by the sweep
 * parsers of `@lathe/controllers`, which the sweep kind runs on the same document.
 */

const InputName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' });

/**
 * What each trial runs: a command job's process part, or a command component (a pipeline's sweep
 * step names one as `trial: ./train.yml`, read as `{component: ./train.yml}`), whose inputs of the
 * search space's names take each trial's values. Inputs, outputs and compute are the sweep's.
 */
export const SweepTrialSchema = Type.Object(
  {
    command: Type.Optional(Type.String({ minLength: 1, description: 'The trial command; `${{search_space.<name>}}` is replaced by the value drawn for each trial' })),
    /** `azureml:<name>:<version>`, `azureml:<name>@latest`, or an inline command component; instead of `command` and `code`. */
    component: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Record(Type.String(), Type.Unknown())])),
    code: Type.Optional(Type.String({ minLength: 1 })),
    /** Required by Azure; without one, trials run with the server's Python as command jobs do. */
    environment: Type.Optional(Type.Union([Type.String({ minLength: 1 }), InlineEnvironmentSchema])),
    environment_variables: Type.Optional(StringMap()),
    distribution: Type.Optional(DistributionSchema),
    resources: Type.Optional(ResourcesSchema),
  },
  { additionalProperties: false, title: 'SweepTrial' },
);

/** How many trials, how many at once, and for how long (seconds). */
export const SweepLimitsSchema = Type.Object(
  {
    max_total_trials: Type.Integer({ minimum: 1, maximum: 1000, default: 1000 }),
    max_concurrent_trials: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    timeout: Type.Integer({ minimum: 1, default: 5_184_000 }),
    trial_timeout: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, title: 'SweepLimits' },
);

/** The metric every trial logs and which way is better. */
export const SweepObjectiveSchema = Type.Object(
  {
    primary_metric: Type.String({ minLength: 1, description: 'The MLflow metric name every trial logs' }),
    goal: StringEnum(['maximize', 'minimize']),
  },
  { additionalProperties: false, title: 'SweepObjective' },
);

/** The sweep job document. */
export const SweepJobSchema = Type.Object(
  {
    ...controllerJobFields('sweep'),
    inputs: Type.Optional(Type.Record(InputName, JobInputSchema)),
    outputs: Type.Optional(Type.Record(InputName, JobOutputSchema)),
    /** `random`, `grid`, `bayesian`, or `{type: random, seed, rule: random|sobol}`. */
    sampling_algorithm: Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], { description: 'random, grid or bayesian, or a mapping with type (random also takes seed and rule)' }),
    /** Parameter name → expression (`{type: uniform, min_value: 0.01, max_value: 0.9}`). */
    search_space: Type.Record(InputName, Type.Unknown(), { description: 'Parameter name → {type: choice|randint|uniform|..., ...}' }),
    objective: SweepObjectiveSchema,
    limits: Type.Optional(SweepLimitsSchema),
    early_termination: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'A policy: {type: bandit|median_stopping|truncation_selection|asha|hyperband|nan, ...}' })),
    trial: SweepTrialSchema,
    identity: Type.Optional(IdentitySchema),
    queue_settings: Type.Optional(QueueSettingsSchema),
  },
  {
    additionalProperties: false,
    $id: 'https://lathe.dev/schemas/sweepJob.schema.json',
    title: 'Lathe sweep job (Azure ML v2 sweepJob)',
  },
);

/** A validated, normalised sweep job. */
export type SweepJobSpec = Static<typeof SweepJobSchema>;
/** A sweep's `trial` after validation. */
export type SweepTrial = Static<typeof SweepTrialSchema>;
