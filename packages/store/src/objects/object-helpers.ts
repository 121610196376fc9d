import type { ListObjectsOptions, ObjectInfo, ObjectStore } from './object-store.js';

/** Moves `from` to `to` with the store's `move`, or by copying the bytes and deleting `from`. */
export async function moveObject(store: ObjectStore, from: string, to: string): Promise<void> {
  if (store.move !== undefined) return store.move(from, to);
  await store.put(to, await store.get(from));
  await store.delete(from);
}

/** Every object under `prefix`, page after page, sorted by key. */
export async function* listAllObjects(store: ObjectStore, prefix: string, options: Omit<ListObjectsOptions, 'after' | 'delimiter'> = {}): AsyncGenerator<ObjectInfo> {
  let after: string | undefined;
  do {
    const page = await store.list(prefix, { ...options, ...(after !== undefined ? { after } : {}) });
    yield* page.objects;
    after = page.next;
  } while (after !== undefined);
}

/** Deletes every object under `prefix`; resolves to how many. */
export async function deleteObjects(store: ObjectStore, prefix: string): Promise<number> {
  const keys: string[] = [];
  for await (const object of listAllObjects(store, prefix)) keys.push(object.key);
  for (const key of keys) await store.delete(key);
  return keys.length;
}
