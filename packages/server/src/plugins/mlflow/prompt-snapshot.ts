import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBlobRef } from '@lathe/core';
import { packPath, type KeyValue } from '@lathe/store';
import type { ServerContext } from '../../server-context.js';

/** The tag MLflow 3 marks prompt versions (and prompts) with. */
const IS_PROMPT_TAG = 'mlflow.prompt.is_prompt';
/** The tag holding a prompt version's template. */
const PROMPT_TEXT_TAG = 'mlflow.prompt.text';
/** The file a prompt version's snapshot holds: its template. */
export const PROMPT_FILE = 'prompt.txt';

/** Whether model-versions/create tags describe a prompt version (`mlflow.prompt.is_prompt` = `true`). */
export function isPromptVersion(tags: readonly KeyValue[]): boolean {
  return tags.some((t) => t.key === IS_PROMPT_TAG && t.value.toLowerCase() === 'true');
}

/**
 * The snapshot of a prompt version: its template (the `mlflow.prompt.text` tag, empty when
 * absent) as a folder holding the one file {@link PROMPT_FILE}, stored as a blob like any model's files, so a
 * prompt version is an asset version like every other.
 */
export async function promptSnapshot(ctx: ServerContext, tags: readonly KeyValue[]): Promise<{ blob: string; mlflowModel: boolean; produced?: undefined }> {
  const text = tags.find((t) => t.key === PROMPT_TEXT_TAG)?.value ?? '';
  const folder = await mkdtemp(join(tmpdir(), 'lathe-prompt-'));
  try {
    await writeFile(join(folder, PROMPT_FILE), text);
    const packed = await packPath(folder, PROMPT_FILE);
    const { sha256 } = await ctx.artifacts.putBlob(packed.archive);
    return { blob: formatBlobRef({ sha256 }), mlflowModel: false };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
