import { Type, type Static } from '@sinclair/typebox';
import { AssetName, AssetVersion, schemaId } from './asset-fields.js';
import { ComponentInputSchema, ComponentOutputSchema } from './command-component-schema.js';
import { StringEnum, StringMap } from './keywords.js';
import { PipelineStepSchema } from './pipeline-job-schema.js';

const PortName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' });

/**
 * The Azure ML v2 `pipelineComponent` YAML kind
 * (https://azuremlschemas.azureedge.net/latest/pipelineComponent.schema.json): a pipeline's
 * steps packaged as a reusable component, with declared inputs and outputs (as a command
 * component's) that its steps bind with `${{parent.inputs.x}}` and `${{parent.outputs.y}}`. A
 * pipeline runs it as a step of `type: pipeline`; registered with `lathe component create`.
 */
export const PipelineComponentSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    type: StringEnum(['pipeline']),
    name: Type.Optional(AssetName),
    version: Type.Optional(AssetVersion),
    display_name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    tags: Type.Optional(StringMap()),
    properties: Type.Optional(StringMap()),
    is_deterministic: Type.Optional(Type.Boolean()),
    inputs: Type.Optional(Type.Record(PortName, ComponentInputSchema)),
    outputs: Type.Optional(Type.Record(PortName, ComponentOutputSchema)),
    /** Step names are at most 64 characters, as a pipeline job's. */
    jobs: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' }), PipelineStepSchema),
  },
  {
    additionalProperties: false,
    $id: schemaId('pipelineComponent.schema.json'),
    title: 'Lathe pipeline component (Azure ML v2 pipelineComponent)',
  },
);

/** A validated pipeline component. */
export type PipelineComponentSpec = Static<typeof PipelineComponentSchema>;
