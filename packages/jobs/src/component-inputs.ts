import { LatheError } from '@lathe/core';
import type { ComponentInput, JobInput } from '@lathe/spec';

const DATA_TYPES = new Set(['uri_file', 'uri_folder', 'mltable', 'custom_model', 'mlflow_model', 'triton_model']);

/**
 * The inputs a component runs with: each declared input takes the given value or its default,
 * checked against its declaration (type, min/max, enum; a data input must be a data input), and
 * a required one without either is refused; an input the component does not declare is refused.
 * `sampled` are inputs a sweep's trials each draw, given later. Pure: the same check at a
 * pipeline's submit and when its step is created. Throws `LATHE_INVALID_SPEC` naming `inputs.<name>`.
 */
export function componentInputs(declared: Record<string, ComponentInput>, given: Record<string, JobInput>, sampled: ReadonlySet<string> = new Set()): Record<string, JobInput> {
  const has = `(it has: ${Object.keys(declared).join(', ') || 'none'})`;
  for (const name of Object.keys(given)) {
    if (!(name in declared)) throw invalid(`inputs.${name}`, `the component declares no input '${name}' ${has}`);
  }
  for (const name of sampled) {
    if (!(name in declared)) throw invalid(`search_space.${name}`, `the trial's component declares no input '${name}' ${has}`);
  }
  const out: Record<string, JobInput> = {};
  for (const [name, declaration] of Object.entries(declared)) {
    if (sampled.has(name)) continue;
    const value = given[name] ?? (declaration.default as JobInput | undefined);
    if (value === undefined) {
      if (declaration.optional) continue;
      throw invalid(`inputs.${name}`, `the component requires input '${name}' (${declaration.type})`);
    }
    out[name] = checkInput(name, declaration, value);
  }
  return out;
}

function checkInput(name: string, declaration: ComponentInput, value: JobInput): JobInput {
  const field = `inputs.${name}`;
  const type = String(declaration.type);
  if (DATA_TYPES.has(type)) {
    if (typeof value !== 'object' || value === null) throw invalid(field, `expected a ${type} input ({ type: ${type}, path: ... }), got ${JSON.stringify(value)}`);
    return { ...value, type: (value.type ?? type) as never };
  }
  if (typeof value === 'object' && value !== null) throw invalid(field, `expected a ${type} value, got an object`);
  if (type === 'integer' || type === 'number') {
    const n = Number(value);
    if (typeof value === 'boolean' || !Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n)))
      throw invalid(field, `expected ${type === 'integer' ? 'an integer' : 'a number'}, got ${JSON.stringify(value)}`);
    if (declaration.min !== undefined && n < Number(declaration.min)) throw invalid(field, `${n} is below the component's min ${declaration.min}`);
    if (declaration.max !== undefined && n > Number(declaration.max)) throw invalid(field, `${n} is above the component's max ${declaration.max}`);
    return n;
  }
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw invalid(field, `expected true or false, got ${JSON.stringify(value)}`);
  }
  const text = String(value);
  if (declaration.enum !== undefined && !(declaration.enum as unknown[]).map(String).includes(text)) {
    throw invalid(field, `'${text}' is not one of the component's values: ${(declaration.enum as unknown[]).join(', ')}`);
  }
  return text;
}

function invalid(field: string, message: string): LatheError {
  return new LatheError('LATHE_INVALID_SPEC', `spec: ${field}: ${message}`, { details: { field } });
}
