import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BlobContainer, BlobProperties } from './blob-container.js';
import { blobError } from './blob-error.js';
import { blobListXml, type BlobListPage } from './blob-list-xml.js';
import type { BlobRequestParts } from './blob-request.js';

const MAX_RESULTS = 5000;

/**
 * List Blobs (`?restype=container&comp=list`): the blobs whose names start with `prefix`, in name
 * order, from `marker` on, at most `maxresults` (≤ 5,000) entries; with `delimiter`, names
 * with the delimiter after the prefix fold into one `BlobPrefix` each. `include=metadata` adds
 * each blob's metadata. `NextMarker` is the name the next page starts at.
 */
export async function listBlobs(input: { request: FastifyRequest; reply: FastifyReply; parts: BlobRequestParts; container: BlobContainer; endpoint: string }): Promise<FastifyReply> {
  const query = new Map(input.parts.query);
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const marker = query.get('marker') ?? '';
  const maxResults = maxResultsOf(query.get('maxresults'));
  const include = (query.get('include') ?? '').split(',').filter(Boolean);
  const names = (await input.container.list(prefix)).filter((name) => name >= marker);
  const items: BlobListPage['items'] = [];
  let nextMarker = '';
  for (let i = 0; i < names.length; i++) {
    const name = names[i] ?? '';
    if (items.length === maxResults) {
      nextMarker = name;
      break;
    }
    const cut = delimiter === '' ? -1 : name.indexOf(delimiter, prefix.length);
    if (cut >= 0) {
      const folder = name.slice(0, cut + delimiter.length);
      items.push({ prefix: folder });
      while (i + 1 < names.length && (names[i + 1] ?? '').startsWith(folder)) i++;
      continue;
    }
    const blob: BlobProperties | undefined = await input.container.head(name);
    if (blob !== undefined) items.push({ blob });
  }
  const page: BlobListPage = { endpoint: input.endpoint, container: input.container.name, prefix, marker, maxResults, delimiter, items, nextMarker, includeMetadata: include.includes('metadata') };
  return input.reply.status(200).type('application/xml').send(blobListXml(page));
}

function maxResultsOf(value: string | undefined): number {
  if (value === undefined) return MAX_RESULTS;
  const n = Number(value);
  if (!/^\d{1,9}$/.test(value) || n < 1) throw blobError('InvalidQueryParameterValue', `maxresults '${value.slice(0, 50)}' is not a positive integer`);
  return Math.min(n, MAX_RESULTS);
}
