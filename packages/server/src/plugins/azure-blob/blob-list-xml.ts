import type { BlobProperties } from './blob-container.js';
import { xmlText } from './blob-xml.js';

/** One page of List Blobs: blobs and, with a delimiter, the prefixes that stand for folders. */
export interface BlobListPage {
  endpoint: string;
  container: string;
  prefix: string;
  marker: string;
  maxResults: number;
  delimiter: string;
  items: Array<{ blob: BlobProperties } | { prefix: string }>;
  /** Where the next page starts, or '' when this is the last. */
  nextMarker: string;
  includeMetadata: boolean;
}

/** List Blobs' answer as Azure writes it: `EnumerationResults` with `Blobs`, `Blob` and `BlobPrefix`. */
export function blobListXml(page: BlobListPage): string {
  const el = (name: string, value: string | number | undefined): string => `<${name}>${xmlText(String(value ?? ''))}</${name}>`;
  const items = page.items.map((item) => ('prefix' in item ? `<BlobPrefix>${el('Name', item.prefix)}</BlobPrefix>` : blobXml(item.blob, page.includeMetadata, el)));
  return (
    `<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="${xmlText(page.endpoint)}" ContainerName="${xmlText(page.container)}">` +
    (page.prefix !== '' ? el('Prefix', page.prefix) : '') +
    (page.marker !== '' ? el('Marker', page.marker) : '') +
    el('MaxResults', page.maxResults) +
    (page.delimiter !== '' ? el('Delimiter', page.delimiter) : '') +
    `<Blobs>${items.join('')}</Blobs>` +
    el('NextMarker', page.nextMarker) +
    '</EnumerationResults>'
  );
}

function blobXml(blob: BlobProperties, includeMetadata: boolean, el: (name: string, value: string | number | undefined) => string): string {
  const properties = [
    el('Creation-Time', blob.created.toUTCString()),
    el('Last-Modified', blob.lastModified.toUTCString()),
    el('Etag', blob.etag.replace(/"/g, '')),
    el('Content-Length', blob.size),
    el('Content-Type', blob.contentType ?? 'application/octet-stream'),
    el('Content-Encoding', blob.contentEncoding),
    el('Content-Language', blob.contentLanguage),
    el('Content-MD5', blob.contentMd5),
    el('Cache-Control', blob.cacheControl),
    el('Content-Disposition', blob.contentDisposition),
    el('BlobType', 'BlockBlob'),
    el('AccessTier', 'Hot'),
    el('AccessTierInferred', 'true'),
    el('LeaseStatus', 'unlocked'),
    el('LeaseState', 'available'),
    el('ServerEncrypted', 'true'),
  ].join('');
  const metadata = includeMetadata
    ? `<Metadata>${Object.entries(blob.metadata)
        .map(([k, v]) => el(k, v))
        .join('')}</Metadata>`
    : '';
  return `<Blob>${el('Name', blob.name)}<Properties>${properties}</Properties>${metadata}</Blob>`;
}
