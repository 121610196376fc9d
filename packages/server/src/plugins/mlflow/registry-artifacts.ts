import { LatheError, parseBlobRef } from '@lathe/core';
import type { ModelVersion } from '@lathe/store';
import type { ServerContext } from '../../server-context.js';

/**
 * Where registered versions' files are served from: `mlflow-artifacts:/registry/<sha256>` is the
 * snapshot `blob://<sha256>` unpacked into the workspace's tracking artifacts, so MLflow clients
 * download a version through the artifact proxy like any run's artifacts. Content-addressed, so
 * it is the same whatever the model is called, and it is read-only through the proxy.
 */
export const REGISTRY_ARTIFACT_ROOT = 'registry';

/** The `mlflow-artifacts:` URI of a version's files, unpacking its snapshot on first use. */
export async function registryDownloadUri(ctx: ServerContext, workspace: string, version: ModelVersion): Promise<string> {
  const path = version.asset.spec.path;
  const ref = typeof path === 'string' ? parseBlobRef(path) : undefined;
  if (ref === undefined) {
    throw new LatheError('LATHE_NOT_FOUND', `Model Version (name=${version.name}, version=${version.version}) has no stored files (path: ${String(path)})`, {
      details: { kind: 'model version', name: version.name, version: version.version },
    });
  }
  const folder = `${REGISTRY_ARTIFACT_ROOT}/${ref.sha256}`;
  await ctx.artifacts.unpackBlobToTracking(workspace, folder, ref.sha256);
  return `mlflow-artifacts:/${folder}${ref.file !== undefined ? `/${ref.file}` : ''}`;
}

/** True for a proxy path inside {@link REGISTRY_ARTIFACT_ROOT}, which clients may not change. */
export function isRegistryArtifactPath(path: string): boolean {
  return path === REGISTRY_ARTIFACT_ROOT || path.startsWith(`${REGISTRY_ARTIFACT_ROOT}/`);
}
