import { LatheError } from '@lathe/core';

/** The `properties.properties` of an `AmlCompute` as the SDK PUTs it (camelCase). */
export interface ArmAmlComputeProperties {
  vmSize?: string | null;
  vmPriority?: 'Dedicated' | 'LowPriority' | null;
  scaleSettings?: { maxNodeCount: number; minNodeCount?: number | null; nodeIdleTimeBeforeScaleDown?: string | null } | null;
  remoteLoginPortPublicAccess?: string | null;
  enableNodePublicIp?: boolean | null;
}

/** A `ComputeResource` body with `AmlCompute` properties. */
export interface ArmComputeBody {
  location?: string | null;
  tags?: Record<string, string> | null;
  properties: { computeType: string; description?: string | null; properties?: ArmAmlComputeProperties | null };
}

const NullableString = { type: ['string', 'null'] };

/** The JSON Schema of {@link ArmComputeBody}; fields Lathe neither applies nor records (identity, subnet, credentials) pass unread. */
export const ARM_COMPUTE_BODY_SCHEMA = {
  type: 'object',
  required: ['properties'],
  properties: {
    location: NullableString,
    tags: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
    properties: {
      type: 'object',
      required: ['computeType'],
      properties: {
        computeType: { type: 'string' },
        description: NullableString,
        properties: {
          type: ['object', 'null'],
          properties: {
            vmSize: NullableString,
            vmPriority: { type: ['string', 'null'], enum: ['Dedicated', 'LowPriority', null] },
            scaleSettings: {
              type: ['object', 'null'],
              required: ['maxNodeCount'],
              properties: { maxNodeCount: { type: 'integer' }, minNodeCount: { type: ['integer', 'null'] }, nodeIdleTimeBeforeScaleDown: NullableString },
            },
            remoteLoginPortPublicAccess: { type: ['string', 'null'], enum: ['Enabled', 'Disabled', 'NotSpecified', null] },
            enableNodePublicIp: { type: ['boolean', 'null'] },
          },
        },
      },
    },
  },
} as const;

/**
 * The Lathe `amlcompute` spec (for `validateCompute`) of an ARM `AmlCompute`: the scale settings'
 * node counts become `max_instances`/`min_instances` (at most `max_instances` of its jobs run at
 * once), the rest is recorded. Other compute types are `LATHE_BAD_REQUEST` naming
 * `properties.computeType`: Lathe runs only clusters.
 */
export function armComputeToSpec(name: string, body: ArmComputeBody): Record<string, unknown> {
  const { computeType, description } = body.properties;
  if (computeType.toLowerCase() !== 'amlcompute') {
    throw new LatheError('LATHE_BAD_REQUEST', `properties.computeType: '${computeType.slice(0, 50)}' computes are not served; AmlCompute is`, { details: { field: 'properties.computeType' } });
  }
  const p = body.properties.properties ?? {};
  const scale = p.scaleSettings;
  const spec: Record<string, unknown> = { name, type: 'amlcompute' };
  if (typeof description === 'string') spec.description = description;
  if (body.tags) spec.tags = body.tags;
  if (typeof body.location === 'string') spec.location = body.location;
  if (scale) spec.max_instances = scale.maxNodeCount;
  if (typeof scale?.minNodeCount === 'number') spec.min_instances = scale.minNodeCount;
  if (typeof scale?.nodeIdleTimeBeforeScaleDown === 'string') spec.idle_time_before_scale_down = durationSeconds(scale.nodeIdleTimeBeforeScaleDown);
  if (typeof p.vmSize === 'string') spec.size = p.vmSize;
  if (typeof p.vmPriority === 'string') spec.tier = p.vmPriority === 'LowPriority' ? 'low_priority' : 'dedicated';
  if (typeof p.remoteLoginPortPublicAccess === 'string' && p.remoteLoginPortPublicAccess !== 'NotSpecified') spec.ssh_public_access_enabled = p.remoteLoginPortPublicAccess === 'Enabled';
  if (typeof p.enableNodePublicIp === 'boolean') spec.enable_node_public_ip = p.enableNodePublicIp;
  return spec;
}

/** Whole seconds of an ISO 8601 duration of days, hours, minutes and seconds (`PT2M`, `P1DT30S`). */
export function durationSeconds(text: string, field = 'properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown'): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (match === null || text === 'P' || text.endsWith('T')) {
    throw new LatheError('LATHE_BAD_REQUEST', `${field}: '${text.slice(0, 50)}' is not an ISO 8601 duration such as PT120S`, { details: { field } });
  }
  const [d, h, m, s] = match.slice(1).map((part) => Number(part ?? 0));
  return Math.round((d ?? 0) * 86400 + (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0));
}
