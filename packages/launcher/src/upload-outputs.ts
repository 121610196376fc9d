import { cp, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tar from 'tar';
import type { LatheClient } from '@lathe/sdk/client';
import type { Reconnecting } from './reconnecting.js';

/**
 * Uploads each named output folder, then the `default` output: the working directory's
 * `outputs/` and `logs/` (what Azure ML keeps as the job's artifacts) and the user log. Each
 * upload is packed afresh when it has to be tried again; the server replaces an output whole.
 */
export async function uploadOutputs(client: LatheClient, job: string, outputDirs: Record<string, string>, folder: string, workingDir: string, link: Reconnecting): Promise<void> {
  const upload = (name: string, dir: string) => link.call(`uploading output ${name}`, () => client.uploadOutput(job, name, pack(dir)));
  for (const [name, dir] of Object.entries(outputDirs)) await upload(name, dir);
  const artifacts = join(folder, 'artifacts');
  await mkdir(join(artifacts, 'user_logs'), { recursive: true });
  await cp(join(folder, 'user_logs', 'std_log.txt'), join(artifacts, 'user_logs', 'std_log.txt')).catch(() => undefined);
  for (const sub of ['outputs', 'logs']) {
    const from = join(workingDir, sub);
    if ((await stat(from).catch(() => undefined))?.isDirectory()) await cp(from, join(artifacts, sub), { recursive: true });
  }
  await upload('default', artifacts);
}

// Packs the folder as `.`, so an empty output is an empty archive rather than an error; links
// are followed, since the server keeps only plain files.
function pack(cwd: string): AsyncIterable<Uint8Array> {
  return tar.create({ gzip: true, cwd, portable: true, follow: true }, ['.']) as unknown as AsyncIterable<Uint8Array>;
}
