import { CopyButton } from './copy-button.js';
import { useYaml } from './use-yaml.js';

/**
 * A document as YAML — the file that would re-create the asset or job with the CLI — with a
 * copy button. `command` names how to use it.
 */
export function YamlBlock({ value, command }: { value: unknown; command?: string }) {
  const text = useYaml(value);
  return (
    <div className="yaml-block" data-testid="yaml" data-state={text === undefined ? 'loading' : 'ready'}>
      <div className="yaml-head">
        <span>{command ?? 'YAML'}</span>
        {text === undefined ? null : <CopyButton text={text} />}
      </div>
      <pre>
        <code>{text ?? ''}</code>
      </pre>
    </div>
  );
}
