import type { ArmAssetKind } from './arm-asset-kind.js';
import { toDatastoreUri } from './datastore-uri.js';

/**
 * Code versions, which the Azure ML SDK registers after uploading a job's or component's `code=`
 * folder: `codeUri` names the folder on a datastore; the Lathe `code` asset is a snapshot of it,
 * and `codeUri` is answered as given.
 */
export const ARM_CODE_KIND: ArmAssetKind = {
  plural: 'codes',
  kind: 'code',
  fields: { codeUri: { type: 'string', minLength: 1, maxLength: 4096 } },
  required: ['codeUri'],
  toSpec: ({ scope, properties }) => {
    const codeUri = properties.codeUri as string;
    return {
      spec: { path: toDatastoreUri(codeUri, scope.workspace, 'properties.codeUri'), ...(properties.isAnonymous !== undefined ? { is_anonymous: properties.isAnonymous } : {}) },
      keep: { source_path: codeUri },
    };
  },
  toProperties: (spec) => ({ codeUri: spec.source_path ?? spec.path }),
};
