import { extname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { JobRecord } from '@lathe/core';
import { workspaceRoutes } from '@lathe/api';
import { declaredOutputs, storedOutput } from '@lathe/jobs';
import type { ServerContext } from '../../server-context.js';
import { requireJob, type JobParams } from '../../shared/require-job.js';
import { attachmentDisposition } from '../content-disposition.js';

type OutputParams = JobParams & { output: string };

const TEXT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.yaml': 'text/yaml',
  '.yml': 'text/yaml',
  '.md': 'text/markdown',
  '.py': 'text/x-python',
};

/**
 * A job's stored outputs — a sweep's are its best trial's, a pipeline's those of the steps bound
 * to them, a reused step's those of the job it reused (see `storedOutput`): list them, list an output's files, download a file or the whole output.
 */
export async function outputRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const sourceIn = async (job: JobRecord, output: string) => {
    const source = await storedOutput(ctx.store, job, output);
    return { ref: { workspace: job.workspace, job: source.job }, output: source.output };
  };
  const sourceOf = async (p: JobParams, output: string) => sourceIn(await requireJob(ctx, p), output);

  app.get<{ Params: JobParams }>(workspaceRoutes.outputs, async (request) => {
    const job = await requireJob(ctx, request.params);
    const names = declaredOutputs(job) ?? (await ctx.artifacts.listOutputs((await sourceIn(job, 'default')).ref));
    const value = [];
    for (const name of names) {
      const { ref, output } = await sourceIn(job, name);
      if (!(await ctx.artifacts.listOutputs(ref)).includes(output)) continue;
      const files = await ctx.artifacts.listOutputFiles(ref, output);
      value.push({ name, files: files.length, size: files.reduce((sum, f) => sum + f.size, 0) });
    }
    return { value };
  });

  app.get<{ Params: OutputParams }>(workspaceRoutes.outputFiles, async (request) => {
    const { ref, output } = await sourceOf(request.params, request.params.output);
    return { value: await ctx.artifacts.listOutputFiles(ref, output) };
  });

  app.get<{ Params: OutputParams & { '*': string } }>(workspaceRoutes.outputFile, async (request, reply) => {
    const path = request.params['*'];
    const { ref, output } = await sourceOf(request.params, request.params.output);
    const stream = await ctx.artifacts.openOutputFile(ref, output, path);
    const type = TEXT_TYPES[extname(path).toLowerCase()];
    void reply.type(type ? `${type}; charset=utf-8` : 'application/octet-stream');
    return stream;
  });

  app.get<{ Params: OutputParams }>(workspaceRoutes.outputArchive, async (request, reply) => {
    const { ref, output } = await sourceOf(request.params, request.params.output);
    const stream = await ctx.artifacts.packOutput(ref, output);
    void reply.type('application/gzip').header('content-disposition', attachmentDisposition(`${request.params.name}-${request.params.output}.tar.gz`));
    return stream;
  });
}
