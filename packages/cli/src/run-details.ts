import type { MlflowFileInfo, MlflowRun } from '@lathe/api';
import type { TrackingClient } from '@lathe/sdk';
import { table } from './output.js';

/** A run's tracked values and artifact files, as `lathe job show` prints and returns them. */
export interface RunDetails {
  run: MlflowRun;
  artifacts: MlflowFileInfo[];
}

/** Files listed at most, walking the artifact tree breadth-first. */
const MAX_ARTIFACTS = 200;

/** The run and its artifact files (recursively, up to 200). */
export async function loadRunDetails(tracking: TrackingClient, runId: string): Promise<RunDetails> {
  const run = await tracking.getRun(runId);
  const artifacts: MlflowFileInfo[] = [];
  const folders = [''];
  while (folders.length > 0 && artifacts.length < MAX_ARTIFACTS) {
    for (const entry of await tracking.listArtifacts(runId, folders.shift() as string)) {
      if (entry.is_dir) folders.push(entry.path);
      else if (artifacts.length < MAX_ARTIFACTS) artifacts.push(entry);
    }
  }
  return { run, artifacts };
}

/** Params, latest metrics, tags (MLflow's own `mlflow.*` tags left out) and artifacts as text tables. */
export function runDetailsText({ run, artifacts }: RunDetails): string {
  const sections: string[] = [];
  const { params, metrics } = run.data;
  const tags = run.data.tags.filter((t) => !t.key.startsWith('mlflow.'));
  if (params.length > 0)
    sections.push(
      `Params:\n${table(params, [
        { header: 'Key', value: (p) => p.key },
        { header: 'Value', value: (p) => p.value },
      ])}`,
    );
  if (metrics.length > 0) {
    sections.push(
      `Metrics (latest):\n${table(metrics, [
        { header: 'Key', value: (m) => m.key },
        { header: 'Value', value: (m) => formatValue(m.value) },
        { header: 'Step', value: (m) => String(m.step) },
      ])}`,
    );
  }
  if (tags.length > 0)
    sections.push(
      `Tags:\n${table(tags, [
        { header: 'Key', value: (t) => t.key },
        { header: 'Value', value: (t) => t.value },
      ])}`,
    );
  if (artifacts.length > 0) {
    sections.push(
      `Artifacts:\n${table(artifacts, [
        { header: 'Path', value: (a) => a.path },
        { header: 'Size', value: (a) => String(a.file_size ?? '') },
      ])}`,
    );
  }
  return sections.join('\n');
}

/** A metric value: up to 6 significant digits, NaN and infinities by name. */
export function formatValue(value: number | string): string {
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
