import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { paths } from '@lathe/api/routes';
import { lathe, WORKSPACE } from '../../client.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { bytes, count } from '../../format.js';
import { KEPT_LINES, useLogTail } from './use-log-tail.js';
import { useLogSearch } from './use-log-search.js';

/** Scrolling this close to the top loads the page of lines before. */
const LOAD_EARLIER_PX = 200;

/**
 * The processes' logs of a job. One today (`user_logs/std_log.txt`, the one the logs endpoint
 * serves); distributed jobs will add one per process, each an entry of this list.
 */
const LOG_FILES = [{ id: 'std_log.txt', path: 'user_logs/std_log.txt' }];

/**
 * A job's log, opened at its end and live while the job runs: follow keeps the newest line in view
 * (scrolling up stops it, scrolling back to the end resumes it), scrolling to the top loads the
 * lines before, and search runs on the server over the whole log, highlighting matches in the
 * lines shown or keeping only the matching lines.
 */
export function JobLogs({ name }: { name: string }) {
  const tail = useLogTail(name);
  const [follow, setFollow] = useState(true);
  const [search, setSearch] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(false);
  const [wrap, setWrap] = useState(false);
  const view = useRef<HTMLPreElement>(null);
  const needle = search.trim().toLowerCase();
  const found = useLogSearch(name, search.trim(), tail.streaming);

  const filtering = onlyMatches && needle !== '';
  const source = useMemo(() => (filtering ? (found.result?.matches.map((m) => m.text) ?? []) : tail.lines), [filtering, found.result, tail.lines]);
  const content = useMemo(() => (needle ? highlight(source, needle) : source.join('\n')), [source, needle]);
  const notes: string[] = [];
  if (filtering && found.result?.nextOffset != null) notes.push(`Showing the first ${amount(source.length)} matching lines.`);
  if (!filtering && tail.start > 0 && (tail.trimmed || tail.lines.length >= KEPT_LINES)) notes.push(`Showing the last ${amount(tail.lines.length)} lines.`);

  // Lines loaded above keep the view where it was: the scroll position moves by what they added.
  const before = useRef<{ start: number; height: number }>({ start: tail.start, height: 0 });
  useLayoutEffect(() => {
    const el = view.current;
    if (!el) return;
    if (follow) el.scrollTop = el.scrollHeight;
    else if (tail.start < before.current.start) el.scrollTop += el.scrollHeight - before.current.height;
    before.current = { start: tail.start, height: el.scrollHeight };
  }, [content, follow, tail.start]);

  const onScroll = () => {
    const el = view.current;
    if (!el) return;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (atEnd !== follow) setFollow(atEnd);
    if (el.scrollTop < LOAD_EARLIER_PX && !filtering && tail.start > 0) tail.loadEarlier();
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
        {needle && found.result ? (
          <span className="muted small" data-testid="log-match-count">
            {count(found.result.matches.length, 'matching line')}
            {found.result.nextOffset !== null ? ' or more' : ''}
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
          <span data-testid="log-loaded-lines">{count(tail.lines.length, 'line')}</span> {tail.start > 0 ? `of ${bytes(tail.bytes)}` : `· ${bytes(tail.bytes)}`}
        </span>
        <a className="button small" href={lathe.href(paths.logs(WORKSPACE, name))} download={`${name}-std_log.txt`} data-testid="log-download">
          Download
        </a>
      </div>
      <ErrorBanner error={tail.error} what="the log" />
      <ErrorBanner error={found.error} what="the log search" />
      {notes.length > 0 ? (
        <div className="log-note muted small" data-testid="log-truncated">
          {notes.join(' ')} Download the log for all of it.
        </div>
      ) : null}
      <pre ref={view} className={wrap ? 'log-view wrap' : 'log-view'} data-testid="log-view" data-start={tail.start} onScroll={onScroll}>
        {tail.start > 0 && !filtering ? (
          <span className="muted" data-testid="log-earlier">
            {tail.loadingEarlier ? 'Loading earlier lines…\n' : 'Scroll up for earlier lines\n'}
          </span>
        ) : null}
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
