import { CompiledQuery, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, Driver, SqliteDialectConfig } from 'kysely';

/**
 * Kysely's {@link SqliteDialect}, but transactions start with `BEGIN IMMEDIATE`. Every transaction
 * of the metadata store writes; a deferred one that reads first and then writes fails with
 * `SQLITE_BUSY_SNAPSHOT` (busy_timeout does not help) when another process wrote in between.
 * Taking the write lock up front makes such writers queue on busy_timeout instead.
 *
 * A rollback after SQLite already rolled the transaction back itself (it does on `SQLITE_FULL`,
 * `SQLITE_IOERR`, `SQLITE_NOMEM` and `SQLITE_BUSY` mid-transaction) is skipped, so the caller
 * sees the error that ended the transaction rather than "cannot rollback - no transaction is
 * active".
 * @internal
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } catch (error) {
      if (!isNoTransactionError(error)) throw error;
    }
  }
}

function isNoTransactionError(error: unknown): boolean {
  return error instanceof Error && /no transaction is active/.test(error.message);
}
