import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

/** One tiny pure-Python distribution for {@link startWheelIndex}. */
export interface TinyWheel {
  /** Its project name: `lathe-tiny-alpha`. */
  name: string;
  version: string;
  /** `Requires-Dist` lines: `lathe-tiny-alpha>=1`. */
  requires?: string[];
}

/**
 * The wheels the environment tests install: `lathe-tiny-alpha` in two versions (so a pin is
 * seen to choose), and `lathe-tiny-beta`, which requires alpha.
 */
export const TINY_WHEELS: readonly TinyWheel[] = [
  { name: 'lathe-tiny-alpha', version: '1.0.0' },
  { name: 'lathe-tiny-alpha', version: '2.0.0' },
  { name: 'lathe-tiny-beta', version: '0.1', requires: ['lathe-tiny-alpha>=1'] },
];

/** A PEP 503 package index on 127.0.0.1 serving built wheels, and the requests it answered. */
export interface WheelIndex {
  /** The index URL to give pip (`PIP_INDEX_URL`): `http://127.0.0.1:<port>/simple/`. */
  url: string;
  /** The paths requested, in order: `/simple/lathe-tiny-alpha/`, `/files/<wheel>`. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves `wheels` as a real package index, so tests install with a real pip and no outside
 * network. Each wheel holds one module named after the project (`lathe_tiny_alpha`) whose
 * `VERSION` is the wheel's version; pip checks each file against the sha256 in its link.
 */
export async function startWheelIndex(wheels: readonly TinyWheel[]): Promise<WheelIndex> {
  const files = new Map<string, Buffer>();
  const projects = new Map<string, string[]>();
  for (const wheel of wheels) {
    const file = `${moduleName(wheel.name)}-${wheel.version}-py3-none-any.whl`;
    files.set(file, buildWheel(wheel));
    const project = normalize(wheel.name);
    projects.set(project, [...(projects.get(project) ?? []), file]);
  }
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://index').pathname);
    requests.push(path);
    const project = /^\/simple\/([^/]+)\/?$/.exec(path)?.[1];
    if (path === '/simple/' || path === '/simple')
      return html(
        res,
        [...projects.keys()].map((p) => `<a href="/simple/${p}/">${p}</a>`),
      );
    if (project !== undefined) {
      const listed = projects.get(normalize(project));
      if (listed === undefined) return notFound(res);
      return html(
        res,
        listed.map((file) => `<a href="/files/${file}#sha256=${createHash('sha256').update(files.get(file)!).digest('hex')}">${file}</a>`),
      );
    }
    const body = path.startsWith('/files/') ? files.get(path.slice('/files/'.length)) : undefined;
    if (body === undefined) return notFound(res);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/simple/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function html(res: import('node:http').ServerResponse, links: string[]): void {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(`<!DOCTYPE html><html><body>\n${links.join('<br/>\n')}\n</body></html>\n`);
}

function notFound(res: import('node:http').ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found\n');
}

/** PEP 503's normal form of a project name. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function moduleName(name: string): string {
  return normalize(name).replace(/-/g, '_');
}

/** A wheel (PEP 427): the module, METADATA, WHEEL and a RECORD with each file's hash. */
export function buildWheel(wheel: TinyWheel): Buffer {
  const module = moduleName(wheel.name);
  const info = `${module}-${wheel.version}.dist-info`;
  const entries: [string, string][] = [
    [`${module}/__init__.py`, `VERSION = ${JSON.stringify(wheel.version)}\n`],
    [`${info}/METADATA`, ['Metadata-Version: 2.1', `Name: ${wheel.name}`, `Version: ${wheel.version}`, ...(wheel.requires ?? []).map((r) => `Requires-Dist: ${r}`), ''].join('\n')],
    [`${info}/WHEEL`, 'Wheel-Version: 1.0\nGenerator: lathe-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n'],
  ];
  const record = entries.map(([path, text]) => `${path},sha256=${createHash('sha256').update(text).digest('base64url')},${Buffer.byteLength(text)}`);
  entries.push([`${info}/RECORD`, [...record, `${info}/RECORD,,`, ''].join('\n')]);
  return zip(entries.map(([path, text]) => [path, Buffer.from(text)]));
}

/** The earliest date a zip entry can hold (day 1, month 1, year 1980 + 0). */
const DOS_1980_01_01 = (1 << 5) | 1;

/** A zip archive of stored (uncompressed) entries. */
function zip(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [path, data] of entries) {
    const name = Buffer.from(path);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(DOS_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(DOS_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
