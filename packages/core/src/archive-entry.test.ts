import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPlainArchiveEntry } from './archive-entry.js';

test('only regular files and folders count as plain archive entries', () => {
  for (const type of ['File', 'OldFile', 'ContiguousFile', 'Directory']) assert.equal(isPlainArchiveEntry({ type }), true, type);
  for (const type of ['SymbolicLink', 'Link', 'CharacterDevice', 'FIFO', undefined]) assert.equal(isPlainArchiveEntry({ type }), false, String(type));
});
