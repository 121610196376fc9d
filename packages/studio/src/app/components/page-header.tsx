import type { ReactNode } from 'react';
import { Link } from '../router.js';

/** The title row of a page: breadcrumbs, title, and actions on the right. */
export function PageHeader({ title, crumbs = [], actions, children }: { title: ReactNode; crumbs?: [label: string, to: string][]; actions?: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      {crumbs.length > 0 ? (
        <nav className="crumbs" aria-label="Breadcrumbs">
          {crumbs.map(([label, to], i) => (
            <span key={to}>
              {i > 0 ? <span className="sep">/</span> : null}
              <Link to={to}>{label}</Link>
            </span>
          ))}
        </nav>
      ) : null}
      <div className="page-title-row">
        <h1 className="page-title">{title}</h1>
        {actions ? <div className="actions">{actions}</div> : null}
      </div>
      {children}
    </header>
  );
}
