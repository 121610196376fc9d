import type { FastifyInstance } from 'fastify';
import { notFound } from '@lathe/core';
import type { ServerContext } from '../server-context.js';
import { acceptStreamBodies, bodyStream } from './stream-bodies.js';

type BlobParams = { workspace: string; sha256: string };

/**
 * Content-addressed uploads (code snapshots, local inputs). PUT streams the body to disk and
 * verifies it hashes to the digest in the path; storing known content is a no-op, so clients
 * check with HEAD first and skip the upload. The body is stored as bytes whatever its content
 * type; a PUT without one is `LATHE_BAD_REQUEST`.
 */
export async function blobRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.head<{ Params: BlobParams }>('/blobs/:sha256', async (request, reply) => {
    const info = await ctx.artifacts.statBlob(request.params.sha256);
    if (!info) throw notFound('blob', request.params.sha256);
    void reply.header('content-length', info.size);
    return reply.send();
  });

  app.get<{ Params: BlobParams }>('/blobs/:sha256', async (request, reply) => {
    void reply.type('application/octet-stream');
    return ctx.artifacts.openBlob(request.params.sha256);
  });

  await app.register(async (uploads) => {
    acceptStreamBodies(uploads);
    uploads.put<{ Params: BlobParams }>('/blobs/:sha256', async (request, reply) => {
      const info = await ctx.artifacts.putBlob(bodyStream(request.body), request.params.sha256);
      void reply.status(info.existed ? 200 : 201);
      return info;
    });
  });
}
