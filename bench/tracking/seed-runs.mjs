// Seeds runs straight into a Lathe SQLite database, for the search-at-scale case of
// bench-tracking.mjs: going through the API would take minutes and measure writes, not search.
// Each run gets 5 params, 5 metrics (one point each, also its latest value) and 3 tags, the
// shapes mlflow-bench.py logs, so the same filters apply.
import Database from 'better-sqlite3';

/**
 * Adds `count` runs to experiment `experimentId` of workspace `default` in `dbFile`, in one
 * transaction, while the server keeps running (WAL). Returns the seconds it took.
 */
export function seedRuns(dbFile, experimentId, count) {
  const db = new Database(dbFile);
  db.pragma('busy_timeout = 10000');
  const started = performance.now();
  const insertRun = db.prepare(
    `insert into runs (run_key, workspace, run_uuid, experiment_id, name, user_id, status, start_time, end_time,
       lifecycle_stage, deleted_time, artifact_uri, job)
     values (?, 'default', ?, ?, ?, 'bench', 'FINISHED', ?, ?, 'active', null, ?, null)`,
  );
  const insertParam = db.prepare('insert into run_params (run_key, key, value) values (?, ?, ?)');
  const insertTag = db.prepare('insert into run_tags (run_key, key, value) values (?, ?, ?)');
  const insertMetric = db.prepare('insert into metrics (run_key, key, step, timestamp, value, is_nan) values (?, ?, 0, ?, ?, 0)');
  const insertLatest = db.prepare('insert into latest_metrics (run_key, key, step, timestamp, value, is_nan) values (?, ?, 0, ?, ?, 0)');
  db.transaction(() => {
    const first = Number(db.prepare("select value from sequences where name = 'run'").get().value) + 1;
    const t0 = Date.now() - count * 1000;
    for (let i = 0; i < count; i++) {
      const key = first + i;
      const id = `seed${String(i).padStart(8, '0')}${Math.random().toString(16).slice(2, 14)}`;
      const start = t0 + i * 1000;
      insertRun.run(key, id, experimentId, `s${i}`, start, start + 500, `mlflow-artifacts:/${experimentId}/${id}/artifacts`);
      insertTag.run(key, 'mlflow.runName', `s${i}`);
      for (let k = 0; k < 5; k++) insertParam.run(key, `p${k}`, (i + k) % 2 === 0 ? 'v' : 'w');
      for (let k = 0; k < 3; k++) insertTag.run(key, `t${k}`, `x${i % 10}`);
      for (let k = 0; k < 5; k++) {
        const value = ((i * 7919 + k * 104729) % 10007) / 10007;
        insertMetric.run(key, `m${k}`, start, value);
        insertLatest.run(key, `m${k}`, start, value);
      }
    }
    db.prepare("update sequences set value = ? where name = 'run'").run(first + count - 1);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return (performance.now() - started) / 1000;
}
