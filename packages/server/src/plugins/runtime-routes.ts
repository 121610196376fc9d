import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { LatheError, isTerminal } from '@lathe/core';
import { RuntimeReportRequest, workspaceRoutes } from '@lathe/api';
import type { RuntimeReport } from '@lathe/scheduler';
import type { ServerContext } from '../server-context.js';
import { requireJob, type JobParams } from '../shared/require-job.js';
import { acceptStreamBodies, bodyStream } from './stream-bodies.js';

const MAX_LOG_CHUNK = 8 << 20;

/**
 * What launchers call while they run a job: progress reports, log appends, output uploads.
 * Writes are refused once the job has ended, so a launcher orphaned by a restart cannot change a
 * finished job. Log chunks and output archives are read as bytes whatever their content type;
 * an output body that is not a (gzipped) tar archive is `LATHE_BAD_REQUEST`.
 */
export async function runtimeRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const activeJob = async (p: JobParams) => {
    const job = await requireJob(ctx, p);
    if (isTerminal(job.status)) {
      throw new LatheError('LATHE_CONFLICT', `job '${p.name}' has ended (${job.status}); it takes no more runtime writes`, { details: { status: job.status } });
    }
    return { workspace: p.workspace, job: p.name };
  };

  app.post<{ Params: JobParams; Body: RuntimeReport }>(workspaceRoutes.runtimeReport, { schema: { body: RuntimeReportRequest } }, async (request) => {
    const { job, applied } = await ctx.scheduler.report(request.params.workspace, request.params.name, request.body);
    return { applied, status: job.status };
  });

  await app.register(async (uploads) => {
    acceptStreamBodies(uploads);
    uploads.post<{ Params: JobParams; Querystring: { offset: number } }>(
      workspaceRoutes.runtimeLogs,
      { schema: { querystring: Type.Object({ offset: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }) } },
      async (request) => {
        const ref = await activeJob(request.params);
        const chunk = await readLimited(bodyStream(request.body), MAX_LOG_CHUNK);
        const size = await ctx.artifacts.appendLog(ref, request.query.offset, chunk);
        ctx.scheduler.events.emitLog(ref.workspace, ref.job, size);
        return { size };
      },
    );

    uploads.put<{ Params: JobParams & { output: string } }>(workspaceRoutes.runtimeOutput, async (request) => {
      const ref = await activeJob(request.params);
      const files = await ctx.artifacts.writeOutputArchive(ref, request.params.output, bodyStream(request.body));
      return { files: files.length };
    });
  });
}

async function readLimited(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new LatheError('LATHE_PAYLOAD_TOO_LARGE', `log chunks are limited to ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
