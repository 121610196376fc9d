import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A stand-in for `lathe-launch` used by the compute-backend contract suite: it reads the job
 * folder's `job.json` and acts out `spec.command` instead of running it, so the suite tests how a
 * backend starts, watches and signals processes without a server. Behaviours:
 * `run:<ms>` ends with 0 after ms; `exit:<code>` ends at once with code; `stubborn` ignores SIGTERM.
 * It writes `fake-launcher.started` into the folder when it begins. With `--standby` it runs the
 * folders that arrive on stdin one after another and writes `done <code>` after each, as
 * `lathe-launch --standby` does; otherwise it exits with the code.
 */
const SOURCE = `
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
function act(folder) {
  const manifest = JSON.parse(readFileSync(folder + '/job.json', 'utf8'));
  const [kind, arg] = String(manifest.spec.command).split(':');
  // The handler is in place before 'started' is announced: the suite signals right after it.
  if (kind === 'stubborn') process.on('SIGTERM', () => undefined);
  writeFileSync(folder + '/fake-launcher.started', String(process.pid));
  if (kind === 'exit') return Promise.resolve(Number(arg));
  return new Promise((done) => setTimeout(() => done(0), kind === 'run' ? Number(arg) : 3_600_000));
}
if (process.argv[2] === '--standby') {
  for await (const line of createInterface({ input: process.stdin })) {
    const folder = line.trim();
    if (!folder) break;
    const code = await act(folder);
    writeFileSync(folder + '/launcher.done', String(code));
    process.stdout.write('done ' + code + '\\n');
  }
  process.exit(0);
}
process.exit(await act(process.argv[2]));
`;

/** Writes the fake launcher into `folder` and returns its path. */
export async function writeFakeLauncher(folder: string): Promise<string> {
  const file = join(folder, 'fake-launcher.mjs');
  await writeFile(file, SOURCE);
  return file;
}
