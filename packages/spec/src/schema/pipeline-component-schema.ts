import { Type, type Static } from '@sinclair/typebox';
import { AssetName, schemaId } from './asset-fields.js';
import { COMPONENT_FIELDS } from './command-component-schema.js';
import { StringEnum } from './keywords.js';
import { PipelineStepSchema } from './pipeline-job-schema.js';

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
    ...COMPONENT_FIELDS,
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
