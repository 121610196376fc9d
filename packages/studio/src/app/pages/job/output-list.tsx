import { useState } from 'react';
import type { OutputResource } from '@lathe/api';
import { paths } from '@lathe/api/routes';
import { lathe, WORKSPACE } from '../../client.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { bytes, count } from '../../format.js';
import { useAsync } from '../../use-async.js';
import { DownloadLink } from './download-link.js';

/**
 * A job's stored outputs (its named outputs, and `default`: the logs and `./outputs` folder),
 * each with a download of the whole output as `.tar.gz`, opening to its files. `version`
 * changing lists them again.
 */
export function OutputList(props: { name: string; version: string; selected: string | undefined; onSelect: (output: string, path: string, size: number) => void }) {
  const outputs = useAsync(() => lathe.listOutputs(props.name), [props.name, props.version]);
  if (outputs.error) return <ErrorBanner error={outputs.error} what="outputs" />;
  if (!outputs.data) return <div className="tree-note muted small">Loading…</div>;
  if (outputs.data.length === 0) return <div className="tree-note muted small">Nothing stored yet: outputs are kept when the job ends.</div>;
  return (
    <div className="tree" data-testid="output-list">
      {outputs.data.map((output) => (
        <OutputEntry key={output.name} {...props} output={output} />
      ))}
    </div>
  );
}

function OutputEntry({
  name,
  version,
  output,
  selected,
  onSelect,
}: {
  name: string;
  version: string;
  output: OutputResource;
  selected: string | undefined;
  onSelect: (output: string, path: string, size: number) => void;
}) {
  const [open, setOpen] = useState(() => selected?.startsWith(`${output.name}/`) ?? false);
  const files = useAsync(async () => (open ? lathe.listOutputFiles(name, output.name) : undefined), [name, output.name, open, version]);
  return (
    <>
      <div className="tree-row output-row" data-testid="output-entry" data-output={output.name}>
        <button type="button" className="tree-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          <span className="tree-caret">{open ? '▾' : '▸'}</span>
          <span className="tree-name mono">{output.name}</span>
        </button>
        <span className="tree-size muted">
          {count(output.files, 'file')} · {bytes(output.size)}
        </span>
        <a
          className="button small"
          href={lathe.href(paths.outputArchive(WORKSPACE, name, output.name))}
          download={`${name}-${output.name}.tar.gz`}
          data-testid="output-download"
          title="Download the whole output as .tar.gz"
        >
          .tar.gz
        </a>
      </div>
      {open && files.error ? <ErrorBanner error={files.error} what="files" /> : null}
      {open && files.data
        ? files.data.map((file) => {
            const key = `${output.name}/${file.path}`;
            return (
              <div
                key={file.path}
                className={key === selected ? 'tree-row selected' : 'tree-row'}
                role="treeitem"
                tabIndex={0}
                aria-selected={key === selected}
                style={{ paddingLeft: 20 }}
                onClick={() => onSelect(output.name, file.path, file.size)}
                onKeyDown={(e) => e.key === 'Enter' && onSelect(output.name, file.path, file.size)}
                data-testid="output-file"
                data-path={file.path}
              >
                <span className="tree-name">{file.path}</span>
                <span className="tree-size muted">{bytes(file.size)}</span>
                <DownloadLink url={lathe.href(paths.outputFile(WORKSPACE, name, output.name, file.path))} name={file.path.split('/').pop() ?? file.path} />
              </div>
            );
          })
        : null}
    </>
  );
}
