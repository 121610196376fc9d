// Uploads by `job create` and `data create` show their progress on a terminal (a real
// pseudo-terminal from util-linux's `script`) and print nothing of it into a pipe.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, runCli, startTestServer, waitForEnd, writeFiles, type TestServer } from './harness.js';

/** Runs `lathe <args>` on a pseudo-terminal; resolves to what the terminal showed. */
function runOnTerminal(args: string[], url: string): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, CLI, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { env: { ...process.env, LATHE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    child.stderr.on('data', (d: Buffer) => (screen += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

describe('upload progress', () => {
  let t: TestServer;
  let project: string;
  before(async () => {
    t = await startTestServer();
    project = await writeFiles(join(t.scratch, 'project'), {
      'job.yml': 'code: src\ncommand: ls\n',
      'data.yml': 'name: noise\nversion: 1\ntype: uri_file\npath: noise.bin\n',
      'piped.yml': 'code: piped\ncommand: ls\n',
      'src/.keep': '',
      'piped/.keep': '',
    });
    // Random bytes do not compress: the archives are as large as the files.
    await writeFile(join(project, 'src', 'weights.bin'), randomBytes(3 * 1024 * 1024));
    await writeFile(join(project, 'noise.bin'), randomBytes(2 * 1024 * 1024));
    await writeFile(join(project, 'piped', 'weights.bin'), randomBytes(1024 * 1024));
  });
  after(async () => {
    // The jobs the uploads made run on; their folders are removed only once they have ended.
    for (const job of (await t.client.listJobs()).value) await waitForEnd(t.client, job.name);
    await t.close();
  });

  it('job create and data create show bytes, rate and time on a terminal, with one closing line per upload', async () => {
    const job = await runOnTerminal(['job', 'create', '--file', join(project, 'job.yml')], t.url);
    assert.equal(job.code, 0, job.screen);
    assert.match(job.screen, /Uploaded code: 3\.\d MiB in \d+\.\d s \(\d+(\.\d)? [KMG]?i?B\/s\)\r?\n/);
    const data = await runOnTerminal(['data', 'create', '--file', join(project, 'data.yml')], t.url);
    assert.equal(data.code, 0, data.screen);
    assert.match(data.screen, /Uploaded path: 2\.0 MiB in \d+\.\d s/);
  });

  it('stays quiet when the output is not a terminal', async () => {
    const piped = await runCli(['job', 'create', '--file', join(project, 'piped.yml')], t.url);
    assert.equal(piped.code, 0, piped.stderr);
    assert.doesNotMatch(piped.stderr + piped.stdout, /Upload/);
  });
});
