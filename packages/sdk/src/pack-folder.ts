import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ignore, { type Ignore } from 'ignore';
import * as tar from 'tar';

/** A snapshot packed to a temporary file. */
export interface PackedSnapshot {
  /** The gzipped tar; the caller removes it. */
  file: string;
  sha256: string;
  size: number;
  /** Number of files packed. */
  files: number;
}

interface Rules {
  base: string;
  matcher: Ignore;
}

/**
 * Packs a folder into a gzipped tar, honouring `.amlignore` (or, where a folder has none,
 * `.gitignore`) in every folder, as Azure ML does for `code:`. `.git` is never packed. The
 * archive is deterministic — sorted entries, no times or owners — so the same content always
 * has the same digest and the server stores it once.
 */
export async function packFolder(folder: string): Promise<PackedSnapshot> {
  const files = (await listFiles(folder, folder, [])).sort();
  return writeArchive(folder, files);
}

/** Packs a single file into an archive holding just that file, under its own name. */
export async function packFile(file: string): Promise<PackedSnapshot> {
  return writeArchive(dirname(file), [basename(file)]);
}

async function listFiles(root: string, folder: string, inherited: Rules[]): Promise<string[]> {
  const rules = [...inherited, ...(await readRules(folder))];
  const entries = await readdir(folder, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name === '.git') continue;
    const full = join(folder, entry.name);
    const isDir = entry.isDirectory();
    if (isIgnored(rules, full, isDir)) continue;
    if (isDir) out.push(...(await listFiles(root, full, rules)));
    else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(full).catch(() => undefined))?.isFile())) {
      out.push(relative(root, full).split('\\').join('/'));
    }
  }
  return out;
}

async function readRules(folder: string): Promise<Rules[]> {
  for (const name of ['.amlignore', '.gitignore']) {
    const text = await readFile(join(folder, name), 'utf8').catch(() => undefined);
    if (text !== undefined) return [{ base: folder, matcher: ignore().add(text) }];
  }
  return [];
}

function isIgnored(rules: Rules[], full: string, isDir: boolean): boolean {
  return rules.some(({ base, matcher }) => {
    const rel = relative(base, full).split('\\').join('/');
    return matcher.ignores(isDir ? `${rel}/` : rel);
  });
}

async function writeArchive(cwd: string, files: string[]): Promise<PackedSnapshot> {
  const file = join(tmpdir(), `lathe-pack-${randomUUID()}.tar.gz`);
  const hash = createHash('sha256');
  let size = 0;
  const stream = tar.create({ gzip: true, cwd, portable: true, noMtime: true, follow: true }, files) as unknown as Readable;
  stream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
  });
  await pipeline(stream, createWriteStream(file));
  return { file, sha256: hash.digest('hex'), size, files: files.length };
}
