import type { ReactNode } from 'react';

/** What to show where a list is empty: what it would hold and the command that fills it. */
export function EmptyState({ title, children, command }: { title: string; children?: ReactNode; command?: string }) {
  return (
    <div className="empty" data-testid="empty-state">
      <h3>{title}</h3>
      {children ? <p>{children}</p> : null}
      {command ? (
        <pre className="command">
          <code>{command}</code>
        </pre>
      ) : null}
    </div>
  );
}
