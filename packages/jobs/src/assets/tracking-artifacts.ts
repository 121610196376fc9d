import type { Readable } from 'node:stream';
import { LatheError } from '@lathe/core';
import type { FolderEntry, TrackingStore } from '@lathe/store';
import type { ArtifactStore } from '@lathe/store';

/** A listing entry: a path relative to the listed root, as MLflow's `FileInfo`. */
export interface ArtifactFileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

const PROXY_SCHEME = 'mlflow-artifacts:';

/**
 * The files behind `mlflow-artifacts:/` URIs of one workspace. A job's run also shows the job's
 * `default` output (its `outputs/`, `logs/` and `user_logs/`) under the run's artifact root,
 * read-only, as Azure ML shows a job's files as the run's artifacts.
 */
export class TrackingArtifacts {
  constructor(
    private readonly artifacts: ArtifactStore,
    private readonly tracking: TrackingStore,
  ) {}

  /** The proxy path of an `mlflow-artifacts:/…` URI plus a relative path, or `undefined` for other schemes. */
  static proxyPath(uri: string, relative = ''): string | undefined {
    if (!uri.startsWith(PROXY_SCHEME)) return undefined;
    const root = uri.slice(PROXY_SCHEME.length).replace(/^\/+/, '').replace(/\/+$/, '');
    return relative === '' ? root : `${root}/${relative.replace(/^\/+/, '')}`;
  }

  /** One level of the folder at `path`. */
  async list(workspace: string, path: string): Promise<FolderEntry[]> {
    const own = await this.artifacts.listTrackingFolder(workspace, path);
    const overlay = await this.jobOverlay(workspace, path);
    if (overlay === undefined) return own;
    const merged = new Map(own.map((e) => [e.name, e]));
    for (const entry of await this.artifacts.listOutputFolder(overlay.ref, 'default', overlay.rest)) {
      if (!merged.has(entry.name)) merged.set(entry.name, entry);
    }
    return [...merged.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The file at `path`; `LATHE_NOT_FOUND` when missing or a folder. */
  async open(workspace: string, path: string): Promise<Readable> {
    const own = await this.artifacts.statTrackingPath(workspace, path);
    if (own !== undefined && !own.isDir) return this.artifacts.openTrackingFile(workspace, path);
    const overlay = await this.jobOverlay(workspace, path);
    if (overlay !== undefined && overlay.rest !== '') {
      const entry = await this.artifacts.statOutputPath(overlay.ref, 'default', overlay.rest);
      if (entry !== undefined && !entry.isDir) return this.artifacts.openOutputFile(overlay.ref, 'default', overlay.rest);
    }
    throw new LatheError('LATHE_NOT_FOUND', `Artifact '${path}' not found`, { details: { kind: 'artifact', name: path } });
  }

  /** Writes the file at `path`; `LATHE_BAD_REQUEST` when it is a folder or under a file. */
  async put(workspace: string, path: string, content: Readable): Promise<{ size: number }> {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const entry = await this.artifacts.statTrackingPath(workspace, parts.slice(0, i).join('/'));
      if (entry === undefined) break;
      if (i < parts.length ? !entry.isDir : entry.isDir) {
        content.resume();
        const what = i < parts.length ? `'${parts.slice(0, i).join('/')}' is a file` : 'it is a folder';
        throw new LatheError('LATHE_BAD_REQUEST', `Cannot write artifact '${path}': ${what}`, { details: { path } });
      }
    }
    return this.artifacts.putTrackingFile(workspace, path, content);
  }

  delete(workspace: string, path: string): Promise<void> {
    return this.artifacts.deleteTrackingPath(workspace, path);
  }

  // `<experiment>/<run>/artifacts/<rest>` of a job's run → that job's default output at <rest>.
  private async jobOverlay(workspace: string, path: string): Promise<{ ref: { workspace: string; job: string }; rest: string } | undefined> {
    const parts = path.split('/').filter((p) => p !== '');
    if (parts.length < 3 || parts[2] !== 'artifacts') return undefined;
    const runId = parts[1] as string;
    const info = await this.tracking.getRunInfo(workspace, runId).catch(() => undefined);
    if (info?.job == null || TrackingArtifacts.proxyPath(info.artifactUri) !== parts.slice(0, 3).join('/')) return undefined;
    return { ref: { workspace, job: info.job }, rest: parts.slice(3).join('/') };
  }
}

/** Entries of a folder as MLflow FileInfo, with paths relative to `base`. */
export function fileInfos(entries: FolderEntry[], base: string): ArtifactFileInfo[] {
  const prefix = base === '' ? '' : `${base.replace(/\/+$/, '')}/`;
  return entries.map((e) => (e.isDir ? { path: `${prefix}${e.name}`, is_dir: true } : { path: `${prefix}${e.name}`, is_dir: false, file_size: e.size ?? 0 }));
}
