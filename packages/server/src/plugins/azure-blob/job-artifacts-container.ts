import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { LatheError } from '@lathe/core';
import type { JobsContext } from '@lathe/jobs';
import { jobArtifactListScope, jobArtifactPrefix, parseJobArtifactName, type JobArtifactName } from '../../shared/job-artifact-names.js';
import { BlobContainer, type BlobProperties, type BlobWrite } from './blob-container.js';
import { blobError } from './blob-error.js';
import { checkBlobName } from './blob-name.js';
import { sliceStream } from './slice-stream.js';

/**
 * The `workspaceartifactstore` container: a datastore folder like any other, except that the
 * jobs' prefixes (`ExperimentRun/dcid.<job>/`, `azureml/<job>/<output>/`, see
 * `jobArtifactPrefix`) show each job's stored outputs, read straight from the artifact store
 * where Lathe keeps them, and refuse writes (`AuthorizationPermissionMismatch`): what the Azure
 * ML SDK downloads is the job's own files.
 */
export class JobArtifactsContainer extends BlobContainer {
  constructor(
    private readonly ctx: Pick<JobsContext, 'artifacts' | 'store'>,
    private readonly workspace: string,
    ...folder: ConstructorParameters<typeof BlobContainer>
  ) {
    super(...folder);
  }

  override async head(name: string): Promise<BlobProperties | undefined> {
    const at = jobArtifact(name);
    if (at === undefined) return super.head(name);
    const entry = await this.ctx.artifacts.statOutputPath(this.ref(at), at.output, at.path).catch(missing);
    if (entry === undefined || entry.isDir || at.path === '') return undefined;
    const job = await this.ctx.store.getJob(this.workspace, at.job);
    const changed = new Date(job?.endedAt ?? job?.updatedAt ?? 0);
    const etag = `"0x${createHash('sha256')
      .update(`${name}\n${entry.size ?? 0}\n${changed.getTime()}`)
      .digest('hex')
      .slice(0, 16)
      .toUpperCase()}"`;
    return { name, size: entry.size ?? 0, etag, lastModified: changed, created: changed, metadata: {}, contentType: 'application/octet-stream' };
  }

  override async read(name: string, range?: { start: number; end: number }): Promise<Readable> {
    const at = jobArtifact(name);
    if (at === undefined) return super.read(name, range);
    const stream = await this.ctx.artifacts.openOutputFile(this.ref(at), at.output, at.path);
    return range === undefined ? stream : sliceStream(stream, range.start, range.end);
  }

  override async list(prefix: string): Promise<string[]> {
    const scope = jobArtifactListScope(prefix);
    if (scope === undefined) return super.list(prefix);
    const ref = { workspace: this.workspace, job: scope.job };
    const outputs = scope.output !== undefined ? [scope.output] : await this.ctx.artifacts.listOutputs(ref);
    const names: string[] = [];
    for (const output of outputs) {
      const files = await this.ctx.artifacts.listOutputFiles(ref, output).catch(missing);
      for (const file of files ?? []) names.push(`${jobArtifactPrefix(scope.job, output)}${file.path}`);
    }
    return names.filter((n) => n.startsWith(prefix)).sort();
  }

  override async put(name: string, body: Readable, md5: string | undefined, write: BlobWrite): Promise<BlobProperties> {
    refuseJobArtifact(name);
    return super.put(name, body, md5, write);
  }

  override async putBlock(name: string, blockId: string, body: Readable, md5: string | undefined): Promise<string> {
    refuseJobArtifact(name);
    return super.putBlock(name, blockId, body, md5);
  }

  override async commitBlocks(name: string, blockIds: readonly string[], write: BlobWrite): Promise<BlobProperties> {
    refuseJobArtifact(name);
    return super.commitBlocks(name, blockIds, write);
  }

  override async setMetadata(name: string, metadata: Record<string, string>): Promise<BlobProperties> {
    refuseJobArtifact(name);
    return super.setMetadata(name, metadata);
  }

  private ref(at: JobArtifactName): { workspace: string; job: string } {
    return { workspace: this.workspace, job: at.job };
  }
}

function jobArtifact(name: string): JobArtifactName | undefined {
  checkBlobName(name);
  return parseJobArtifactName(name);
}

function refuseJobArtifact(name: string): void {
  if (jobArtifact(name) !== undefined) throw blobError('AuthorizationPermissionMismatch', `blob '${name}' is a job's stored output, which is read-only`);
}

// A job or output that does not exist, or whose name cannot be one, has no blobs; other errors stand.
function missing(error: unknown): undefined {
  if (error instanceof LatheError && (error.code === 'LATHE_NOT_FOUND' || error.code === 'LATHE_BAD_REQUEST')) return undefined;
  throw error;
}
