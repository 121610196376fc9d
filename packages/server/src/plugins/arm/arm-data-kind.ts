import { DATA_ASSET_TYPES } from '@lathe/spec';
import type { ArmAssetKind } from './arm-asset-kind.js';
import { toDatastoreUri } from './datastore-uri.js';

/**
 * Data versions (`DataVersionBase`, told apart by `dataType`): `dataUri` names a file or folder on
 * a datastore (the SDK uploads a local path first); the Lathe `data` asset is a snapshot of it, so
 * a job reading `azureml:<name>:<version>` sees those files whatever happens to the datastore.
 */
export const ARM_DATA_KIND: ArmAssetKind = {
  plural: 'data',
  kind: 'data',
  fields: {
    dataType: { type: 'string', enum: [...DATA_ASSET_TYPES] },
    dataUri: { type: 'string', minLength: 1, maxLength: 4096 },
    referencedUris: { type: ['array', 'null'], items: { type: 'string' } },
  },
  required: ['dataType', 'dataUri'],
  toSpec: ({ scope, properties }) => {
    const dataUri = properties.dataUri as string;
    return { spec: { type: properties.dataType, path: toDatastoreUri(dataUri, scope.workspace, 'properties.dataUri', scope.authority) }, keep: { source_path: dataUri } };
  },
  toProperties: (spec) => ({
    dataType: spec.type,
    dataUri: spec.source_path ?? spec.path,
    ...(spec.type === 'mltable' ? { referencedUris: [] } : {}),
  }),
};
