import { Type, type Static } from '@sinclair/typebox';
import { schemaId } from './asset-fields.js';
import { StringEnum, StringMap } from './keywords.js';

/**
 * Azure ML v2's `amlCompute` YAML (https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json):
 * a cluster of `max_instances` nodes. Lathe runs it as a named local target that runs at most
 * `max_instances` of its jobs at once, one job per node as on Azure; the fields that describe
 * Azure's machines and network are accepted and recorded, and reported as not applied.
 */

/** Compute types Lathe takes from YAML. */
export const COMPUTE_TYPES = ['amlcompute'] as const;

/** Azure's rule for compute names: 2 to 16 characters. */
export const COMPUTE_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9-]{0,14}[A-Za-z0-9]$';

/** Fields of an `amlcompute` that change how Lathe runs its jobs; every other field is recorded only. */
export const APPLIED_COMPUTE_FIELDS = ['$schema', 'name', 'type', 'description', 'tags', 'max_instances'] as const;

const SshSettings = Type.Object(
  { admin_username: Type.Optional(Type.String()), admin_password: Type.Optional(Type.String()), ssh_key_value: Type.Optional(Type.String()) },
  { additionalProperties: false, title: 'SshSettings' },
);

const NetworkSettings = Type.Object({ vnet_name: Type.Optional(Type.String()), subnet: Type.Optional(Type.String()) }, { additionalProperties: false, title: 'NetworkSettings' });

const Identity = Type.Object(
  {
    type: StringEnum(['system_assigned', 'user_assigned', 'system_assigned,user_assigned', 'none']),
    user_assigned_identities: Type.Optional(
      Type.Array(Type.Object({ resource_id: Type.Optional(Type.String()), client_id: Type.Optional(Type.String()), principal_id: Type.Optional(Type.String()) })),
    ),
  },
  { additionalProperties: false, title: 'Identity' },
);

/** An `amlcompute` cluster. */
export const AmlComputeSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.String({ pattern: COMPUTE_NAME_PATTERN, description: '2 to 16 letters, digits and -, starting with a letter and ending with a letter or digit' }),
    type: StringEnum(COMPUTE_TYPES),
    description: Type.Optional(Type.String()),
    tags: Type.Optional(StringMap()),
    // The most a 32-bit integer column holds (PostgreSQL's integer), where the store keeps it.
    max_instances: Type.Integer({ minimum: 1, maximum: 2_147_483_647, default: 1, description: 'Nodes of the cluster: Lathe runs at most this many of its jobs at once' }),
    min_instances: Type.Optional(Type.Integer({ minimum: 0 })),
    size: Type.Optional(Type.String({ minLength: 1, description: 'Azure VM size, e.g. STANDARD_DS3_v2; recorded only' })),
    tier: Type.Optional(StringEnum(['dedicated', 'low_priority'])),
    location: Type.Optional(Type.String()),
    idle_time_before_scale_down: Type.Optional(Type.Integer({ minimum: 0 })),
    identity: Type.Optional(Identity),
    ssh_public_access_enabled: Type.Optional(Type.Boolean()),
    ssh_settings: Type.Optional(SshSettings),
    admin_username: Type.Optional(Type.String()),
    network_settings: Type.Optional(NetworkSettings),
    enable_node_public_ip: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, $id: schemaId('amlCompute.schema.json'), title: 'Lathe compute (Azure ML v2 amlCompute)' },
);

/** A validated compute. */
export type ComputeSpec = Static<typeof AmlComputeSchema>;
