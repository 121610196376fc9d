import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A stand-in for `lathe-launch` used by the compute-backend contract suite: it reads the job
 * folder's `job.json` and acts out `spec.command` instead of running it, so the suite tests how a
 * backend starts, watches and signals processes without a server. Behaviours:
 * `run:<ms>` exits 0 after ms; `exit:<code>` exits at once with code; `stubborn` ignores SIGTERM.
 * It writes `fake-launcher.started` into the folder when it begins. With `--standby` it waits for
 * the folder on stdin, as `lathe-launch --standby` does.
 */
const SOURCE = `
import { readFileSync, writeFileSync } from 'node:fs';
let folder = process.argv[2];
if (folder === '--standby') {
  folder = await new Promise((done) => {
    let text = '';
    process.stdin.on('data', (d) => (text += d)).on('end', () => done(text.trim()));
  });
  if (!folder) process.exit(0);
  writeFileSync(folder + '/launcher.pid', String(process.pid));
}
const manifest = JSON.parse(readFileSync(folder + '/job.json', 'utf8'));
const [kind, arg] = String(manifest.spec.command).split(':');
// The handler is in place before 'started' is announced: the suite signals right after it.
if (kind === 'stubborn') process.on('SIGTERM', () => undefined);
writeFileSync(folder + '/fake-launcher.started', String(process.pid));
if (kind === 'exit') process.exit(Number(arg));
setTimeout(() => process.exit(0), kind === 'run' ? Number(arg) : 3_600_000);
`;

/** Writes the fake launcher into `folder` and returns its path. */
export async function writeFakeLauncher(folder: string): Promise<string> {
  const file = join(folder, 'fake-launcher.mjs');
  await writeFile(file, SOURCE);
  return file;
}
