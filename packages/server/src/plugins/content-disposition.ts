/**
 * An `attachment` Content-Disposition for `filename` that any name can travel in (RFC 6266):
 * printable ASCII goes as `filename="…"`; anything else adds `filename*=UTF-8''…` (RFC 5987,
 * percent-encoded) beside an ASCII fallback where each other character is `_`. Never throws and
 * never yields a character Node refuses in a header.
 */
export function attachmentDisposition(filename: string): string {
  // Round-tripping through UTF-8 replaces lone surrogates, which encodeURIComponent refuses.
  const name = Buffer.from(filename, 'utf8').toString('utf8');
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (fallback === name) return `attachment; filename="${name}"`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
