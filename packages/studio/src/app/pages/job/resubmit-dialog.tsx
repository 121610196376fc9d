import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { JobResource } from '@lathe/api';
import { lathe } from '../../client.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { YamlBlock } from '../../components/yaml-block.js';
import { navigate } from '../../router.js';
import { useAsync } from '../../use-async.js';
import { isDataInput, parseLiteral, resubmitSpec, specForDisplay } from './resubmit-spec.js';

/**
 * Re-submits a copy of a job with edited inputs (literal values; asset references, job outputs
 * or snapshots as text), display name and experiment, then opens the new job. The copy runs the
 * same code snapshot and environment.
 */
export function ResubmitDialog({ job, onClose }: { job: JobResource; onClose: () => void }) {
  const lineage = useAsync(() => lathe.jobLineage(job.name), [job.name]);
  const base = useMemo(() => (lineage.data ? resubmitSpec(job, lineage.data) : undefined), [job, lineage.data]);
  const inputs = Object.entries((base?.inputs ?? {}) as Record<string, unknown>);
  const [displayName, setDisplayName] = useState(job.display_name ?? '');
  const [experiment, setExperiment] = useState(job.experiment_name);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const first = useRef<HTMLInputElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    first.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && close.current();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A data input shows the URI the server names it by; left as it is, the stored path is sent.
  const textOf = (name: string, value: unknown) => edits[name] ?? (isDataInput(value) ? (job.uris[`inputs.${name}`] ?? value.path) : String(value));
  const spec = useMemo(() => {
    if (!base) return undefined;
    const next = structuredClone(base);
    const nextInputs = next.inputs as Record<string, unknown> | undefined;
    for (const [name, value] of Object.entries(edits)) {
      const input = nextInputs?.[name];
      if (isDataInput(input) && value.trim() === job.uris[`inputs.${name}`]) continue;
      if (isDataInput(input)) input.path = value.trim();
      else if (nextInputs) nextInputs[name] = parseLiteral(value, input);
    }
    if (displayName.trim()) next.display_name = displayName.trim();
    else delete next.display_name;
    if (experiment.trim()) next.experiment_name = experiment.trim();
    else delete next.experiment_name;
    return next;
  }, [base, edits, displayName, experiment, job.uris]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!spec) return;
    setSubmitting(true);
    setError(undefined);
    lathe.createJob(spec).then(
      (created) => {
        onClose();
        navigate(`/jobs/${encodeURIComponent(created.name)}`);
      },
      (e: Error) => {
        setError(e);
        setSubmitting(false);
      },
    );
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form className="modal panel" role="dialog" aria-modal="true" aria-labelledby="resubmit-title" onSubmit={submit} data-testid="resubmit-dialog">
        <div className="modal-head">
          <h3 id="resubmit-title">Re-submit {job.display_name || job.name}</h3>
          <span className="muted small">A new job with the same code, command and environment.</span>
        </div>
        <div className="modal-body">
          <div className="form-grid">
            <label htmlFor="resubmit-display-name">Display name</label>
            <input id="resubmit-display-name" ref={first} value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-testid="resubmit-display-name" />
            <label htmlFor="resubmit-experiment">Experiment</label>
            <input id="resubmit-experiment" value={experiment} onChange={(e) => setExperiment(e.target.value)} data-testid="resubmit-experiment" />
          </div>
          <h4 className="form-section">Inputs</h4>
          <ErrorBanner error={lineage.error} what="the job's lineage" />
          {!base ? <div className="muted">Loading…</div> : null}
          {base && inputs.length === 0 ? <div className="muted">This job has no inputs.</div> : null}
          <div className="form-grid">
            {inputs.map(([name, value]) => (
              <InputField key={name} name={name} value={value} text={textOf(name, value)} onChange={(text) => setEdits((e) => ({ ...e, [name]: text }))} />
            ))}
          </div>
          {spec ? (
            <details className="form-details">
              <summary>Spec to submit</summary>
              <YamlBlock value={specForDisplay(spec, job)} command="POST /jobs" />
            </details>
          ) : null}
          <ErrorBanner error={error} what="the new job" />
        </div>
        <div className="modal-foot">
          <button type="button" className="button ghost" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button primary" disabled={!spec || submitting} data-testid="resubmit-submit">
            {submitting ? 'Submitting…' : 'Submit'}
          </button>
        </div>
      </form>
    </div>
  );
}

function InputField({ name, value, text, onChange }: { name: string; value: unknown; text: string; onChange: (text: string) => void }) {
  const id = `resubmit-input-${name}`;
  const data = isDataInput(value);
  return (
    <>
      <label htmlFor={id}>
        <span className="mono">{name}</span>
        <span className="muted small"> {data ? (value.type ?? 'uri_folder') : typeof value}</span>
      </label>
      <input
        id={id}
        className={data ? 'mono' : undefined}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        placeholder={data ? 'azureml:<name>:<version>, azureml:<name>@latest, azureml://jobs/<job>/outputs/<output>' : undefined}
        title={data ? 'An asset reference, a datastore path, or a job output or run URI' : undefined}
        data-testid={`resubmit-input-${name}`}
      />
    </>
  );
}
