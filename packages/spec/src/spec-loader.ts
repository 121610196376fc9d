import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { LatheError } from '@lathe/core';
import { parseSetOverrides } from './set-overrides.js';
import { formatFinding, invalidSpecError, locateIssue, type SpecFinding } from './spec-report.js';
import { checkValue } from './validate/check-value.js';
import type { FieldPath, Issue } from './validate/issue.js';
import { SourceDocument } from './yaml/source-document.js';

/**
 * The reading and reporting that every YAML kind shares: parse with positions, apply `--set`,
 * validate, and turn issues into `file:line:column: field: message` errors and warnings. Each
 * kind supplies a {@link SpecKind}: its schema check plus the checks a schema cannot say.
 */

/** A spec read from YAML: the normalised spec and what deserves a warning. */
export interface LoadedSpec<T> {
  spec: T;
  /** One line each, `file:line:column: field: message`. */
  warnings: string[];
  /** The file it came from. */
  file: string;
  /** Where relative paths (`code`, `path`, `conda_file`) are resolved from. */
  baseDir: string;
  /**
   * Places a problem found after reading (by the server: an unknown data asset, a literal the
   * component does not take) at the field's place in the file, as reading's own errors are.
   * `field` is dotted (`inputs.data.path`); a field a `--set` wrote is placed at that `--set`.
   */
  locate(field: string, message: string): SpecFinding;
}

/** Options for reading a spec from text. */
export interface ParseSpecOptions {
  /** Name reported in errors. */
  file: string;
  /** `--set path=value` overrides, applied before validation. */
  set?: readonly string[];
}

/** How one YAML kind is checked. @internal */
export interface SpecKind {
  /** Validates plain data; `spec` is meaningful only when no issue is an error. */
  check(raw: unknown): { spec: unknown; issues: Issue[] };
  /** Fields whose numbers keep the text they were written as (`version: 1.10` → `"1.10"`). */
  textFields?: readonly FieldPath[];
}

/** Parses and validates YAML text as `kind`; throws `LATHE_INVALID_SPEC` naming every problem. @internal */
export function parseSpecText<T>(kind: SpecKind, text: string, options: ParseSpecOptions): LoadedSpec<T> {
  const doc = SourceDocument.parse(text, options.file);
  for (const path of kind.textFields ?? []) doc.keepNumberText(path);
  for (const o of parseSetOverrides(options.set ?? [])) doc.setIn(o.path, o.value, o.source);
  const { spec, issues } = kind.check(doc.toJS());
  const findings = issues.map((i) => ({ severity: i.severity, finding: locateIssue(i, doc) }));
  const errors = findings.filter((f) => f.severity === 'error').map((f) => f.finding);
  if (errors.length > 0) throw invalidSpecError(errors);
  const warnings = findings.filter((f) => f.severity === 'warning').map((f) => formatFinding(f.finding));
  const locate = (field: string, message: string) => locateIssue({ severity: 'error', path: fieldPath(field), at: 'value', message }, doc);
  return { spec: spec as T, warnings, file: options.file, baseDir: dirname(resolve(options.file)), locate };
}

// `inputs.data.path` → ['inputs', 'data', 'path']; `resources.locations.0` indexes a list.
function fieldPath(field: string): FieldPath {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Reads a YAML file as text for {@link parseSpecText}; an unreadable file is `LATHE_INVALID_SPEC`. @internal */
export async function readSpecFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new LatheError('LATHE_INVALID_SPEC', `${file}: cannot read the file (${(cause as Error).message})`, { details: { file }, cause });
  }
}

/** Validates `value` (a REST body) as `kind`; errors name the field path under `source`. @internal */
export function validateSpecValue<T>(kind: SpecKind, value: unknown, source: string): { spec: T; warnings: string[] } {
  const { spec, issues } = kind.check(value);
  const located = issues.map((i) => ({ severity: i.severity, finding: locateIssue(i, source) }));
  const errors: SpecFinding[] = located.filter((f) => f.severity === 'error').map((f) => f.finding);
  if (errors.length > 0) throw invalidSpecError(errors);
  return { spec: spec as T, warnings: located.filter((f) => f.severity === 'warning').map((f) => formatFinding(f.finding)) };
}

/**
 * Checks a document against `schema`, then, when it is a mapping, runs `more` on the normalised
 * value so one run reports every problem. @internal
 */
export function checkDocument<T>(schema: TSchema, raw: unknown, more: (spec: T) => Issue[] = () => []): { spec: unknown; issues: Issue[] } {
  const { value, issues } = checkValue(schema, raw);
  // A document that is not a mapping (empty, a list) has no fields to look into.
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { spec: value, issues };
  return { spec: value, issues: [...issues, ...more(value as T)] };
}

/** An issue for a `type:` this kind does not take, e.g. a `pipeline` component. @internal */
export function unsupportedType(raw: unknown, expected: string, what: string): Issue | undefined {
  const type = (raw as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || type.toLowerCase() === expected) return undefined;
  const message = `'${type}' ${what} are not supported yet; this file must be a ${expected} ${what.replace(/s$/, '')}`;
  return { severity: 'error', path: ['type'], at: 'value', message, expected };
}
