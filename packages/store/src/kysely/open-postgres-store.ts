import { LatheError } from '@lathe/core';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { KyselyMetadataStore } from './kysely-metadata-store.js';
import type { Database } from './schema.js';

/** Options for {@link openPostgresStore}. */
export interface OpenPostgresStoreOptions {
  /** A libpq URL, e.g. `postgres://lathe@db.internal:5432/lathe`. */
  connectionString: string;
  /**
   * Keep every table in this schema, created if missing, by setting `search_path` on each
   * connection. A plain identifier: letters, digits and `_`, not starting with a digit.
   */
  schema?: string;
}

/**
 * Connects a pool to PostgreSQL, migrates the database and returns the store. Throws
 * `LATHE_BAD_REQUEST` for an unusable schema name, `LATHE_UNAVAILABLE` when the database cannot
 * be reached and `LATHE_INTERNAL` when a migration fails; the pool is closed in each case.
 *
 * @example
 * ```ts
 * const store = await openPostgresStore({ connectionString: process.env.DATABASE_URL! });
 * ```
 */
export async function openPostgresStore(options: OpenPostgresStoreOptions): Promise<KyselyMetadataStore> {
  const { schema } = options;
  if (schema !== undefined) checkSchemaName(schema);
  const pool = new pg.Pool({ connectionString: options.connectionString });
  // pg emits errors of idle connections (a server restart, say) on the pool; unheard, they would
  // end the process. The next query reconnects.
  pool.on('error', (error) => console.error(`LATHE_UNAVAILABLE: idle PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        if (schema !== undefined) await connection.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
      },
    }),
  });
  try {
    await prepare(db, schema);
    await KyselyMetadataStore.migrate(db, 'postgres', schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyMetadataStore(db, 'postgres');
}

function checkSchemaName(schema: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new LatheError('LATHE_BAD_REQUEST', `unusable PostgreSQL schema name '${schema}'`, { details: { schema } });
  }
}

// Also the first contact with the server, so a failure here means it cannot be reached.
async function prepare(db: Kysely<Database>, schema: string | undefined): Promise<void> {
  try {
    if (schema === undefined) await sql`select 1`.execute(db);
    else await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new LatheError('LATHE_UNAVAILABLE', `cannot reach PostgreSQL: ${message}`, { cause });
  }
}
