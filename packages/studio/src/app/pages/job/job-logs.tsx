import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { paths } from '@lathe/api/routes';
import { lathe, WORKSPACE } from '../../client.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { bytes, count } from '../../format.js';
import { useLogTail } from './use-log-tail.js';

/** Lines in the DOM at most: a huge log stays responsive; the full text is a download away. */
const RENDERED_LINES = 10_000;

/**
 * The processes' logs of a job. One today (`user_logs/std_log.txt`, the one the logs endpoint
 * serves); distributed jobs will add one per process, each an entry of this list.
 */
const LOG_FILES = [{ id: 'std_log.txt', path: 'user_logs/std_log.txt' }];

/**
 * A job's log, live while the job runs: follow keeps the newest line in view (scrolling up stops
 * it, scrolling back to the end resumes it); search highlights matches or keeps only matching
 * lines.
 */
export function JobLogs({ name }: { name: string }) {
  const tail = useLogTail(name);
  const [follow, setFollow] = useState(true);
  const [search, setSearch] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(false);
  const [wrap, setWrap] = useState(false);
  const view = useRef<HTMLPreElement>(null);
  const needle = search.trim().toLowerCase();

  const matching = useMemo(() => (needle ? tail.lines.filter((line) => line.toLowerCase().includes(needle)) : tail.lines), [tail.lines, needle]);
  const filtering = onlyMatches && needle !== '';
  const source = filtering ? matching : tail.lines;
  const shown = useMemo(() => (source.length > RENDERED_LINES ? source.slice(-RENDERED_LINES) : source), [source]);
  const content = useMemo(() => (needle ? highlight(shown, needle) : shown.join('\n')), [shown, needle]);
  const notes: string[] = [];
  if (source.length > shown.length) notes.push(`Showing the last ${amount(shown.length)} ${filtering ? 'matching lines' : `of ${amount(tail.totalLines)} lines`}.`);
  if (needle && tail.totalLines > tail.lines.length) notes.push(`Search covers the last ${amount(tail.lines.length)} of ${amount(tail.totalLines)} lines.`);

  useLayoutEffect(() => {
    const el = view.current;
    if (el && follow) el.scrollTop = el.scrollHeight;
  }, [content, follow]);

  const onScroll = () => {
    const el = view.current;
    if (!el) return;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (atEnd !== follow) setFollow(atEnd);
  };

  return (
    <div className="logs" data-testid="job-logs" data-streaming={tail.streaming}>
      <div className="log-files" role="tablist" aria-label="Log files">
        {LOG_FILES.map((f, i) => (
          <button key={f.id} type="button" role="tab" aria-selected={i === 0} className={i === 0 ? 'log-file active' : 'log-file'} title={f.path}>
            {f.id}
          </button>
        ))}
      </div>
      <div className="toolbar log-toolbar">
        <input type="search" placeholder="Search the log" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Search the log" data-testid="log-search" />
        {needle ? (
          <span className="muted small" data-testid="log-match-count">
            {count(matching.length, 'matching line')}
          </span>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} data-testid="log-only-matches" />
          Only matching lines
        </label>
        <label className="check">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          Wrap
        </label>
        <label className="check" title="Keep the newest line in view">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} data-testid="log-follow" />
          Follow
        </label>
        <span className="grow-spacer" />
        <span className="muted small">
          {tail.streaming ? <span className="live-dot" title="Streaming" /> : null}
          {count(tail.totalLines, 'line')} · {bytes(tail.bytes)}
        </span>
        <a className="button small" href={lathe.href(paths.logs(WORKSPACE, name))} download={`${name}-std_log.txt`} data-testid="log-download">
          Download
        </a>
      </div>
      <ErrorBanner error={tail.error} what="the log" />
      {notes.length > 0 ? (
        <div className="log-note muted small" data-testid="log-truncated">
          {notes.join(' ')} Download the log for all of it.
        </div>
      ) : null}
      <pre ref={view} className={wrap ? 'log-view wrap' : 'log-view'} data-testid="log-view" onScroll={onScroll}>
        {content}
        {tail.lines.length === 0 ? <span className="muted">{tail.streaming ? 'Waiting for the job to write its log…' : 'The log is empty.'}</span> : null}
      </pre>
    </div>
  );
}

function amount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The lines as text with each case-insensitive match of `needle` in a `<mark>`; few nodes per line. */
function highlight(lines: readonly string[], needle: string): ReactNode[] {
  const out: ReactNode[] = [];
  let text = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const lower = line.toLowerCase();
    let from = 0;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
      out.push(text + line.slice(from, at));
      out.push(<mark key={out.length}>{line.slice(at, at + needle.length)}</mark>);
      text = '';
      from = at + needle.length;
    }
    text += line.slice(from) + (i < lines.length - 1 ? '\n' : '');
  }
  out.push(text);
  return out;
}
