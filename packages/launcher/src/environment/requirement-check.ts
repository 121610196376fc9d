import { spawn } from 'node:child_process';

/** How one requirement stands in a Python. */
export interface RequirementResult {
  /** As written: `scikit-learn~=1.5.0`. */
  requirement: string;
  /**
   * `ok`: installed in a matching version; `missing`: not installed; `mismatch`: installed in
   * another version; `invalid`: not a requirement Python can read; `skipped`: its marker excludes
   * this Python; `provided`: not installed, but Lathe ships a stand-in (`mlflow`, `mltable`).
   */
  status: 'ok' | 'missing' | 'mismatch' | 'invalid' | 'skipped' | 'provided';
  /** PEP 503 normal name. */
  name?: string;
  /** The installed version. */
  version?: string;
  /** Where the installed distribution lives. */
  location?: string;
  reason?: string;
}

/** What a Python reports about a list of requirements. */
export interface RequirementCheck {
  /** Its version, `3.11.2`. */
  python: string;
  results: RequirementResult[];
}

/** The statuses that fail an environment. */
export const UNMET: ReadonlySet<RequirementResult['status']> = new Set(['missing', 'mismatch', 'invalid']);

// Reads installed distributions' metadata (importlib.metadata) and matches versions with
// `packaging` (or pip's vendored copy): no network, no pip resolver, all requirements at once.
const CHECK_SCRIPT = String.raw`
import json, re, sys
from importlib import metadata
try:
    from packaging.requirements import Requirement
except ImportError:
    try:
        from pip._vendor.packaging.requirements import Requirement
    except ImportError:
        Requirement = None

def canon(name):
    return re.sub(r"[-_.]+", "-", name).lower()

def check(text, provided):
    r = {"requirement": text}
    if Requirement is None:
        m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", text)
        if not m:
            return dict(r, status="invalid", reason="not a requirement")
        name, spec, marker = m.group(1), None, None
        r["reason"] = "versions not checked: no 'packaging' module in this Python"
    else:
        try:
            req = Requirement(text)
        except Exception as error:
            return dict(r, status="invalid", reason=str(error))
        name, spec, marker = req.name, req.specifier, req.marker
    r["name"] = canon(name)
    if marker is not None and not marker.evaluate():
        return dict(r, status="skipped")
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return dict(r, status="provided" if r["name"] in provided else "missing")
    r["version"] = dist.version
    try:
        r["location"] = str(dist.locate_file(""))
    except Exception:
        pass
    try:
        matches = not spec or spec.contains(dist.version, prereleases=True)
    except Exception:
        matches, r["reason"] = True, "version '%s' cannot be compared" % dist.version
    return dict(r, status="ok" if matches else "mismatch")

wanted, provided = json.load(sys.stdin)
print(json.dumps({"python": "%d.%d.%d" % sys.version_info[:3], "results": [check(t, set(provided)) for t in wanted]}))
`;

/**
 * Asks `python` whether it meets each requirement, offline: installed distributions' metadata
 * and PEP 440 version matching, in one short process. Names in `provided` (PEP 503 form) count
 * as met when not installed, because Lathe ships a stand-in for them.
 */
export function checkRequirements(python: string, requirements: readonly string[], provided: readonly string[] = []): Promise<RequirementCheck> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-c', CHECK_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`checking requirements with ${python} failed (exit ${code}): ${stderr.trim()}`));
      try {
        resolve(JSON.parse(stdout) as RequirementCheck);
      } catch {
        reject(new Error(`checking requirements with ${python} printed no result: ${stdout.slice(0, 200)} ${stderr.trim()}`));
      }
    });
    child.stdin.end(JSON.stringify([requirements, provided]));
  });
}

/** One log line for a result: `scikit-learn: 1.2.1`, `mlflow: not installed; Lathe's stand-in is used`. */
export function describeResult(result: RequirementResult): string {
  switch (result.status) {
    case 'ok':
      return `${result.requirement}: ${result.version}${result.reason ? ` (${result.reason})` : ''}`;
    case 'provided':
      return `${result.requirement}: not installed; Lathe's shipped ${result.name} stands in`;
    case 'skipped':
      return `${result.requirement}: not for this Python (marker)`;
    case 'mismatch':
      return `${result.requirement}: NOT MET, ${result.version} is installed`;
    case 'missing':
      return `${result.requirement}: NOT MET, not installed`;
    case 'invalid':
      return `${result.requirement}: NOT MET, cannot be read (${result.reason})`;
  }
}
