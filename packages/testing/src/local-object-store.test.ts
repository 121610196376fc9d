import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalObjectStore } from '@lathe/store';
import { describeObjectStore } from './describe-object-store.js';

describeObjectStore('LocalObjectStore', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'lathe-objects-'));
  return { store: new LocalObjectStore(folder), cleanup: () => rm(folder, { recursive: true, force: true }) };
});
