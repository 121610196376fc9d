import { Type, type Static } from '@sinclair/typebox';
import { Lenient, LooseString, Reference, StringEnum, StringMap } from './keywords.js';

/**
 * The Azure ML v2 `commandJob` YAML kind (https://azuremlschemas.azureedge.net/latest/commandJob.schema.json),
 * as Lathe accepts it. This one schema yields the runtime validator (`validate/`), the TypeScript
 * type ({@link CommandJobSpec}) and the published JSON Schema (`schemas/commandJob.schema.json`).
 */

/** Data input types that point at files. */
export const DATA_INPUT_TYPES = ['uri_file', 'uri_folder', 'mltable', 'mlflow_model', 'custom_model'] as const;
/** How a data input reaches the job. */
export const INPUT_MODES = ['ro_mount', 'download', 'rw_mount', 'direct', 'eval_mount', 'eval_download'] as const;
/** Output types. */
export const OUTPUT_TYPES = ['uri_folder', 'uri_file', 'mltable', 'mlflow_model', 'custom_model'] as const;
/** How an output leaves the job. */
export const OUTPUT_MODES = ['rw_mount', 'upload', 'direct'] as const;

/** What a data input's `path` may name: every form of reference. */
export const JOB_INPUT_REFERENCES = ['local', 'url', 'blob', 'asset', 'registry', 'datastore', 'job-output', 'run'] as const;

/** A job's name. */
export const JobNameSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$', description: 'Letters, digits, _ and -' });

/** A file or folder input: `{ type: uri_file, path: ./data/iris.csv, mode: download }`. */
export const DataInputSchema = Type.Object(
  {
    type: StringEnum(DATA_INPUT_TYPES, { default: 'uri_folder' }),
    path: Reference(JOB_INPUT_REFERENCES, { description: 'Local path (relative to the YAML), URL, asset reference, azureml:// URI, runs:/ URI or uploaded blob' }),
    mode: StringEnum(INPUT_MODES, { default: 'ro_mount' }),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false, title: 'DataInput' },
);

/** A literal input value: `learning_rate: 0.01`. */
export const LiteralInputSchema = Type.Union([Type.String(), Type.Number(), Type.Boolean()], { title: 'LiteralInput' });

/** A job input: a literal, or a data input. */
export const JobInputSchema = Type.Union([LiteralInputSchema, DataInputSchema]);

/** A job output: a folder or file the job writes and Lathe keeps. */
export const JobOutputSchema = Type.Object(
  {
    type: StringEnum(OUTPUT_TYPES, { default: 'uri_folder' }),
    mode: StringEnum(OUTPUT_MODES, { default: 'rw_mount' }),
    path: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    version: Type.Optional(LooseString()),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false, title: 'JobOutput' },
);

/** An environment given inline. */
export const InlineEnvironmentSchema = Type.Object(
  {
    name: Type.Optional(Type.String()),
    version: Type.Optional(LooseString()),
    description: Type.Optional(Type.String()),
    image: Type.Optional(Type.String()),
    conda_file: Type.Optional(Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())])),
    build: Type.Optional(Type.Object({ path: Type.String(), dockerfile_path: Type.Optional(Type.String()) }, { additionalProperties: false })),
    os_type: Type.Optional(StringEnum(['linux', 'windows'])),
    tags: Type.Optional(StringMap()),
  },
  { additionalProperties: false, title: 'InlineEnvironment' },
);

/** Distributed training settings: `{ type: pytorch, process_count_per_instance: 2 }`. */
export const DistributionSchema = Lenient(
  Type.Object(
    {
      type: StringEnum(['pytorch', 'mpi', 'tensorflow', 'ray']),
      process_count_per_instance: Type.Optional(Type.Integer({ minimum: 1 })),
      worker_count: Type.Optional(Type.Integer({ minimum: 0 })),
      parameter_server_count: Type.Optional(Type.Integer({ minimum: 0 })),
    },
    { additionalProperties: false, title: 'Distribution' },
  ),
);

/** Where and on how many nodes the command runs. */
export const ResourcesSchema = Type.Object(
  {
    instance_count: Type.Optional(Type.Integer({ minimum: 1 })),
    instance_type: Type.Optional(Type.String()),
    shm_size: Type.Optional(Type.String()),
    docker_args: Type.Optional(Type.String()),
    locations: Type.Optional(Type.Array(Type.String())),
    properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false, title: 'Resources' },
);

const ServiceSchema = Lenient(
  Type.Object(
    {
      type: StringEnum(['jupyter_lab', 'ssh', 'tensor_board', 'vs_code']),
      nodes: Type.Optional(Type.String()),
      port: Type.Optional(Type.Integer()),
      properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    },
    { additionalProperties: false },
  ),
);

/** The identity a job would run as on Azure; accepted and reported as not applied. */
export const IdentitySchema = Lenient(Type.Object({ type: StringEnum(['user_identity', 'managed', 'aml_token']), client_id: Type.Optional(Type.String()) }, { additionalProperties: false }));

/** How every job kind's document names and labels its job, in Azure's order. */
const JOB_NAMING_FIELDS = {
  name: Type.Optional(JobNameSchema),
  display_name: Type.Optional(Type.String()),
  experiment_name: Type.Optional(Type.String({ minLength: 1 })),
  description: Type.Optional(Type.String()),
  tags: Type.Optional(StringMap()),
  properties: Type.Optional(StringMap()),
};

/**
 * The fields a controller job's document (`sweep`, `pipeline`) opens with: its `type`, names,
 * description, tags and compute, in Azure's order.
 */
export function controllerJobFields<const T extends string>(type: T) {
  return {
    $schema: Type.Optional(Type.String()),
    type: StringEnum([type] as const),
    ...JOB_NAMING_FIELDS,
    compute: Type.Optional(Type.String({ minLength: 1 })),
  };
}

/** Azure's job tier and priority; accepted, as a local queue has neither. */
export const QueueSettingsSchema = Lenient(Type.Object({ job_tier: Type.Optional(Type.String()), priority: Type.Optional(Type.String()) }, { additionalProperties: false }));

/** The command job document. */
export const CommandJobSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    type: Type.Optional(StringEnum(['command'], { default: 'command' })),
    ...JOB_NAMING_FIELDS,
    code: Type.Optional(Type.String({ minLength: 1 })),
    /** Required unless `component` names a command component that brings it. */
    command: Type.Optional(Type.String({ minLength: 1 })),
    /**
     * A registered command component (`azureml:<name>:<version>` or `@latest`) this job runs, or
     * an inline one (a pipeline step's component read from its file by the client).
     */
    component: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Record(Type.String(), Type.Unknown())])),
    inputs: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), JobInputSchema)),
    outputs: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), JobOutputSchema)),
    environment: Type.Optional(Type.Union([Type.String({ minLength: 1 }), InlineEnvironmentSchema])),
    environment_variables: Type.Optional(StringMap()),
    compute: Type.Optional(Type.String({ minLength: 1 })),
    resources: Type.Optional(ResourcesSchema),
    distribution: Type.Optional(DistributionSchema),
    limits: Type.Optional(Type.Object({ timeout: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false })),
    services: Type.Optional(Type.Record(Type.String(), ServiceSchema)),
    identity: Type.Optional(IdentitySchema),
    queue_settings: Type.Optional(QueueSettingsSchema),
  },
  {
    additionalProperties: false,
    $id: 'https://lathe.dev/schemas/commandJob.schema.json',
    title: 'Lathe command job (Azure ML v2 commandJob)',
  },
);

/** A validated, normalised command job. */
export type CommandJobSpec = Static<typeof CommandJobSchema>;
/** A data input after validation (defaults applied). */
export type DataInput = Static<typeof DataInputSchema>;
/** A job input after validation. */
export type JobInput = Static<typeof JobInputSchema>;
/** A job output after validation (defaults applied). */
export type JobOutput = Static<typeof JobOutputSchema>;
