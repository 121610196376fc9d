import { extname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { workspaceRoutes } from '@lathe/api';
import { outputOwner } from '@lathe/jobs';
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

/** A job's stored outputs (a sweep's are its best trial's): list them, list an output's files, download a file or the whole output. */
export async function outputRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  // A sweep's outputs are its best trial's, as Azure ML downloads them.
  const jobRef = async (p: JobParams) => ({ workspace: p.workspace, job: outputOwner(await requireJob(ctx, p)) });

  app.get<{ Params: JobParams }>(workspaceRoutes.outputs, async (request) => {
    const ref = await jobRef(request.params);
    const value = [];
    for (const name of await ctx.artifacts.listOutputs(ref)) {
      const files = await ctx.artifacts.listOutputFiles(ref, name);
      value.push({ name, files: files.length, size: files.reduce((sum, f) => sum + f.size, 0) });
    }
    return { value };
  });

  app.get<{ Params: OutputParams }>(workspaceRoutes.outputFiles, async (request) => {
    return { value: await ctx.artifacts.listOutputFiles(await jobRef(request.params), request.params.output) };
  });

  app.get<{ Params: OutputParams & { '*': string } }>(workspaceRoutes.outputFile, async (request, reply) => {
    const path = request.params['*'];
    const stream = await ctx.artifacts.openOutputFile(await jobRef(request.params), request.params.output, path);
    const type = TEXT_TYPES[extname(path).toLowerCase()];
    void reply.type(type ? `${type}; charset=utf-8` : 'application/octet-stream');
    return stream;
  });

  app.get<{ Params: OutputParams }>(workspaceRoutes.outputArchive, async (request, reply) => {
    const stream = await ctx.artifacts.packOutput(await jobRef(request.params), request.params.output);
    void reply.type('application/gzip').header('content-disposition', attachmentDisposition(`${request.params.name}-${request.params.output}.tar.gz`));
    return stream;
  });
}
