import { isTerminal } from '@lathe/core';
import type { StatusEventResource } from '@lathe/api';
import { StatusBadge } from '../../components/status-badge.js';
import { absoluteTime, duration } from '../../format.js';
import { useNow } from './use-now.js';

/**
 * A job's statuses in order: when each began and how long the job spent in it, as a bar (time
 * proportional) and rows. The current status of an active job grows with the clock.
 */
export function StatusTimeline({ history }: { history: StatusEventResource[] }) {
  const last = history[history.length - 1];
  const active = last !== undefined && !isTerminal(last.status);
  const now = useNow(active);
  const spans = history.map((event, i) => {
    const start = Date.parse(event.time);
    const next = history[i + 1];
    const end = next ? Date.parse(next.time) : active ? now : start;
    return { event, start, seconds: next || active ? Math.max(0, end - start) / 1000 : null };
  });
  const total = spans.reduce((sum, s) => sum + (s.seconds ?? 0), 0);
  return (
    <div className="timeline" data-testid="status-timeline">
      {total > 0 ? (
        <div className="timeline-bar" aria-hidden="true">
          {spans.map((s, i) =>
            s.seconds ? <span key={i} className={`timeline-seg seg-${s.event.status}`} style={{ flexGrow: s.seconds }} title={`${s.event.status}: ${duration(s.seconds)}`} /> : null,
          )}
        </div>
      ) : null}
      <table className="timeline-table">
        <tbody>
          {spans.map((s, i) => (
            <tr key={i} data-status={s.event.status}>
              <td>
                <StatusBadge status={s.event.status} />
              </td>
              <td className="mono muted">{absoluteTime(s.start)}</td>
              <td className="num">{s.seconds === null ? '' : duration(s.seconds)}</td>
              <td className="muted timeline-reason" title={s.event.reason}>
                {s.event.reason ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
