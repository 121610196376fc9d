import { Type, type Static } from '@sinclair/typebox';
import { AssetName, AssetVersion, schemaId } from './asset-fields.js';
import { DistributionSchema, INPUT_MODES, InlineEnvironmentSchema, OUTPUT_MODES, ResourcesSchema } from './command-job-schema.js';
import { Reference, StringEnum, StringMap } from './keywords.js';

/**
 * The Azure ML v2 `commandComponent` YAML kind
 * (https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json): a reusable, versioned
 * command step with typed inputs and outputs.
 */

/** Input types that carry a value on the command line. */
export const PRIMITIVE_INPUT_TYPES = ['number', 'integer', 'string', 'boolean'] as const;
/** Input types that point at files. */
export const COMPONENT_DATA_TYPES = ['uri_file', 'uri_folder', 'mltable', 'custom_model', 'mlflow_model', 'triton_model'] as const;
/** Every component input type. */
export const COMPONENT_INPUT_TYPES = [...PRIMITIVE_INPUT_TYPES, ...COMPONENT_DATA_TYPES] as const;
/** Component output types. */
export const COMPONENT_OUTPUT_TYPES = ['uri_folder', 'uri_file', 'mltable', 'custom_model', 'mlflow_model', 'triton_model'] as const;

/** What a component's `environment` string may name: a registered environment. */
export const ENVIRONMENT_REFERENCES = ['asset', 'registry'] as const;

const PORT_NAME = '^[A-Za-z_][A-Za-z0-9_]*$';

/** A declared input: `{ type: number, default: 0.01, min: 0, optional: true }`. */
export const ComponentInputSchema = Type.Object(
  {
    type: StringEnum(COMPONENT_INPUT_TYPES),
    description: Type.Optional(Type.String()),
    default: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    optional: Type.Optional(Type.Boolean({ description: 'When true the input may be left out; use it inside $[[ ... ]]' })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    enum: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number()]))),
    mode: Type.Optional(StringEnum(INPUT_MODES)),
  },
  { additionalProperties: false, title: 'ComponentInput' },
);

/** A declared output: `{ type: uri_folder, description: ... }`. */
export const ComponentOutputSchema = Type.Object(
  {
    type: StringEnum(COMPONENT_OUTPUT_TYPES, { default: 'uri_folder' }),
    description: Type.Optional(Type.String()),
    mode: Type.Optional(StringEnum(OUTPUT_MODES)),
  },
  { additionalProperties: false, title: 'ComponentOutput' },
);

/**
 * What every component kind has besides its name and type: its version, how it is shown, whether
 * its runs may be reused (`is_deterministic`), and its declared inputs and outputs.
 */
export const COMPONENT_FIELDS = {
  version: Type.Optional(AssetVersion),
  display_name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  tags: Type.Optional(StringMap()),
  properties: Type.Optional(StringMap()),
  is_deterministic: Type.Optional(Type.Boolean()),
  inputs: Type.Optional(Type.Record(Type.String({ pattern: PORT_NAME }), ComponentInputSchema)),
  outputs: Type.Optional(Type.Record(Type.String({ pattern: PORT_NAME }), ComponentOutputSchema)),
};

/** The command component document. */
export const CommandComponentSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    type: StringEnum(['command'], { default: 'command' }),
    name: AssetName,
    ...COMPONENT_FIELDS,
    code: Type.Optional(Type.String({ minLength: 1 })),
    environment: Type.Union([Reference(ENVIRONMENT_REFERENCES, { description: 'azureml:<name>:<version>, azureml:<name>@latest or azureml://registries/...' }), InlineEnvironmentSchema]),
    command: Type.String({ minLength: 1 }),
    resources: Type.Optional(ResourcesSchema),
    distribution: Type.Optional(DistributionSchema),
    additional_includes: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  {
    additionalProperties: false,
    $id: schemaId('commandComponent.schema.json'),
    title: 'Lathe command component (Azure ML v2 commandComponent)',
  },
);

/** A validated, normalised command component (`type` and output types filled). */
export type CommandComponentSpec = Static<typeof CommandComponentSchema>;
/** A component input after validation. */
export type ComponentInput = Static<typeof ComponentInputSchema>;
/** A component output after validation (type filled). */
export type ComponentOutput = Static<typeof ComponentOutputSchema>;
