import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { parseBlobRef } from '@lathe/core';
import { parseYamlData } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';

// An MLmodel file is a few hundred bytes; one larger than this is not read.
const MAX_MLMODEL_BYTES = 1024 * 1024;

/**
 * The `flavors` of the `MLmodel` file at the root of a folder snapshot (`blob://<sha256>`), or
 * `undefined` when it has none, or one that does not parse: an MLflow model's flavors say how to
 * load it, and the SDK shows them. A single-file snapshot has no MLmodel.
 */
export async function mlmodelFlavors(ctx: ServerContext, blob: string): Promise<Record<string, Record<string, unknown>> | undefined> {
  const ref = parseBlobRef(blob);
  if (ref === undefined || ref.file !== undefined) return undefined;
  let text: string | undefined;
  const parser = new tar.Parser({
    filter: (path, entry) => path.replace(/^\.\//, '') === 'MLmodel' && 'size' in entry && (entry.size ?? 0) <= MAX_MLMODEL_BYTES,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => (text = Buffer.concat(chunks).toString('utf8')));
    },
  });
  await pipeline(await ctx.artifacts.openBlob(ref.sha256), parser as unknown as NodeJS.WritableStream);
  if (text === undefined) return undefined;
  try {
    const flavors = (parseYamlData(text, 'MLmodel') as { flavors?: unknown } | null)?.flavors;
    return flavors !== null && typeof flavors === 'object' && !Array.isArray(flavors) ? (flavors as Record<string, Record<string, unknown>>) : undefined;
  } catch {
    return undefined;
  }
}
