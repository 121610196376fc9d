// Seeds runs for Studio straight into a Lathe SQLite database: a list of 100,000 runs, runs with
// long metric histories, and one run with a very long metric, in one transaction. Going through
// the API would take many minutes and measure writes; Studio's pages only read.
//
// Every run gets 5 params, 3 tags (plus `mlflow.runName`) and 10 metrics `m0`…`m9`, each with
// one point that is also its latest value, except the newest run (named `chart-run`), whose one
// metric is `chartKey` with `chartPoints` points (alone, so its metrics tab shows that chart
// only); the `seriesRuns` runs after it get `seriesSteps` points of each of `m0`…`m9`. Values are deterministic (the same seed
// arguments give the same values); run ids are random, as MLflow's are.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';

const LRS = ['0.1', '0.03', '0.01', '0.003', '0.001'];
const OPTIMIZERS = ['sgd', 'adam', 'adamw', 'rmsprop'];
const TEAMS = ['vision', 'speech', 'ranking', 'nlp'];
const DATASETS = ['imagenet-1k', 'cifar-10', 'librispeech', 'clicks-2026', 'wiki-en'];

/** A value in [0, 1) from integers, spread evenly enough for thresholds such as `m0 > 0.5`. */
function spread(i, k) {
  return ((i * 7919 + k * 104729) % 10007) / 10007;
}

/**
 * Adds runs to experiment `experimentId` of workspace `default` in `dbFile` (the server may keep
 * running: the database is in WAL mode and readers are not blocked). Returns what was written:
 * `{ seconds, rows, runIds, seriesRunIds, chartRunId, chartKey }`, `runIds` newest first.
 *
 * @param {string} dbFile `<LATHE_HOME>/lathe.db`
 * @param {number | string} experimentId an existing experiment (create it through the API)
 * @param {{ runs?: number, seriesRuns?: number, seriesSteps?: number, chartPoints?: number, chartKey?: string }} [options]
 */
export function seedStudioRuns(dbFile, experimentId, options = {}) {
  const runs = options.runs ?? 100_000;
  const chartPoints = runs > 0 ? (options.chartPoints ?? 100_000) : 0;
  const chartRuns = chartPoints > 0 ? 1 : 0;
  const seriesRuns = Math.min(options.seriesRuns ?? 100, runs - chartRuns);
  const seriesSteps = options.seriesSteps ?? 1000;
  const chartKey = options.chartKey ?? 'series_100k';
  const experiment = Number(experimentId);

  const db = new Database(dbFile);
  db.pragma('busy_timeout = 10000');
  const started = performance.now();
  const insertRun = db.prepare(
    `insert into runs (run_key, workspace, run_uuid, experiment_id, name, user_id, status, start_time, end_time,
       lifecycle_stage, deleted_time, artifact_uri, job)
     values (?, 'default', ?, ?, ?, ?, ?, ?, ?, 'active', null, ?, null)`,
  );
  const insertParam = db.prepare('insert into run_params (run_key, key, value) values (?, ?, ?)');
  const insertTag = db.prepare('insert into run_tags (run_key, key, value) values (?, ?, ?)');
  const insertMetric = db.prepare('insert into metrics (run_key, key, step, timestamp, value, is_nan) values (?, ?, ?, ?, ?, 0)');
  const insertLatest = db.prepare('insert into latest_metrics (run_key, key, step, timestamp, value, is_nan) values (?, ?, ?, ?, ?, 0)');

  const runIds = [];
  let rows = 0;
  db.transaction(() => {
    const first = Number(db.prepare("select value from sequences where name = 'run'").get().value) + 1;
    // Oldest first, one a minute, ending a minute ago: the list's default order (newest first)
    // starts at the last run written here.
    const t0 = Date.now() - (runs + 1) * 60_000;
    for (let i = 0; i < runs; i++) {
      const key = first + i;
      const newest = runs - 1 - i; // 0 for the newest run
      const isChartRun = newest === 0 && chartRuns === 1;
      const id = randomUUID().replaceAll('-', '');
      const name = isChartRun ? 'chart-run' : `run-${String(i).padStart(6, '0')}`;
      const start = t0 + i * 60_000;
      const end = start + 30_000 + (i % 97) * 1000;
      const status = i % 23 === 0 ? 'FAILED' : i % 41 === 0 ? 'KILLED' : 'FINISHED';
      insertRun.run(key, id, experiment, name, `user${i % 7}`, status, start, end, `mlflow-artifacts:/${experiment}/${id}/artifacts`);
      insertParam.run(key, 'batch_size', String(16 << (i % 4)));
      insertParam.run(key, 'epochs', String(5 + (i % 20)));
      insertParam.run(key, 'lr', LRS[i % LRS.length]);
      insertParam.run(key, 'optimizer', OPTIMIZERS[i % OPTIMIZERS.length]);
      insertParam.run(key, 'seed', String(i));
      insertTag.run(key, 'dataset', DATASETS[i % DATASETS.length]);
      insertTag.run(key, 'mlflow.runName', name);
      insertTag.run(key, 'stage', i % 3 === 0 ? 'tuning' : 'train');
      insertTag.run(key, 'team', TEAMS[i % TEAMS.length]);
      rows += 10;
      const steps = newest >= chartRuns && newest < chartRuns + seriesRuns ? seriesSteps : 1;
      for (let k = 0; k < (isChartRun ? 0 : 10); k++) {
        const final = spread(i, k);
        let value = final;
        for (let step = 0; step < steps; step++) {
          // A history climbs towards `final` with a little deterministic noise, ending on it.
          const progress = steps === 1 ? 1 : step / (steps - 1);
          value = progress === 1 ? final : final * (0.3 + 0.7 * progress) + 0.02 * Math.sin(step * 0.37 + k);
          insertMetric.run(key, `m${k}`, step, start + step * 100, value);
        }
        insertLatest.run(key, `m${k}`, steps - 1, start + (steps - 1) * 100, value);
        rows += steps + 1;
      }
      if (isChartRun) {
        let value = 0;
        for (let step = 0; step < chartPoints; step++) {
          value = Math.exp(-step / (chartPoints / 5)) + 0.05 * Math.sin(step / 50) + 0.01 * spread(step, 3);
          insertMetric.run(key, chartKey, step, start + step, value);
        }
        insertLatest.run(key, chartKey, chartPoints - 1, start + chartPoints - 1, value);
        rows += chartPoints + 1;
      }
      runIds.push(id);
    }
    db.prepare("update sequences set value = ? where name = 'run'").run(first + runs - 1);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  runIds.reverse();
  return {
    seconds: (performance.now() - started) / 1000,
    rows,
    runIds,
    seriesRunIds: runIds.slice(chartRuns, chartRuns + seriesRuns),
    chartRunId: chartRuns ? runIds[0] : undefined,
    chartKey,
  };
}
