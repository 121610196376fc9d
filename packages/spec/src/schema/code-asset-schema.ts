import { Type, type Static } from '@sinclair/typebox';
import { assetFields } from './asset-fields.js';
import { Reference } from './keywords.js';

/**
 * The Azure ML v2 `code` asset (https://azuremlschemas.azureedge.net/latest/code.schema.json): a
 * named, versioned snapshot of a job's or component's source folder. The Azure ML SDK registers
 * one (anonymous, named by a UUID) for every `code=` it uploads.
 */

/** What a code asset's `path` may name: a folder holding the code. */
export const CODE_PATH_REFERENCES = ['local', 'blob', 'datastore'] as const;

/** The code asset document. */
export const CodeAssetSchema = Type.Object(
  {
    ...assetFields(),
    path: Reference(CODE_PATH_REFERENCES, { description: 'Local folder (relative to the YAML), or azureml://datastores/<ds>/paths/<p> URI' }),
    is_anonymous: Type.Optional(Type.Boolean({ description: 'registered by a client for one submission, not by name' })),
  },
  { additionalProperties: false, title: 'Lathe code asset (Azure ML v2 code)' },
);

/** A validated code asset. */
export type CodeAssetSpec = Static<typeof CodeAssetSchema>;
