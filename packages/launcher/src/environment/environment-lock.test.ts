import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { withLock } from './environment-lock.js';

describe('withLock', () => {
  const roots: string[] = [];
  after(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });
  const scratch = async () => {
    const root = await mkdtemp(join(tmpdir(), 'lathe-lock-'));
    roots.push(root);
    return root;
  };

  it('runs one holder at a time; the other waits and is told so', async () => {
    const lock = join(await scratch(), 'env.lock');
    const events: string[] = [];
    let waited = 0;
    const holder = (name: string) =>
      withLock(
        lock,
        async () => {
          events.push(`${name} in`);
          await new Promise((r) => setTimeout(r, 150));
          events.push(`${name} out`);
        },
        { onWait: () => waited++, pollMs: 20 },
      );
    await Promise.all([holder('a'), holder('b')]);
    // Either may win the race for the lock; the other enters only after the first has left.
    const first = events[0]?.split(' ')[0] === 'b' ? 'b' : 'a';
    const second = first === 'a' ? 'b' : 'a';
    assert.deepEqual(events, [`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
    assert.equal(waited, 1);
    await assert.rejects(stat(lock), /ENOENT/, 'released');
  });

  it('takes over a lock whose owner died, and releases on failure', async () => {
    const lock = join(await scratch(), 'env.lock');
    await mkdir(lock);
    // A pid far above pid_max-like values in use here: no such process.
    await writeFile(join(lock, 'owner.json'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: Date.now() }));
    await assert.rejects(
      withLock(lock, async () => Promise.reject(new Error('build failed')), { pollMs: 20 }),
      /build failed/,
    );
    await assert.rejects(stat(lock), /ENOENT/);
  });
});
