import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeComputeBackend, writeFakeLauncher } from '@lathe/testing';
import { LocalProcessBackend } from './local-process-backend.js';

describeComputeBackend('LocalProcessBackend', async () => {
  const root = await mkdtemp(join(tmpdir(), 'lathe-local-backend-'));
  const make = async () => {
    const launcherScript = await writeFakeLauncher(root);
    return () => new LocalProcessBackend({ runsDir: join(root, 'runs'), cacheDir: join(root, 'cache'), serverUrl: () => 'http://127.0.0.1:9', python: 'python3', launcherScript });
  };
  const build = await make();
  return { backend: build(), restarted: build, graceMs: 300, cleanup: () => rm(root, { recursive: true, force: true }) };
});
