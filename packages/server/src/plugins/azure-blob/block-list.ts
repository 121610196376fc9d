import type { Readable } from 'node:stream';
import { blobError } from './blob-error.js';
import { xmlDecode } from './blob-xml.js';

// 50,000 blocks of 64-byte ids, with their tags, fit well within this.
const MAX_BLOCK_LIST_BYTES = 8 * 1024 * 1024;

/**
 * The block ids of a Put Block List body (`<BlockList><Latest>id</Latest>…</BlockList>`), in
 * order. `Committed`, `Uncommitted` and `Latest` all name blocks put since the last commit.
 * `InvalidXmlDocument` for a body that is not such a list or is over 8 MiB.
 */
export async function readBlockList(body: Readable): Promise<string[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BLOCK_LIST_BYTES) throw blobError('RequestBodyTooLarge', 'a block list is at most 8 MiB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const list = /<BlockList>([\s\S]*)<\/BlockList>/.exec(text);
  if (list === null) throw blobError('InvalidXmlDocument', 'the body is not a <BlockList> document');
  const ids: string[] = [];
  const inner = (list[1] ?? '').replace(/\s+/g, '');
  const pattern = /<(Committed|Uncommitted|Latest)>([^<]*)<\/\1>/gy;
  let end = 0;
  for (let match = pattern.exec(inner); match !== null; match = pattern.exec(inner)) {
    ids.push(xmlDecode(match[2] ?? ''));
    end = pattern.lastIndex;
  }
  if (end !== inner.length) {
    throw blobError('InvalidXmlDocument', 'a <BlockList> holds only <Committed>, <Uncommitted> and <Latest> elements');
  }
  return ids;
}
