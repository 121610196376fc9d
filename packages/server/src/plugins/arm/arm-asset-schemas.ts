import { ASSET_NAME_PATTERN } from '@lathe/spec';
import { NULLABLE_STRING_MAP, type ArmAssetKind } from './arm-asset-kind.js';
import { LIST_VIEW_TYPES } from './arm-list-view.js';
import { ARM_PAGE_QUERY } from './arm-page.js';

/** The path parameters of an asset route: a name and a version by Azure's rule for both. */
export const ASSET_PARAMS = {
  type: 'object',
  properties: { name: { type: 'string', pattern: ASSET_NAME_PATTERN }, version: { type: 'string', pattern: ASSET_NAME_PATTERN } },
} as const;

/**
 * The query of a version or container list: paging, `$orderBy`, `$top`, `listViewType`. The SDK
 * also sends filters Lathe does not apply (`tags`, `properties`, `description`); any other key
 * must be given once.
 */
export const ASSET_LIST_QUERY = {
  type: 'object',
  properties: { ...ARM_PAGE_QUERY, $orderBy: { type: 'string', maxLength: 100 }, $top: { type: 'integer', minimum: 1 }, listViewType: { type: 'string', enum: [...LIST_VIEW_TYPES] } },
  additionalProperties: { type: 'string' },
} as const;

/** A container PUT: only `isArchived` is applied; Lathe keeps no container apart from its versions. */
export const CONTAINER_BODY = {
  type: 'object',
  required: ['properties'],
  properties: {
    properties: {
      type: 'object',
      properties: { isArchived: { type: ['boolean', 'null'] }, description: { type: ['string', 'null'] }, tags: NULLABLE_STRING_MAP, properties: NULLABLE_STRING_MAP },
    },
  },
} as const;

/** A version PUT of `kind`: the fields every version shares, and the kind's own. */
export function versionBodySchema(kind: ArmAssetKind): Record<string, unknown> {
  return {
    type: 'object',
    required: ['properties'],
    properties: {
      properties: {
        type: 'object',
        required: [...kind.required],
        properties: {
          description: { type: ['string', 'null'] },
          tags: NULLABLE_STRING_MAP,
          properties: NULLABLE_STRING_MAP,
          isAnonymous: { type: ['boolean', 'null'] },
          isArchived: { type: ['boolean', 'null'] },
          ...kind.fields,
        },
      },
    },
  };
}
