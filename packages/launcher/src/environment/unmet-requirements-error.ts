import type { RequirementResult } from './requirement-check.js';

/** Debian and Ubuntu package names where they are not `python3-<pip name>`. */
const DEBIAN_NAMES: Readonly<Record<string, string>> = {
  'scikit-learn': 'sklearn',
  pyyaml: 'yaml',
  pillow: 'pil',
  beautifulsoup4: 'bs4',
  'opencv-python': 'opencv',
  'python-dateutil': 'dateutil',
};

/**
 * An environment's requirements that the machine's Python does not meet, found before the
 * command runs. Lathe installs nothing (PyPI may be out of reach), so the message says what is
 * missing and how to put it on the machine. The job fails as a `UserError` that a retry cannot fix.
 */
export class UnmetRequirementsError extends Error {
  constructor(
    readonly environment: string,
    readonly interpreter: string,
    readonly unmet: RequirementResult[],
  ) {
    super(`${headline(environment, interpreter, unmet)}\n${advice(unmet)}`);
    this.name = 'UnmetRequirementsError';
  }

  /** The one-line summary, for the job's log. */
  get headline(): string {
    return headline(this.environment, this.interpreter, this.unmet);
  }

  /** What to do about it, for the job's log. */
  get advice(): string {
    return advice(this.unmet);
  }

  /** For the failure's `details`. */
  get details(): Record<string, unknown> {
    return { environment: this.environment, python: this.interpreter, unmet: this.unmet.map((r) => ({ requirement: r.requirement, status: r.status, installed: r.version ?? null })) };
  }
}

function headline(environment: string, interpreter: string, unmet: RequirementResult[]): string {
  const what = unmet.map((r) => `${r.requirement} (${r.status === 'mismatch' ? `${r.version} is installed` : r.status === 'missing' ? 'not installed' : `unreadable: ${r.reason}`})`);
  return `environment ${environment}: ${unmet.length === 1 ? 'a requirement is' : `${unmet.length} requirements are`} not met by ${interpreter}: ${what.join(', ')}`;
}

function advice(unmet: RequirementResult[]): string {
  const names = unmet.filter((r) => r.status !== 'invalid').map((r) => r.name ?? r.requirement);
  const apt = names.map((n) => `python3-${DEBIAN_NAMES[n] ?? n}`).join(' ');
  return (
    "Lathe does not download packages (PyPI is not reached): an environment is a virtual environment over the machine's Python " +
    '(--system-site-packages), and its requirements must already be installed there. ' +
    (names.length > 0 ? `Install ${names.length === 1 ? 'it' : 'them'} on this machine (e.g. apt-get install ${apt} on Debian or Ubuntu, or pip install into that Python), ` : '') +
    'or relax the environment (a pinned version that is not installed, a package the job does not need).'
  );
}
