import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalArtifactStore } from '@lathe/store';
import { describeArtifactStore } from './describe-artifact-store.js';

describeArtifactStore('LocalArtifactStore', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'lathe-artifacts-'));
  return { store: new LocalArtifactStore(folder), cleanup: () => rm(folder, { recursive: true, force: true }) };
});
