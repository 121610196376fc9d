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

/** The install that was tried for requirements the machine's Python did not meet. */
export interface InstallAttempt {
  /** The package index pip used, its password hidden. */
  index: string;
  /** pip's last error line. */
  reason: string;
}

/**
 * An environment's requirements that can be met neither by the machine's Python nor by
 * installing them from the configured index, found before the command runs: unreadable
 * requirements, or those pip could not install (`attempt`). The message names each one, the
 * index tried and what to do. The job fails as a `UserError` that a retry cannot fix.
 */
export class UnmetRequirementsError extends Error {
  constructor(
    readonly environment: string,
    readonly interpreter: string,
    readonly unmet: RequirementResult[],
    readonly attempt?: InstallAttempt,
  ) {
    super(`${headline(environment, interpreter, unmet, attempt)}\n${advice(unmet, attempt)}`);
    this.name = 'UnmetRequirementsError';
  }

  /** The one-line summary, for the job's log. */
  get headline(): string {
    return headline(this.environment, this.interpreter, this.unmet, this.attempt);
  }

  /** What to do about it, for the job's log. */
  get advice(): string {
    return advice(this.unmet, this.attempt);
  }

  /** For the failure's `details`. */
  get details(): Record<string, unknown> {
    return {
      environment: this.environment,
      python: this.interpreter,
      unmet: this.unmet.map((r) => ({ requirement: r.requirement, status: r.status, installed: r.version ?? null })),
      ...(this.attempt ? { index: this.attempt.index, installError: this.attempt.reason } : {}),
    };
  }
}

function headline(environment: string, interpreter: string, unmet: RequirementResult[], attempt: InstallAttempt | undefined): string {
  const what = unmet.map((r) => `${r.requirement} (${r.status === 'mismatch' ? `${r.version} is installed` : r.status === 'missing' ? 'not installed' : `unreadable: ${r.reason}`})`);
  const count = unmet.length === 1 ? 'a requirement is' : `${unmet.length} requirements are`;
  const tried = attempt === undefined ? '' : ` and could not be installed from ${attempt.index}`;
  return `environment ${environment}: ${count} not met by ${interpreter}${tried}: ${what.join(', ')}`;
}

function advice(unmet: RequirementResult[], attempt: InstallAttempt | undefined): string {
  const names = unmet.filter((r) => r.status !== 'invalid').map((r) => r.name ?? r.requirement);
  const apt = names.map((n) => `python3-${DEBIAN_NAMES[n] ?? n}`).join(' ');
  const pip = attempt === undefined ? '' : `pip: ${attempt.reason}\n`;
  return (
    pip +
    "An environment is a virtual environment over the machine's Python (--system-site-packages): requirements it does not meet are installed with pip " +
    'from the index set by PIP_INDEX_URL or pip.conf. ' +
    (names.length > 0
      ? `Serve ${names.length === 1 ? 'it' : 'them'} from that index, or install ${names.length === 1 ? 'it' : 'them'} on this machine (e.g. apt-get install ${apt} on Debian or Ubuntu), `
      : 'Correct the requirement, ') +
    'or relax the environment (a pinned version that does not exist, a package the job does not need).'
  );
}
