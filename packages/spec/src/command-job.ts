import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LatheError } from '@lathe/core';
import { checkBindings } from './bindings.js';
import { CommandJobSchema, type CommandJobSpec } from './schema/command-job-schema.js';
import { parseSetOverrides } from './set-overrides.js';
import { formatFinding, invalidSpecError, locateIssue, type SpecFinding } from './spec-report.js';
import { checkValue } from './validate/check-value.js';
import type { Issue } from './validate/issue.js';
import { SourceDocument } from './yaml/source-document.js';

/** A command job read from YAML: the normalised spec and what deserves a warning. */
export interface LoadedCommandJob {
  spec: CommandJobSpec;
  /** One line each, `file:line:column: field: message`. */
  warnings: string[];
  /** The file it came from. */
  file: string;
  /** Where relative paths (`code`, local inputs) are resolved from. */
  baseDir: string;
}

/** Options for reading a command job. */
export interface ParseCommandJobOptions {
  /** Name reported in errors. */
  file: string;
  /** `--set path=value` overrides, applied before validation. */
  set?: readonly string[];
}

/**
 * Parses and validates command-job YAML text. Throws `LATHE_INVALID_SPEC` whose message names
 * file:line:column, the field and what was expected for every problem found, and whose
 * `details.errors` lists them as {@link SpecFinding}s.
 */
export function parseCommandJob(text: string, options: ParseCommandJobOptions): LoadedCommandJob {
  const doc = SourceDocument.parse(text, options.file);
  for (const o of parseSetOverrides(options.set ?? [])) doc.setIn(o.path, o.value, o.source);
  const { spec, issues } = checkCommandJob(doc.toJS());
  const findings = issues.map((i) => ({ severity: i.severity, finding: locateIssue(i, doc) }));
  const errors = findings.filter((f) => f.severity === 'error').map((f) => f.finding);
  if (errors.length > 0) throw invalidSpecError(errors);
  const warnings = findings.filter((f) => f.severity === 'warning').map((f) => formatFinding(f.finding));
  return { spec: spec as CommandJobSpec, warnings, file: options.file, baseDir: dirname(resolve(options.file)) };
}

/** Reads and validates a command-job YAML file; see {@link parseCommandJob}. */
export async function loadCommandJobFile(file: string, set: readonly string[] = []): Promise<LoadedCommandJob> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new LatheError('LATHE_INVALID_SPEC', `${file}: cannot read the file (${(cause as Error).message})`, { details: { file }, cause });
  }
  return parseCommandJob(text, { file, set });
}

/**
 * Validates a command job given as data (a REST body). Errors name the field path under
 * `source`; warnings are returned as lines.
 */
export function validateCommandJob(value: unknown, source = 'request body'): { spec: CommandJobSpec; warnings: string[] } {
  const { spec, issues } = checkCommandJob(value);
  const located = issues.map((i) => ({ severity: i.severity, finding: locateIssue(i, source) }));
  const errors: SpecFinding[] = located.filter((f) => f.severity === 'error').map((f) => f.finding);
  if (errors.length > 0) throw invalidSpecError(errors);
  return { spec: spec as CommandJobSpec, warnings: located.filter((f) => f.severity === 'warning').map((f) => formatFinding(f.finding)) };
}

function checkCommandJob(raw: unknown): { spec: unknown; issues: Issue[] } {
  const type = (raw as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && type.toLowerCase() !== 'command') {
    const message = `'${type}' jobs are not supported yet; this file must be a command job`;
    return { spec: raw, issues: [{ severity: 'error', path: ['type'], at: 'value', message, expected: 'command' }] };
  }
  const { value, issues } = checkValue(CommandJobSchema, raw);
  // A document that is not a mapping (empty, a list) has no fields to look into.
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { spec: value, issues };
  const spec = value as CommandJobSpec;
  // Bindings are checked even when other fields are wrong, so one run reports every problem.
  const bindings = typeof spec.command === 'string' ? bindingIssues(spec) : [];
  return { spec, issues: [...issues, ...bindings, ...notAppliedWarnings(spec)] };
}

function bindingIssues(spec: CommandJobSpec): Issue[] {
  const keys = (group: unknown) => new Set(group && typeof group === 'object' ? Object.keys(group) : []);
  const scope = { inputs: keys(spec.inputs), outputs: keys(spec.outputs) };
  return checkBindings(spec.command, scope).map((p) => ({
    severity: 'error',
    path: ['command'],
    at: 'value',
    message: p.message,
    expected: p.expected,
    offsetInValue: p.offset,
  }));
}

function notAppliedWarnings(spec: CommandJobSpec): Issue[] {
  const warn = (path: string[], message: string): Issue => ({ severity: 'warning', path, at: 'key', message });
  const out: Issue[] = [];
  if (spec.identity) out.push(warn(['identity'], 'accepted but not applied: jobs run as the user that runs the server'));
  if (spec.services) out.push(warn(['services'], 'accepted but not started: interactive services are not available yet'));
  return out;
}
