import { Type, type Static } from '@sinclair/typebox';
import { assetFields, AssetName, schemaId } from './asset-fields.js';
import { Reference, StringEnum } from './keywords.js';

/**
 * The Azure ML v2 `data` YAML kind (https://azuremlschemas.azureedge.net/latest/data.schema.json):
 * a named, versioned pointer to a file, a folder or an MLTable folder.
 */

/** Data asset types. */
export const DATA_ASSET_TYPES = ['uri_file', 'uri_folder', 'mltable'] as const;

/** What a data asset's `path` may name: a place holding the data, not another asset. */
export const DATA_PATH_REFERENCES = ['local', 'url', 'blob', 'datastore', 'job-output'] as const;

/** The data asset document. */
export const DataAssetSchema = Type.Object(
  {
    ...assetFields(),
    type: StringEnum(DATA_ASSET_TYPES, { default: 'uri_folder' }),
    path: Reference(DATA_PATH_REFERENCES, {
      description: 'Local path (relative to the YAML), http(s) or Azure storage URL, azureml://datastores/... or azureml://jobs/... URI',
    }),
    datastore: Type.Optional(AssetName),
  },
  { additionalProperties: false, $id: schemaId('data.schema.json'), title: 'Lathe data asset (Azure ML v2 data)' },
);

/** A validated, normalised data asset (`type` filled). */
export type DataAssetSpec = Static<typeof DataAssetSchema>;
