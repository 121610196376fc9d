import { mkdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extractPlainFiles } from './extract-archive.js';
import type { LatheClient } from './lathe-client.js';

/**
 * Downloads one output of a job into `destination` (created if missing), streaming the server's
 * archive straight into files. Archive entries cannot escape `destination`.
 */
export async function downloadOutput(client: LatheClient, job: string, output: string, destination: string): Promise<void> {
  await mkdir(destination, { recursive: true });
  const archive = await client.openOutputArchive(job, output);
  await pipeline(Readable.fromWeb(archive), extractPlainFiles(destination));
}
