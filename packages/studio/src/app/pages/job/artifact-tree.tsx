import { useState } from 'react';
import type { MlflowFileInfo } from '@lathe/api/mlflow';
import { tracking } from '../../client.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { bytes } from '../../format.js';
import { useAsync } from '../../use-async.js';
import { DownloadLink } from './download-link.js';

/**
 * A run's MLflow artifacts as a folder tree, each folder listed when first opened. Folders on the
 * way to `selected` start open, so a bookmarked file shows where it lives. `version` changing
 * lists every open folder again.
 */
type Select = (path: string, size: number | undefined) => void;

interface TreeProps {
  runId: string;
  selected: string | undefined;
  version: string;
  onSelect: Select;
  /** The URL that downloads an artifact, when the artifact store serves it. */
  urlOf: (path: string) => string | undefined;
}

export function ArtifactTree(props: TreeProps) {
  return (
    <div className="tree" role="tree" data-testid="artifact-tree">
      <ArtifactFolder {...props} path="" depth={0} />
    </div>
  );
}

function ArtifactFolder(props: TreeProps & { path: string; depth: number }) {
  const list = useAsync(() => tracking.listArtifacts(props.runId, props.path), [props.runId, props.path, props.version]);
  if (list.error) return <ErrorBanner error={list.error} what="artifacts" />;
  if (!list.data)
    return (
      <div className="tree-note muted small" style={{ paddingLeft: indent(props.depth) }}>
        Loading…
      </div>
    );
  if (list.data.length === 0) {
    return (
      <div className="tree-note muted small" style={{ paddingLeft: indent(props.depth) }}>
        {props.depth === 0 ? 'No artifacts. mlflow.log_artifact() and log_figure() add them.' : 'empty'}
      </div>
    );
  }
  const entries = [...list.data].sort((a, b) => Number(b.is_dir) - Number(a.is_dir) || a.path.localeCompare(b.path));
  return <>{entries.map((entry) => (entry.is_dir ? <ArtifactDir key={entry.path} {...props} entry={entry} /> : <ArtifactFile key={entry.path} {...props} entry={entry} />))}</>;
}

function ArtifactDir(props: TreeProps & { depth: number; entry: MlflowFileInfo }) {
  const { entry, depth } = props;
  const [open, setOpen] = useState(() => props.selected?.startsWith(`${entry.path}/`) ?? false);
  return (
    <>
      <button
        type="button"
        className="tree-row"
        role="treeitem"
        aria-expanded={open}
        style={{ paddingLeft: indent(depth) }}
        onClick={() => setOpen((o) => !o)}
        data-testid="artifact-entry"
        data-path={entry.path}
        data-dir="true"
      >
        <span className="tree-caret">{open ? '▾' : '▸'}</span>
        <span className="tree-name">{baseName(entry.path)}/</span>
      </button>
      {open ? <ArtifactFolder {...props} path={entry.path} depth={depth + 1} /> : null}
    </>
  );
}

function ArtifactFile({
  entry,
  depth,
  selected,
  onSelect,
  urlOf,
}: {
  entry: MlflowFileInfo;
  depth: number;
  selected: string | undefined;
  onSelect: Select;
  urlOf: (path: string) => string | undefined;
}) {
  const url = urlOf(entry.path);
  return (
    <div
      className={entry.path === selected ? 'tree-row selected' : 'tree-row'}
      role="treeitem"
      tabIndex={0}
      aria-selected={entry.path === selected}
      style={{ paddingLeft: indent(depth) }}
      onClick={() => onSelect(entry.path, entry.file_size)}
      onKeyDown={(e) => e.key === 'Enter' && onSelect(entry.path, entry.file_size)}
      data-testid="artifact-entry"
      data-path={entry.path}
      data-dir="false"
    >
      <span className="tree-caret" />
      <span className="tree-name">{baseName(entry.path)}</span>
      <span className="tree-size muted">{bytes(entry.file_size)}</span>
      {url ? <DownloadLink url={url} name={baseName(entry.path)} /> : null}
    </div>
  );
}

function indent(depth: number): number {
  return 6 + depth * 14;
}

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}
