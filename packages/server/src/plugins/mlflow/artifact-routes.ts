import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { LatheError } from '@lathe/core';
import { pageToken } from './experiment-routes.js';
import { isRegistryArtifactPath } from './registry-artifacts.js';
import { fieldsOf, type TrackingScope } from './tracking-scope.js';
import { fileInfos, safeRelativePath, TrackingArtifacts } from '@lathe/jobs';
import { attachmentDisposition } from '../content-disposition.js';
import { bodyStream } from '../stream-bodies.js';

/** `artifacts/list` of the MLflow API: one level of a run's artifacts. */
export async function artifactListRoutes(app: FastifyInstance, scope: TrackingScope, artifacts: TrackingArtifacts): Promise<void> {
  app.get('/artifacts/list', async (request) => {
    const f = fieldsOf(request);
    pageToken(f); // Accepted; a listing is one page.
    const workspace = scope.workspaceOf(request);
    const info = await scope.tracking.getRunInfo(workspace, f.stringOf('run_id', 'run_uuid'));
    const path = safeRelativePath(f.optionalString('path') ?? '');
    const proxyPath = TrackingArtifacts.proxyPath(info.artifactUri, path);
    const files = proxyPath === undefined ? [] : fileInfos(await artifacts.list(workspace, proxyPath), path);
    return { root_uri: info.artifactUri, files };
  });

  app.get('/logged-models/:model_id/artifacts/directories', async (request) => {
    const f = fieldsOf(request);
    const workspace = scope.workspaceOf(request);
    const model = await scope.tracking.getLoggedModel(workspace, (request.params as { model_id: string }).model_id);
    const path = safeRelativePath(f.optionalString('artifact_directory_path') ?? '');
    const proxyPath = TrackingArtifacts.proxyPath(model.artifactLocation, path);
    const files = proxyPath === undefined ? [] : fileInfos(await artifacts.list(workspace, proxyPath), path);
    return { root_uri: model.artifactLocation, files };
  });
}

/**
 * The artifact proxy, `/api/2.0/mlflow-artifacts/artifacts/<path>`: PUT uploads (streamed to a
 * temporary file, then renamed into place), GET downloads (streamed), GET without a path lists
 * (`?path=`), DELETE removes. Paths are relative, `..`-free and confined to the workspace's
 * artifact root. Bodies are never parsed here, whatever their content type: MLflow's client
 * sends each file with the MIME type of its extension.
 */
export async function artifactProxyRoutes(app: FastifyInstance, scope: TrackingScope, artifacts: TrackingArtifacts): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  const pathOf = (request: FastifyRequest) => safeRelativePath((request.params as { '*': string })['*'] ?? '');

  app.get('/artifacts', async (request) => {
    const path = safeRelativePath(fieldsOf(request).optionalString('path') ?? '');
    const entries = await artifacts.list(scope.workspaceOf(request), path);
    return { files: fileInfos(entries, '') };
  });

  app.get('/artifacts/*', async (request, reply) => {
    const path = pathOf(request);
    if (path === '') {
      const entries = await artifacts.list(scope.workspaceOf(request), safeRelativePath(fieldsOf(request).optionalString('path') ?? ''));
      return { files: fileInfos(entries, '') };
    }
    const stream = await artifacts.open(scope.workspaceOf(request), path);
    const name = path.split('/').pop() ?? 'artifact';
    void reply.header('content-type', contentTypeOf(name)).header('content-disposition', attachmentDisposition(name));
    return reply.send(stream);
  });

  app.put('/artifacts/*', async (request) => {
    const path = pathOf(request);
    if (path === '') throw new LatheError('LATHE_BAD_REQUEST', 'an artifact upload needs a file path');
    const body = bodyStream(request.body);
    refuseRegistryWrite(path, body);
    refuseControlCharacters(path, body);
    await artifacts.put(scope.workspaceOf(request), path, body);
    return {};
  });

  app.delete('/artifacts/*', async (request) => {
    const path = pathOf(request);
    if (path === '') throw new LatheError('LATHE_BAD_REQUEST', 'refusing to delete the artifact root');
    refuseRegistryWrite(path);
    await artifacts.delete(scope.workspaceOf(request), path);
    return {};
  });
}

// Registered versions' files are snapshots: the proxy serves them but does not change them.
function refuseRegistryWrite(path: string, body?: Readable): void {
  if (!isRegistryArtifactPath(path)) return;
  body?.resume();
  throw new LatheError('LATHE_BAD_REQUEST', `Artifact '${path}' belongs to a registered model version and is read-only`, { details: { path } });
}

// A name with a line break or another control character could never be sent back in a header.
function refuseControlCharacters(path: string, body: Readable): void {
  if (!/[\u0000-\u001f\u007f]/.test(path)) return;
  body.resume();
  throw new LatheError('LATHE_BAD_REQUEST', 'Artifact names may not contain control characters (U+0000 to U+001F, U+007F)', { details: { field: 'path' } });
}

const TYPES: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  log: 'text/plain; charset=utf-8',
  json: 'application/json',
  yaml: 'text/yaml',
  yml: 'text/yaml',
  csv: 'text/csv',
  html: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  svg: 'image/svg+xml',
  gif: 'image/gif',
};

function contentTypeOf(name: string): string {
  const ext = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  return TYPES[ext] ?? 'application/octet-stream';
}
