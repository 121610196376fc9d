import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { AssetName, schemaId } from './asset-fields.js';
import { StringEnum, StringMap } from './keywords.js';

/**
 * The Azure ML v2 datastore YAML kinds (`azureBlob`, `azureFile`, `azureDataLakeGen1`,
 * `azureDataLakeGen2` at https://azuremlschemas.azureedge.net/latest/) and Lathe's own `local`
 * datastore, a folder on the server's machine. `type` picks the branch.
 */

/** Datastore types Lathe reads and reaches. */
export const LATHE_DATASTORE_TYPES = ['local'] as const;
/** Datastore types Azure has; Lathe records them but cannot reach them yet. */
export const AZURE_DATASTORE_TYPES = ['azure_blob', 'azure_file', 'azure_data_lake_gen1', 'azure_data_lake_gen2'] as const;
/** Every datastore type. */
export const DATASTORE_TYPES = [...LATHE_DATASTORE_TYPES, ...AZURE_DATASTORE_TYPES] as const;

/** An account key or a SAS token (exactly one), for blob containers and file shares. */
export const AccountCredentialsSchema = Type.Object(
  { account_key: Type.Optional(Type.String({ minLength: 1 })), sas_token: Type.Optional(Type.String({ minLength: 1 })) },
  { additionalProperties: false, title: 'AccountCredentials' },
);

/** A service principal, for Data Lake stores. */
export const ServicePrincipalCredentialsSchema = Type.Object(
  {
    tenant_id: Type.String({ minLength: 1 }),
    client_id: Type.String({ minLength: 1 }),
    client_secret: Type.String({ minLength: 1 }),
    resource_url: Type.Optional(Type.String({ minLength: 1 })),
    authority_url: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false, title: 'ServicePrincipalCredentials' },
);

function datastore<const T extends string, P extends TProperties>(type: T, title: string, properties: P) {
  const common = {
    $schema: Type.Optional(Type.String()),
    type: StringEnum([type] as const),
    name: AssetName,
    description: Type.Optional(Type.String()),
    tags: Type.Optional(StringMap()),
  };
  return Type.Object({ ...common, ...properties }, { additionalProperties: false, title });
}

const endpoint = () => Type.Optional(Type.String({ minLength: 1, description: 'Storage endpoint suffix; Azure uses core.windows.net' }));

/** Lathe's own datastore: a folder on the machine that runs the server. */
export const LocalDatastoreSchema = datastore('local', 'LocalDatastore', {
  path: Type.String({ minLength: 1, description: 'Folder on the machine that runs the Lathe server' }),
});

/** An Azure Blob Storage container. */
export const AzureBlobDatastoreSchema = datastore('azure_blob', 'AzureBlobDatastore', {
  account_name: Type.String({ minLength: 1 }),
  container_name: Type.String({ minLength: 1 }),
  endpoint: endpoint(),
  protocol: Type.Optional(StringEnum(['https', 'wasbs'])),
  credentials: Type.Optional(AccountCredentialsSchema),
});

/** An Azure Files share. */
export const AzureFileDatastoreSchema = datastore('azure_file', 'AzureFileDatastore', {
  account_name: Type.String({ minLength: 1 }),
  file_share_name: Type.String({ minLength: 1 }),
  endpoint: endpoint(),
  protocol: Type.Optional(StringEnum(['https'])),
  credentials: Type.Optional(AccountCredentialsSchema),
});

/** An Azure Data Lake Storage Gen1 account. */
export const AzureDataLakeGen1DatastoreSchema = datastore('azure_data_lake_gen1', 'AzureDataLakeGen1Datastore', {
  store_name: Type.String({ minLength: 1 }),
  credentials: Type.Optional(ServicePrincipalCredentialsSchema),
});

/** An Azure Data Lake Storage Gen2 file system. */
export const AzureDataLakeGen2DatastoreSchema = datastore('azure_data_lake_gen2', 'AzureDataLakeGen2Datastore', {
  account_name: Type.String({ minLength: 1 }),
  filesystem: Type.String({ minLength: 1 }),
  endpoint: endpoint(),
  protocol: Type.Optional(StringEnum(['https', 'abfss'])),
  credentials: Type.Optional(ServicePrincipalCredentialsSchema),
});

/** Each datastore type's schema. */
export const DATASTORE_SCHEMAS: Readonly<Record<DatastoreType, TObject>> = {
  local: LocalDatastoreSchema,
  azure_blob: AzureBlobDatastoreSchema,
  azure_file: AzureFileDatastoreSchema,
  azure_data_lake_gen1: AzureDataLakeGen1DatastoreSchema,
  azure_data_lake_gen2: AzureDataLakeGen2DatastoreSchema,
};

/** The datastore document: one branch per `type`. */
export const DatastoreSchema = Type.Union([LocalDatastoreSchema, AzureBlobDatastoreSchema, AzureFileDatastoreSchema, AzureDataLakeGen1DatastoreSchema, AzureDataLakeGen2DatastoreSchema], {
  $id: schemaId('datastore.schema.json'),
  title: 'Lathe datastore (local, or Azure ML v2 azureBlob / azureFile / azureDataLakeGen1 / azureDataLakeGen2)',
});

/** A datastore type. */
export type DatastoreType = (typeof DATASTORE_TYPES)[number];
/** A validated datastore, narrowed by `type`. */
export type DatastoreSpec = Static<typeof DatastoreSchema>;
