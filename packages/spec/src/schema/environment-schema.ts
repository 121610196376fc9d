import { Type, type Static } from '@sinclair/typebox';
import { assetFields, schemaId } from './asset-fields.js';
import { Lenient, StringEnum } from './keywords.js';

/**
 * The Azure ML v2 `environment` YAML kind
 * (https://azuremlschemas.azureedge.net/latest/environment.schema.json): a named, versioned runtime
 * from a container image (plus a conda file) or a Docker build context.
 */

/** A conda environment file given inline; unknown keys are warnings (conda grows new ones). */
export const CondaFileSchema = Lenient(
  Type.Object(
    {
      name: Type.Optional(Type.String()),
      channels: Type.Optional(Type.Array(Type.String())),
      dependencies: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Object({ pip: Type.Array(Type.String()) }, { additionalProperties: false })]))),
      variables: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      prefix: Type.Optional(Type.String()),
    },
    { additionalProperties: false, title: 'CondaFile' },
  ),
);

/** A Docker build context: `{ path: docker-contexts/python-and-pip, dockerfile_path: Dockerfile }`. */
export const BuildContextSchema = Type.Object(
  {
    path: Type.String({ minLength: 1, description: 'Local folder (relative to the YAML) or URL of the build context' }),
    dockerfile_path: Type.String({ minLength: 1, default: 'Dockerfile' }),
  },
  { additionalProperties: false, title: 'BuildContext' },
);

const Route = Type.Object({ path: Type.String({ minLength: 1 }), port: Type.Integer({ minimum: 1, maximum: 65535 }) }, { additionalProperties: false, title: 'Route' });

/** Routes of a serving container, for environments used by online deployments. */
export const InferenceConfigSchema = Type.Object(
  { liveness_route: Type.Optional(Route), readiness_route: Type.Optional(Route), scoring_route: Type.Optional(Route) },
  { additionalProperties: false, title: 'InferenceConfig' },
);

/** The environment document. */
export const EnvironmentSchema = Type.Object(
  {
    ...assetFields(),
    image: Type.Optional(Type.String({ minLength: 1 })),
    conda_file: Type.Optional(Type.Union([Type.String({ minLength: 1 }), CondaFileSchema])),
    build: Type.Optional(BuildContextSchema),
    os_type: StringEnum(['linux', 'windows'], { default: 'linux' }),
    inference_config: Type.Optional(InferenceConfigSchema),
  },
  { additionalProperties: false, $id: schemaId('environment.schema.json'), title: 'Lathe environment (Azure ML v2 environment)' },
);

/** A validated, normalised environment (`os_type` filled). */
export type EnvironmentSpec = Static<typeof EnvironmentSchema>;
