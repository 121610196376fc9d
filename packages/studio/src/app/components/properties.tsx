import type { ReactNode } from 'react';

/** A two-column list of labelled values (a job's or asset's properties). Empty values are skipped. */
export function Properties({ items }: { items: [label: string, value: ReactNode][] }) {
  return (
    <dl className="properties">
      {items
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([label, value]) => (
          <div key={label} className="property">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
