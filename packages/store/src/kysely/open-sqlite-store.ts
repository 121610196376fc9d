import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.js';
import { KyselyMetadataStore } from './kysely-metadata-store.js';
import { cacheStatements } from './statement-cache.js';
import type { Database } from './schema.js';

const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;

/**
 * Opens (creating it and its folder if missing) the SQLite metadata database at `file`, or a
 * private in-memory one for `':memory:'`, migrates it and returns the store. The database runs in
 * WAL mode with `synchronous=FULL`, foreign keys on and a 5 s busy timeout.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore('/var/lib/lathe/metadata.db');
 * ```
 */
export async function openSqliteStore(file: string): Promise<KyselyMetadataStore> {
  if (file !== ':memory:') await mkdir(dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  // FULL: a write is on disk when its promise resolves, even across a power loss (acknowledged
  // means durable); in WAL mode that is one fsync of the log per commit.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // MLflow's LIKE is case-sensitive (ILIKE is the other one); SQLite's is not by default.
  database.pragma('case_sensitive_like = ON');
  // Table statistics let the planner pick the right index for searches; SQLite's recommended
  // upkeep is `optimize` at open and now and then on a long-lived connection.
  database.pragma('optimize = 0x10002');
  const upkeep = setInterval(() => {
    if (!database.open) return clearInterval(upkeep);
    try {
      database.pragma('optimize');
    } catch {
      // Busy: the next round tries again.
    }
  }, OPTIMIZE_EVERY_MS);
  upkeep.unref();
  cacheStatements(database);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
  try {
    await KyselyMetadataStore.migrate(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyMetadataStore(db, 'sqlite');
}
