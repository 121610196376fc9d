import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tar from 'tar';
import { LatheError } from '@lathe/core';
import { packFolder } from './pack-folder.js';
import { snapshotLimits } from './snapshot-limits.js';

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

async function entries(archive: string): Promise<Map<string, { type: string; mode: number }>> {
  const out = new Map<string, { type: string; mode: number }>();
  await tar.list({ file: archive, onReadEntry: (e) => void out.set(e.path, { type: e.type, mode: (e.mode ?? 0) & 0o7777 }) });
  return out;
}

describe('packFolder', () => {
  let root: string;
  const packs: string[] = [];
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'lathe-pack-folder-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
    for (const file of packs) await rm(file, { force: true });
  });
  const pack = async (...args: Parameters<typeof packFolder>) => {
    const packed = await packFolder(...args);
    packs.push(packed.file);
    return packed;
  };

  it('honours .amlignore over .gitignore, in every folder, and never packs .git', async () => {
    const folder = join(root, 'ignores');
    await write(folder, {
      '.amlignore': '*.log\n',
      '.gitignore': '*.txt\n',
      'keep.txt': 'kept: .amlignore wins over .gitignore here\n',
      'drop.log': 'x',
      'sub/.gitignore': 'secret.*\n',
      'sub/secret.env': 'x',
      'sub/note.txt': 'x',
      'sub/also.log': 'x',
      '.git/config': 'x',
    });
    const names = [...(await entries((await pack(folder)).file)).keys()].filter((n) => !n.endsWith('/'));
    assert.deepEqual(names.sort(), ['.amlignore', '.gitignore', 'keep.txt', 'sub/.gitignore', 'sub/note.txt']);
  });

  it('packs a link to a file inside as its content, and leaves out one leading outside with a warning', async () => {
    const outside = join(root, 'outside.txt');
    await writeFile(outside, 'not for the job\n');
    const folder = join(root, 'links');
    await write(folder, { 'data/real.csv': 'a,b\n' });
    await symlink(join(folder, 'data', 'real.csv'), join(folder, 'inside.csv'));
    await symlink(outside, join(folder, 'escape.txt'));
    await symlink('/etc/passwd', join(folder, 'data', 'passwd'));
    const packed = await pack(folder, { label: 'job.yml: code' });
    const listed = await entries(packed.file);
    assert.deepEqual([...listed.keys()].filter((n) => !n.endsWith('/')).sort(), ['data/real.csv', 'inside.csv']);
    assert.equal(listed.get('inside.csv')?.type, 'File');
    assert.equal(packed.files, 2);
    assert.deepEqual(packed.warnings.sort(), [
      `job.yml: code: 'data/passwd' is a symbolic link to '/etc/passwd', outside the folder; it is not uploaded`,
      `job.yml: code: 'escape.txt' is a symbolic link to '${outside}', outside the folder; it is not uploaded`,
    ]);
  });

  it('keeps the permission bits of files and folders through pack and unpack', async () => {
    const folder = join(root, 'modes');
    await write(folder, { 'secret.key': 'k', 'run.sh': '#!/bin/sh\n', 'private/notes.txt': 'n' });
    await chmod(join(folder, 'secret.key'), 0o600);
    await chmod(join(folder, 'run.sh'), 0o755);
    await chmod(join(folder, 'private'), 0o700);
    const packed = await pack(folder);
    const out = join(root, 'modes-out');
    await mkdir(out);
    await tar.extract({ file: packed.file, cwd: out, strict: true });
    const mode = async (path: string) => (await stat(join(out, path))).mode & 0o777;
    assert.equal(await mode('secret.key'), 0o600);
    assert.equal(await mode('run.sh'), 0o755);
    assert.equal(await mode('private'), 0o700);
  });

  it('refuses, before writing an archive, a folder over the file or byte limit, naming the folder and the limit', async () => {
    const folder = join(root, 'big');
    await write(folder, { 'a.txt': 'x'.repeat(600), 'b.txt': 'x'.repeat(600), 'c.txt': 'x' });
    const scratch = await mkdtemp(join(root, 'tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    try {
      const files = await pack(folder, { label: 'job.yml: code', limits: { maxFiles: 2, maxBytes: 1 << 30 } }).catch((e: unknown) => e);
      assert.ok(files instanceof LatheError && files.code === 'LATHE_SNAPSHOT_TOO_LARGE', String(files));
      assert.equal(
        files.message,
        `job.yml: code: the snapshot of '${folder}' has 3 files, over the limit of 2 (LATHE_SNAPSHOT_MAX_FILES); list what the job does not need in .amlignore, or raise the limit`,
      );
      const bytes = await pack(folder, { limits: { maxFiles: 100, maxBytes: 1000 } }).catch((e: unknown) => e);
      assert.ok(bytes instanceof LatheError && /has 1201 bytes, over the limit of 1000 bytes \(LATHE_SNAPSHOT_MAX_BYTES\)/.test(bytes.message), String(bytes));
      assert.deepEqual(bytes.details, { folder, files: 3, bytes: 1201, max_files: 100, max_bytes: 1000 });
      assert.deepEqual(await readdir(scratch), [], 'no archive was written');
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('warns over half a limit and packs anyway', async () => {
    const folder = join(root, 'big');
    const packed = await pack(folder, { label: 'job.yml: code', limits: { maxFiles: 5, maxBytes: 1 << 30 } });
    assert.equal(packed.files, 3);
    assert.match(packed.warnings[0] ?? '', /^job\.yml: code: the snapshot of '.*big' is 1201 bytes in 3 files, over half the limit of 1024\.0 MiB in 5 files/);
  });
});

describe('snapshotLimits', () => {
  it("defaults to Azure ML's 300 MB and 2,000 files, and names a malformed variable", () => {
    assert.deepEqual(snapshotLimits({}), { maxBytes: 300 * 1024 * 1024, maxFiles: 2000 });
    assert.deepEqual(snapshotLimits({ LATHE_SNAPSHOT_MAX_BYTES: '1048576', LATHE_SNAPSHOT_MAX_FILES: '10' }), { maxBytes: 1048576, maxFiles: 10 });
    assert.throws(() => snapshotLimits({ LATHE_SNAPSHOT_MAX_FILES: '0' }), /LATHE_SNAPSHOT_MAX_FILES=0: expected a positive integer/);
  });
});
