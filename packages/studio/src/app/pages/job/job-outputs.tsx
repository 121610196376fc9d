import { useState } from 'react';
import { paths } from '@lathe/api/routes';
import { lathe, tracking, WORKSPACE } from '../../client.js';
import { setQuery, useLocation } from '../../router.js';
import { ArtifactTree } from './artifact-tree.js';
import { FilePreview, type PreviewFile } from './file-preview.js';
import { OutputList } from './output-list.js';
import type { JobView } from './use-job-view.js';

/**
 * The job's stored outputs and its run's MLflow artifacts side by side with a preview of the
 * chosen file. The choice is in the URL: `?file=artifact:<path>` or `?file=output:<output>/<path>`.
 */
export function JobOutputs({ view }: { view: JobView }) {
  const { query } = useLocation();
  const [sizes, setSizes] = useState<Record<string, number | undefined>>({});
  const chosen = query.get('file') ?? '';
  const select = (file: string, size: number | undefined) => {
    setSizes((s) => ({ ...s, [file]: size }));
    setQuery({ file });
  };
  const artifactPath = chosen.startsWith('artifact:') ? chosen.slice('artifact:'.length) : undefined;
  const outputPath = chosen.startsWith('output:') ? chosen.slice('output:'.length) : undefined;
  const preview = previewOf(view, artifactPath, outputPath, sizes[chosen]);
  const run = view.run;
  return (
    <div className="outputs-layout" data-testid="job-outputs">
      <div className="outputs-side">
        {view.job ? (
          <section className="panel">
            <div className="side-head">Outputs</div>
            <OutputList name={view.name} version={view.status} selected={outputPath} onSelect={(output, path, size) => select(`output:${output}/${path}`, size)} />
          </section>
        ) : null}
        <section className="panel">
          <div className="side-head">Artifacts</div>
          {run ? (
            <ArtifactTree
              runId={view.name}
              version={view.status}
              selected={artifactPath}
              onSelect={(path, size) => select(`artifact:${path}`, size)}
              urlOf={(path) => tracking.artifactUrl(run.info.artifact_uri, path)}
            />
          ) : (
            <div className="tree-note muted small">The run does not exist yet.</div>
          )}
        </section>
      </div>
      <div className="outputs-main">
        {preview === undefined ? (
          <div className="preview-empty muted">Choose a file to preview it.</div>
        ) : typeof preview === 'string' ? (
          <div className="preview-empty muted">{preview}</div>
        ) : (
          <FilePreview key={preview.url} file={preview} />
        )}
      </div>
    </div>
  );
}

/** The file to preview, a sentence saying why it cannot be, or undefined when none is chosen. */
function previewOf(view: JobView, artifactPath: string | undefined, outputPath: string | undefined, size: number | undefined): PreviewFile | string | undefined {
  if (artifactPath) {
    if (!view.run) return undefined;
    const url = tracking.artifactUrl(view.run.info.artifact_uri, artifactPath);
    return url ? { url, path: artifactPath, size } : `The run's artifacts are stored outside Lathe (${view.run.info.artifact_uri}).`;
  }
  if (outputPath) {
    const slash = outputPath.indexOf('/');
    if (slash < 0) return undefined;
    const output = outputPath.slice(0, slash);
    const file = outputPath.slice(slash + 1);
    return { url: lathe.href(paths.outputFile(WORKSPACE, view.name, output, file)), path: outputPath, size };
  }
  return undefined;
}
