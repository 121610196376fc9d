import { LatheError } from '@lathe/core';
import type { AssetVersion } from '@lathe/store';
import { CURATED_VERSION, curatedEnvironmentSpec, findCuratedEnvironment, parseYamlData } from '@lathe/spec';
import type { ArmAssetKind } from './arm-asset-kind.js';

const Route = { type: ['object', 'null'], required: ['path', 'port'], properties: { path: { type: 'string' }, port: { type: 'integer' } } };
const ROUTES = [
  ['livenessRoute', 'liveness_route'],
  ['readinessRoute', 'readiness_route'],
  ['scoringRoute', 'scoring_route'],
] as const;

/**
 * Environment versions: `image`, `condaFile` (the conda file's YAML text, inlined by the SDK),
 * `build`, `osType` and `inferenceConfig`, onto Lathe's environment spec; `condaFile` is answered
 * as sent. The SDK's inline environments arrive as `CliV2AnonymousEnvironment/versions/<hash>`.
 * Azure's curated environments (`AzureML-sklearn-1.0-ubuntu20.04-py38-cpu`) answer from every
 * workspace that has no environment of that name, at version `curated`, as jobs resolve them.
 */
export const ARM_ENVIRONMENT_KIND: ArmAssetKind = {
  plural: 'environments',
  kind: 'environment',
  fields: {
    image: { type: ['string', 'null'] },
    condaFile: { type: ['string', 'null'], maxLength: 1_000_000 },
    build: { type: ['object', 'null'], required: ['contextUri'], properties: { contextUri: { type: 'string', minLength: 1 }, dockerfilePath: { type: ['string', 'null'] } } },
    osType: { type: ['string', 'null'], enum: ['Linux', 'Windows', null] },
    inferenceConfig: { type: ['object', 'null'], properties: Object.fromEntries(ROUTES.map(([arm]) => [arm, Route])) },
    environmentType: { type: ['string', 'null'] },
    autoRebuild: { type: ['string', 'null'] },
  },
  required: [],
  toSpec: ({ properties: p }) => {
    const spec: Record<string, unknown> = {};
    if (typeof p.image === 'string') spec.image = p.image;
    if (typeof p.condaFile === 'string') spec.conda_file = condaFile(p.condaFile);
    const build = p.build as { contextUri: string; dockerfilePath?: string | null } | null | undefined;
    if (build) spec.build = { path: build.contextUri, ...(build.dockerfilePath ? { dockerfile_path: build.dockerfilePath } : {}) };
    if (typeof p.osType === 'string') spec.os_type = p.osType.toLowerCase();
    const inference = p.inferenceConfig as Record<string, unknown> | null | undefined;
    if (inference) spec.inference_config = Object.fromEntries(ROUTES.filter(([arm]) => inference[arm]).map(([arm, lathe]) => [lathe, inference[arm]]));
    return { spec, keep: typeof p.condaFile === 'string' ? { source_conda_file: p.condaFile } : {} };
  },
  toProperties: (spec) => {
    const build = spec.build as { path: string; dockerfile_path?: string } | undefined;
    const inference = spec.inference_config as Record<string, unknown> | undefined;
    return {
      image: spec.image ?? null,
      // JSON is YAML: a conda file that came as data (curated, or Lathe's own routes) is answered as text.
      condaFile: spec.source_conda_file ?? (spec.conda_file === undefined ? null : JSON.stringify(spec.conda_file)),
      build: build ? { contextUri: build.path, dockerfilePath: build.dockerfile_path ?? 'Dockerfile' } : null,
      osType: spec.os_type === 'windows' ? 'Windows' : 'Linux',
      inferenceConfig: inference ? Object.fromEntries(ROUTES.filter(([, lathe]) => inference[lathe]).map(([arm, lathe]) => [arm, inference[lathe]])) : null,
      environmentType: spec.version === CURATED_VERSION && findCuratedEnvironment(String(spec.name)) ? 'Curated' : 'UserCreated',
    };
  },
  builtin: (name) => {
    const found = findCuratedEnvironment(name);
    if (found === undefined) return undefined;
    const asset: AssetVersion = { kind: 'environment', name, version: CURATED_VERSION, spec: curatedEnvironmentSpec(found), contentHash: '', createdAt: 0, archived: false };
    return asset;
  },
};

function condaFile(text: string): unknown {
  try {
    const parsed = parseYamlData(text, 'properties.condaFile');
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected a mapping (name, channels, dependencies)');
    return parsed;
  } catch (error) {
    throw new LatheError('LATHE_BAD_REQUEST', `properties.condaFile: not a conda file: ${(error as Error).message}`, { details: { field: 'properties.condaFile' } });
  }
}
