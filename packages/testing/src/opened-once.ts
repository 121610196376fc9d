import { after, before } from 'node:test';

/**
 * Inside a `describe`: opens what the suite tests once before its tests and closes it after them.
 * Returns the accessor the tests use, which throws when called outside the tests.
 * @internal
 */
export function openedOnce<T>(open: () => Promise<T>, close: (opened: T) => Promise<void>): () => T {
  let opened: T | undefined;
  before(async () => {
    opened = await open();
  });
  after(async () => {
    if (opened !== undefined) await close(opened);
  });
  return () => {
    if (opened === undefined) throw new Error('the store under test is not open');
    return opened;
  };
}
