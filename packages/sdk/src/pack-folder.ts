import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ignore, { type Ignore } from 'ignore';
import * as tar from 'tar';
import { checkSnapshotSize, type SnapshotLimits } from './snapshot-limits.js';

/** A snapshot packed to a temporary file. */
export interface PackedSnapshot {
  /** The gzipped tar; the caller removes it. */
  file: string;
  sha256: string;
  size: number;
  /** Number of files packed. */
  files: number;
  /** What deserves a warning: links left out, a snapshot near its limits. */
  warnings: string[];
}

/** Options for {@link packFolder}. */
export interface PackFolderOptions {
  /** Limits of a code snapshot, checked before anything is written; none when absent. */
  limits?: SnapshotLimits;
  /** Names the snapshot in warnings and errors (`job.yml: code`); default: the folder. */
  label?: string;
}

interface Rules {
  base: string;
  matcher: Ignore;
}

interface Listing {
  /** Paths relative to the root: folders (to keep their modes) and files. */
  entries: string[];
  files: number;
  bytes: number;
  warnings: string[];
}

/**
 * Packs a folder into a gzipped tar, honouring `.amlignore` (or, where a folder has none,
 * `.gitignore`) in every folder, as Azure ML does for `code:`. `.git` is never packed. The
 * archive is deterministic — sorted entries, no times or owners — so the same content always
 * has the same digest and the server stores it once. Files and folders keep their permission
 * bits (a 0600 file stays 0600 when unpacked). A symbolic link to a file inside the folder is
 * packed as that file's content; one that leads outside the folder is left out with a warning,
 * and links to folders are not followed. With `limits`, throws `LATHE_SNAPSHOT_TOO_LARGE`
 * before writing anything when the folder holds too many files or bytes, and warns when it
 * holds over half of either.
 */
export async function packFolder(folder: string, options: PackFolderOptions = {}): Promise<PackedSnapshot> {
  const label = options.label ?? folder;
  const listing: Listing = { entries: [], files: 0, bytes: 0, warnings: [] };
  await listFiles(await realpath(folder), folder, folder, [], listing, label);
  const warning = options.limits ? checkSnapshotSize(label, folder, listing.files, listing.bytes, options.limits) : undefined;
  const packed = await writeArchive(folder, listing.entries.sort(), listing.files);
  return { ...packed, warnings: [...listing.warnings, ...(warning ? [warning] : [])] };
}

/** Packs a single file into an archive holding just that file, under its own name. */
export async function packFile(file: string): Promise<PackedSnapshot> {
  return { ...(await writeArchive(dirname(file), [basename(file)], 1)), warnings: [] };
}

async function listFiles(realRoot: string, root: string, folder: string, inherited: Rules[], out: Listing, label: string): Promise<void> {
  const rules = [...inherited, ...(await readRules(folder))];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const full = join(folder, entry.name);
    const isDir = entry.isDirectory();
    if (isIgnored(rules, full, isDir)) continue;
    const rel = relative(root, full).split('\\').join('/');
    if (isDir) {
      out.entries.push(rel);
      await listFiles(realRoot, root, full, rules, out, label);
    } else if (entry.isFile() || (entry.isSymbolicLink() && (await linkedFile(realRoot, full, rel, out, label)))) {
      out.entries.push(rel);
      out.files += 1;
      out.bytes += (await stat(full)).size;
    }
  }
}

// A link is packed as its target's content only when the target is a file inside the folder.
async function linkedFile(realRoot: string, full: string, rel: string, out: Listing, label: string): Promise<boolean> {
  const target = await realpath(full).catch(() => undefined);
  if (target === undefined) return false;
  const inside = relative(realRoot, target);
  if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    out.warnings.push(`${label}: '${rel}' is a symbolic link to '${target}', outside the folder; it is not uploaded`);
    return false;
  }
  return (await stat(target)).isFile();
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

async function writeArchive(cwd: string, entries: string[], files: number): Promise<Omit<PackedSnapshot, 'warnings'>> {
  const file = join(tmpdir(), `lathe-pack-${randomUUID()}.tar.gz`);
  const hash = createHash('sha256');
  let size = 0;
  // Folders are listed one by one (their modes kept), so tar must not add their contents again.
  const stream = tar.create({ gzip: true, cwd, portable: true, noMtime: true, follow: true, noDirRecurse: true }, entries) as unknown as Readable;
  stream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
  });
  await pipeline(stream, createWriteStream(file));
  return { file, sha256: hash.digest('hex'), size, files };
}
