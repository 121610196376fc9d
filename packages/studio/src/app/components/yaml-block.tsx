import { stringify } from 'yaml';
import { CopyButton } from './copy-button.js';

/**
 * A document as YAML — the file that would re-create the asset or job with the CLI — with a
 * copy button. `command` names how to use it.
 */
export function YamlBlock({ value, command }: { value: unknown; command?: string }) {
  const text = stringify(value, { lineWidth: 0 });
  return (
    <div className="yaml-block" data-testid="yaml">
      <div className="yaml-head">
        <span>{command ?? 'YAML'}</span>
        <CopyButton text={text} />
      </div>
      <pre>
        <code>{text}</code>
      </pre>
    </div>
  );
}
