import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LatheError } from '@lathe/core';
import { openDatastore } from '@lathe/jobs';
import { LocalDatastore } from '@lathe/store';
import type { ServerContext } from '../../server-context.js';
import { acceptStreamBodies, bodyStream } from '../stream-bodies.js';
import { BLOB_ROUTE_PREFIX, BlobAccounts } from '../../shared/blob-accounts.js';
import { authorizeBlobRequest, type BearerCheck } from './blob-auth.js';
import { BlobContainer, type BlobProperties } from './blob-container.js';
import { JobArtifactsContainer } from './job-artifacts-container.js';
import { JOB_ARTIFACT_CONTAINER } from '../../shared/job-artifact-names.js';
import { blobError, installBlobErrorHandler } from './blob-error.js';
import { listBlobs } from './list-blobs.js';
import { blobHeadersOf, blobRequestParts, flatHeaders, md5Header, metadataOf, rangeOf, type BlobRequestParts } from './blob-request.js';
import { readBlockList } from './block-list.js';

/** Options of {@link azureBlobRoutes}. */
export interface AzureBlobOptions {
  /** Accepts bearer tokens (the token service); without it only SharedKey and SAS are. */
  bearer?: BearerCheck;
}

const VERSION = '2021-12-02';

/**
 * The Blob-protocol endpoint at `/blob/<workspace>/<datastore>/<blob>`: the operations
 * azure-storage-blob and the Azure ML SDK use — Put Blob, Put Block and Put Block List, Get and
 * Head Blob (ranges too), Get and Set Blob Metadata, Get Container Properties and List Blobs —
 * over the workspace's datastores (a container is a datastore, its blobs are the datastore's
 * files). Every request is signed with the workspace's account key or carries a SAS; errors are
 * Azure's XML envelope.
 */
export async function azureBlobRoutes(app: FastifyInstance, ctx: ServerContext, options: AzureBlobOptions = {}): Promise<void> {
  const home = dirname(ctx.datastoreRoot);
  const accounts = new BlobAccounts(home);
  await app.register(
    async (scope) => {
      acceptStreamBodies(scope);
      installBlobErrorHandler(scope);
      scope.route({
        method: ['GET', 'HEAD', 'PUT'],
        url: '/:account/*',
        handler: async (request, reply) => {
          const parts = blobRequestParts(request.url, BLOB_ROUTE_PREFIX);
          const headers = flatHeaders(request);
          const operation = operationOf(request.method, parts);
          if (!(await ctx.store.hasWorkspace(parts.account))) throw blobError('ResourceNotFound', `no storage account '${parts.account}': accounts are workspace names`);
          const account = await accounts.account(parts.account);
          await authorizeBlobRequest({ request, parts, headers, account, signingNames: accounts.signingNames(account.name), permission: operation.permission, bearer: options.bearer });
          const container = await openContainer(ctx, home, parts);
          void reply.header('x-ms-request-id', randomUUID()).header('x-ms-version', headers['x-ms-version'] ?? VERSION);
          return operation.run({ request, reply, parts, headers, container, endpoint: `${request.protocol}://${request.host}${BLOB_ROUTE_PREFIX}/${parts.account}/` });
        },
      });
    },
    { prefix: BLOB_ROUTE_PREFIX },
  );
}

interface OperationInput {
  request: FastifyRequest;
  reply: FastifyReply;
  parts: BlobRequestParts;
  headers: Record<string, string>;
  container: BlobContainer;
  endpoint: string;
}

interface Operation {
  permission: 'r' | 'w' | 'c' | 'l';
  run: (input: OperationInput) => Promise<FastifyReply>;
}

// Which operation a method and query name; `InvalidQueryParameterValue` for one not served.
function operationOf(method: string, parts: BlobRequestParts): Operation {
  const query = new Map(parts.query);
  const comp = query.get('comp');
  const onContainer = query.get('restype') === 'container';
  if (onContainer && parts.blob === undefined) {
    if (comp === 'list' && method === 'GET') return { permission: 'l', run: listBlobs };
    if (comp === undefined && method !== 'PUT') return { permission: 'r', run: containerProperties };
  } else if (parts.blob !== undefined && !onContainer) {
    if (comp === undefined && method === 'PUT') return { permission: 'c', run: putBlob };
    if (comp === undefined) return { permission: 'r', run: getBlob };
    if (comp === 'metadata') return method === 'PUT' ? { permission: 'w', run: setMetadata } : { permission: 'r', run: getMetadata };
    if (comp === 'block' && method === 'PUT') return { permission: 'w', run: putBlock };
    if (comp === 'blocklist' && method === 'PUT') return { permission: 'c', run: putBlockList };
  }
  const what = `${method} ${parts.blob === undefined ? 'container' : 'blob'}${comp === undefined ? '' : ` comp=${comp.slice(0, 50)}`}`;
  throw blobError(
    'InvalidQueryParameterValue',
    `${what} is not an operation this endpoint serves (Put Blob, Put Block, Put Block List, Get/Head Blob, Get/Set Blob Metadata, Get Container Properties, List Blobs)`,
  );
}

async function openContainer(ctx: ServerContext, home: string, parts: BlobRequestParts): Promise<BlobContainer> {
  if (parts.container === '') throw blobError('InvalidUri', 'the URL names no container');
  const datastore = await openDatastore(ctx, parts.account, parts.container).catch((error: unknown) => {
    if (error instanceof LatheError && (error.code === 'LATHE_NOT_FOUND' || error.code === 'LATHE_BAD_REQUEST')) {
      throw blobError('ContainerNotFound', `container '${parts.container}' does not exist: containers are the workspace's datastores (${error.message})`);
    }
    throw error;
  });
  if (!(datastore instanceof LocalDatastore)) throw blobError('ContainerNotFound', `datastore '${parts.container}' is not a folder this server holds`);
  const state = join(home, 'blob-state', parts.account, parts.container);
  const folder = [parts.container, datastore.root, join(state, 'properties'), join(state, 'blocks')] as const;
  // Jobs' outputs show there under Azure ML's names, read-only.
  return parts.container === JOB_ARTIFACT_CONTAINER ? new JobArtifactsContainer(ctx, parts.account, ...folder) : new BlobContainer(...folder);
}

function blobName(parts: BlobRequestParts): string {
  return parts.blob ?? '';
}

function propertyHeaders(reply: FastifyReply, blob: BlobProperties): FastifyReply {
  void reply.header('etag', blob.etag).header('last-modified', blob.lastModified.toUTCString());
  return reply;
}

async function putBlob({ request, reply, parts, headers, container }: OperationInput): Promise<FastifyReply> {
  const type = headers['x-ms-blob-type'];
  if (type !== 'BlockBlob') throw blobError('InvalidHeaderValue', `x-ms-blob-type '${(type ?? '').slice(0, 50)}': this server stores BlockBlob only`, { header: 'x-ms-blob-type' });
  const write = { headers: blobHeadersOf(headers, true), metadata: metadataOf(request), mustNotExist: headers['if-none-match'] === '*' };
  const blob = await container.put(blobName(parts), bodyStream(request.body), md5Header(headers), write);
  return propertyHeaders(reply, blob).status(201).header('content-md5', blob.contentMd5).header('x-ms-request-server-encrypted', 'true').send();
}

async function putBlock({ request, reply, parts, headers, container }: OperationInput): Promise<FastifyReply> {
  const id = new Map(parts.query).get('blockid') ?? '';
  if (id === '' || id.length > 128) throw blobError('InvalidQueryParameterValue', 'blockid must be a base64 value of at most 64 bytes');
  const md5 = await container.putBlock(blobName(parts), id, bodyStream(request.body), md5Header(headers));
  return reply.status(201).header('content-md5', md5).header('x-ms-request-server-encrypted', 'true').send();
}

async function putBlockList({ request, reply, parts, headers, container }: OperationInput): Promise<FastifyReply> {
  const ids = await readBlockList(bodyStream(request.body));
  const write = { headers: blobHeadersOf(headers, false), metadata: metadataOf(request), mustNotExist: headers['if-none-match'] === '*' };
  const blob = await container.commitBlocks(blobName(parts), ids, write);
  return propertyHeaders(reply, blob).status(201).header('x-ms-request-server-encrypted', 'true').send();
}

async function getBlob({ request, reply, parts, headers, container }: OperationInput): Promise<FastifyReply> {
  const blob = await container.properties(blobName(parts));
  describeBlob(reply, blob);
  const range = rangeOf(headers, blob.size);
  if (range === undefined) {
    void reply.header('content-length', blob.size).header('content-md5', blob.contentMd5);
    return request.method === 'HEAD' ? reply.send() : reply.send(await container.read(blob.name));
  }
  void reply
    .status(206)
    .header('content-length', range.end - range.start + 1)
    .header('content-range', `bytes ${range.start}-${range.end}/${blob.size}`);
  if (blob.contentMd5 !== undefined) void reply.header('x-ms-blob-content-md5', blob.contentMd5);
  return request.method === 'HEAD' ? reply.send() : reply.send(await container.read(blob.name, range));
}

// The headers Get Blob and Get Blob Properties answer with, less the length.
function describeBlob(reply: FastifyReply, blob: BlobProperties): void {
  propertyHeaders(reply, blob)
    .type(blob.contentType ?? 'application/octet-stream')
    .header('accept-ranges', 'bytes')
    .header('x-ms-blob-type', 'BlockBlob')
    .header('x-ms-creation-time', blob.created.toUTCString())
    .header('x-ms-lease-state', 'available')
    .header('x-ms-lease-status', 'unlocked')
    .header('x-ms-server-encrypted', 'true');
  if (blob.contentEncoding !== undefined) void reply.header('content-encoding', blob.contentEncoding);
  if (blob.contentLanguage !== undefined) void reply.header('content-language', blob.contentLanguage);
  if (blob.contentDisposition !== undefined) void reply.header('content-disposition', blob.contentDisposition);
  if (blob.cacheControl !== undefined) void reply.header('cache-control', blob.cacheControl);
  for (const [key, value] of Object.entries(blob.metadata)) void reply.header(`x-ms-meta-${key}`, value);
}

async function setMetadata({ request, reply, parts, container }: OperationInput): Promise<FastifyReply> {
  const blob = await container.setMetadata(blobName(parts), metadataOf(request));
  return propertyHeaders(reply, blob).status(200).header('x-ms-request-server-encrypted', 'true').send();
}

async function getMetadata({ reply, parts, container }: OperationInput): Promise<FastifyReply> {
  const blob = await container.properties(blobName(parts));
  propertyHeaders(reply, blob);
  for (const [key, value] of Object.entries(blob.metadata)) void reply.header(`x-ms-meta-${key}`, value);
  return reply.status(200).send();
}

async function containerProperties({ reply }: OperationInput): Promise<FastifyReply> {
  return reply
    .status(200)
    .header('x-ms-lease-state', 'available')
    .header('x-ms-lease-status', 'unlocked')
    .header('x-ms-has-immutability-policy', 'false')
    .header('x-ms-has-legal-hold', 'false')
    .send();
}
