import { metricValue } from '../../format.js';

interface Port {
  type?: string;
  default?: unknown;
  optional?: boolean;
  description?: string;
  min?: number;
  max?: number;
  enum?: unknown[];
  mode?: string;
}

/** A component's inputs and outputs: what a job that runs it passes and gets back. */
export function ComponentPorts({ spec }: { spec: Record<string, unknown> }) {
  const rows = (['inputs', 'outputs'] as const).flatMap((direction) =>
    Object.entries((spec[direction] ?? {}) as Record<string, Port | string | number | boolean>).map(([name, raw]) => {
      const port: Port = typeof raw === 'object' && raw !== null ? raw : { type: typeof raw, default: raw };
      return { direction, name, port };
    }),
  );
  if (rows.length === 0) return <p className="muted">No inputs or outputs.</p>;
  return (
    <table className="table ports" data-testid="component-ports">
      <thead>
        <tr>
          <th>Name</th>
          <th>Direction</th>
          <th>Type</th>
          <th>Default</th>
          <th>Constraints</th>
          <th>Description</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ direction, name, port }) => (
          <tr key={`${direction}.${name}`} data-port={`${direction}.${name}`}>
            <td className="mono">{name}</td>
            <td className="muted">{direction === 'inputs' ? 'input' : 'output'}</td>
            <td className="mono">{port.type ?? '—'}</td>
            <td className="mono">{port.default === undefined ? <span className="muted">—</span> : typeof port.default === 'number' ? metricValue(port.default) : String(port.default)}</td>
            <td className="muted">{constraints(port).join(', ') || '—'}</td>
            <td className="muted desc-cell">{port.description ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function constraints(port: Port): string[] {
  const out: string[] = [];
  if (port.optional) out.push('optional');
  if (port.min !== undefined) out.push(`min ${port.min}`);
  if (port.max !== undefined) out.push(`max ${port.max}`);
  if (port.enum) out.push(`one of ${port.enum.map(String).join(' | ')}`);
  if (port.mode) out.push(`mode ${port.mode}`);
  return out;
}
