import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeComputeBackend, writeFakeLauncher } from '@lathe/testing';
import { LocalProcessBackend } from './local-process-backend.js';

for (const standby of [false, true]) {
  describeComputeBackend(`LocalProcessBackend${standby ? ' with a standby launcher' : ''}`, async () => {
    const root = await mkdtemp(join(tmpdir(), 'lathe-local-backend-'));
    const launcherScript = await writeFakeLauncher(root);
    const build = () => new LocalProcessBackend({ runsDir: join(root, 'runs'), cacheDir: join(root, 'cache'), serverUrl: () => 'http://127.0.0.1:9', python: 'python3', launcherScript, standby });
    const backend = build();
    await backend.start();
    return {
      backend,
      restarted: build,
      graceMs: 300,
      cleanup: async () => {
        await backend.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  });
}
