import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RunRowResource } from '@lathe/api';
import type { RunColumn } from './run-columns.js';

const ROW = 32;
const HEAD = 30;
/** Rows drawn above and below the visible ones, so fast scrolling shows no blank band. */
const OVERSCAN = 12;

export interface RunListProps {
  rows: RunRowResource[];
  columns: RunColumn[];
  order: string;
  selected: ReadonlySet<string>;
  cursor: number;
  loading: boolean;
  hasMore: boolean;
  initialScrollTop: number;
  onSort: (sortKey: string) => void;
  onToggle: (runId: string) => void;
  onCursor: (index: number) => void;
  onOpen: (row: RunRowResource) => void;
  onNeedMore: () => void;
  onScrolled: (top: number) => void;
}

/**
 * The job list, virtualised: rows have one height, so only the ~40 in view (plus overscan) are
 * in the DOM whatever the number loaded; nearing the end asks for the next page. Keyboard: j/k
 * or arrows move, Enter opens, x selects.
 */
export function RunList(props: RunListProps) {
  const { rows, columns, cursor } = props;
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: props.initialScrollTop, height: 800 });
  const template = `34px ${columns.map((c) => c.width).join(' ')}`;

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.scrollTop = props.initialScrollTop;
    setView({ top: el.scrollTop, height: el.clientHeight });
    const observer = new ResizeObserver(() => setView((v) => ({ ...v, height: el.clientHeight })));
    observer.observe(el);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const first = Math.max(0, Math.floor((view.top - HEAD) / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / ROW) + OVERSCAN);
  const nearEnd = last >= rows.length - OVERSCAN;
  const { hasMore, loading, onNeedMore } = props;
  useEffect(() => {
    if (nearEnd && hasMore && !loading) onNeedMore();
  }, [nearEnd, hasMore, loading, onNeedMore]);

  // Keep the keyboard cursor in view.
  useEffect(() => {
    const el = box.current;
    if (!el || cursor < 0) return;
    const top = HEAD + cursor * ROW;
    if (top < el.scrollTop + HEAD) el.scrollTop = top - HEAD;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW - el.clientHeight;
  }, [cursor]);

  // Keys work as soon as the page loads: on the list, and when nothing else has the focus (the
  // page's body), so j, k, Enter and x need no click first.
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const inList = box.current?.contains(target) ?? false;
    if (!inList && target !== document.body && target !== document.documentElement) return;
    if (target.closest('input, textarea, select, a, button, [contenteditable]') || event.metaKey || event.ctrlKey || event.altKey) return;
    const move = (to: number) => {
      event.preventDefault();
      props.onCursor(Math.max(0, Math.min(rows.length - 1, to)));
    };
    if (event.key === 'j' || event.key === 'ArrowDown') move(cursor + 1);
    else if (event.key === 'k' || event.key === 'ArrowUp') move(cursor - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'PageDown') move(cursor + Math.floor(view.height / ROW));
    else if (event.key === 'PageUp') move(cursor - Math.floor(view.height / ROW));
    else if (event.key === 'Enter' && rows[cursor]) props.onOpen(rows[cursor]);
    else if (event.key === 'x' && rows[cursor]) props.onToggle(rows[cursor].run_id);
  };

  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const visible = [];
  for (let i = first; i < last; i++) {
    const row = rows[i] as RunRowResource;
    const classes = ['vlist-row', props.selected.has(row.run_id) ? 'selected' : '', i === cursor ? 'cursor' : ''].join(' ');
    visible.push(
      <div
        key={row.run_id}
        className={classes}
        style={{ top: HEAD + i * ROW, gridTemplateColumns: template }}
        data-testid="job-row"
        data-run-id={row.run_id}
        data-status={row.status}
        onClick={() => props.onCursor(i)}
        onDoubleClick={() => props.onOpen(row)}
      >
        {/* Visible overflow: the checkbox and its margins are wider than the cell, which would otherwise show an ellipsis. */}
        <div onClick={(e) => e.stopPropagation()} style={{ overflow: 'visible' }}>
          <input type="checkbox" aria-label={`Select ${row.run_name}`} checked={props.selected.has(row.run_id)} onChange={() => props.onToggle(row.run_id)} />
        </div>
        {columns.map((column) => (
          <div key={column.id} className={column.numeric ? 'num' : undefined} data-col={column.id}>
            {column.cell(row)}
          </div>
        ))}
      </div>,
    );
  }

  return (
    <div
      ref={box}
      className="vlist"
      tabIndex={0}
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        setView((v) => (v.top === top ? v : { ...v, top }));
        props.onScrolled(top);
      }}
      data-testid="job-list-scroll"
    >
      <div className="vlist-head" style={{ gridTemplateColumns: template }}>
        <div />
        {columns.map((column) => {
          const sorted = column.sortKey !== undefined && props.order.startsWith(column.sortKey);
          const arrow = sorted ? (props.order.endsWith('ASC') ? ' ↑' : ' ↓') : '';
          return (
            <div
              key={column.id}
              className={[column.numeric ? 'num' : '', sorted ? 'sorted' : ''].join(' ')}
              title={column.sortKey ? `Sort by ${column.label}` : column.label}
              onClick={() => column.sortKey && props.onSort(column.sortKey)}
            >
              {column.label}
              {arrow}
            </div>
          );
        })}
      </div>
      <div style={{ height: rows.length * ROW + (props.hasMore ? ROW : 0) }} />
      {visible}
    </div>
  );
}
