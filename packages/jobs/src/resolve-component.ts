import { LatheError } from '@lathe/core';
import type { LineageEdge } from '@lathe/store';
import { parseAssetRef, type CommandComponentSpec, type CommandJobSpec, type ComponentInput, type JobInput } from '@lathe/spec';
import type { JobsContext } from './jobs-context.js';

const DATA_TYPES = new Set(['uri_file', 'uri_folder', 'mltable', 'custom_model', 'mlflow_model', 'triton_model']);

/**
 * A job that names `component: azureml:<name>:<version>` runs that component: its command,
 * code and (unless the job sets one) environment and resources come into the job's spec, the
 * component's declared inputs take the job's values or their defaults, and its outputs are the
 * job's. Every value is checked against its declaration (type, min/max, enum, required) before
 * anything is stored. Returns the component version used, for lineage. A job without a
 * component is returned as it is.
 */
export async function resolveComponent(ctx: JobsContext, workspace: string, spec: CommandJobSpec): Promise<Omit<LineageEdge, 'job'>[]> {
  if (spec.component === undefined) return [];
  const ref = parseAssetRef(spec.component);
  if (ref.kind !== 'asset') throw invalid('component', `'${spec.component}' is not a workspace component reference (azureml:<name>:<version> or @latest)`);
  const lookup = ref.version !== undefined ? ctx.registry.getAssetVersion(workspace, 'component', ref.name, ref.version) : ctx.registry.getLatestAssetVersion(workspace, 'component', ref.name);
  const asset = await lookup.catch((error: unknown) => {
    if (error instanceof LatheError && error.code === 'LATHE_NOT_FOUND') throw invalid('component', `'${spec.component}' does not name a component in this workspace`);
    throw error;
  });
  const component = asset.spec as unknown as CommandComponentSpec;
  spec.command = component.command;
  if (component.code !== undefined) spec.code = component.code;
  spec.environment ??= component.environment as CommandJobSpec['environment'];
  spec.display_name ??= component.display_name ?? component.name;
  spec.inputs = componentInputs(component.inputs ?? {}, spec.inputs ?? {});
  const outputs: NonNullable<CommandJobSpec['outputs']> = {};
  for (const [key, output] of Object.entries(component.outputs ?? {})) outputs[key] = { type: output.type as never, mode: 'rw_mount' };
  spec.outputs = { ...outputs, ...(spec.outputs ?? {}) };
  for (const name of Object.keys(spec.outputs)) {
    if (!(name in (component.outputs ?? {}))) throw invalid(`outputs.${name}`, `the component ${asset.name}:${asset.version} has no output '${name}'`);
  }
  return [{ direction: 'input', port: 'component', kind: 'component', name: asset.name, version: asset.version }];
}

function componentInputs(declared: Record<string, ComponentInput>, given: Record<string, JobInput>): Record<string, JobInput> {
  for (const name of Object.keys(given)) {
    if (!(name in declared)) throw invalid(`inputs.${name}`, `the component declares no input '${name}' (it has: ${Object.keys(declared).join(', ') || 'none'})`);
  }
  const out: Record<string, JobInput> = {};
  for (const [name, declaration] of Object.entries(declared)) {
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
