import { Type, type Static } from '@sinclair/typebox';
import { schemaId } from './asset-fields.js';
import { StringMap } from './keywords.js';

/** Azure's rule for workspace names: 3 to 33 letters, digits, _ and -, starting with a letter or digit. */
export const WORKSPACE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$';

/** Azure workspace fields that name Azure resources or settings; recorded, never applied. */
export const AZURE_ONLY_WORKSPACE_FIELDS = [
  'resource_group',
  'storage_account',
  'key_vault',
  'container_registry',
  'application_insights',
  'hbi_workspace',
  'image_build_compute',
  'public_network_access',
  'identity',
  'primary_user_assigned_identity',
  'managed_network',
  'customer_managed_key',
  'enable_data_isolation',
  'system_datastores_auth_mode',
] as const;

/**
 * Azure ML v2's workspace YAML (https://azuremlschemas.azureedge.net/latest/workspace.schema.json),
 * the fields Lathe keeps: name and the metadata shown by `workspace show`. `location` is
 * recorded only, and the Azure resources a workspace links (storage account, key vault, ...)
 * are accepted so that a file written for Azure is read, and reported as not applied.
 */
export const WorkspaceSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.String({ pattern: WORKSPACE_NAME_PATTERN, description: '3 to 33 letters, digits, _ and -, starting with a letter or digit' }),
    display_name: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    tags: Type.Optional(StringMap()),
    location: Type.Optional(Type.String()),
    ...Object.fromEntries(AZURE_ONLY_WORKSPACE_FIELDS.map((field) => [field, Type.Optional(Type.Unknown())])),
  },
  { additionalProperties: false, $id: schemaId('workspace.schema.json'), title: 'Lathe workspace (Azure ML v2 workspace)' },
);

/** A validated workspace. */
export type WorkspaceSpec = Static<typeof WorkspaceSchema>;
