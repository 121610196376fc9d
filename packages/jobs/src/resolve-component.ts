import { LatheError } from '@lathe/core';
import type { LineageEdge } from '@lathe/store';
import { parseAssetRef, validateCommandComponent, type CommandComponentSpec, type CommandJobSpec } from '@lathe/spec';
import { componentInputs } from './component-inputs.js';
import type { JobsContext } from './jobs-context.js';

/**
 * A job that names `component: azureml:<name>:<version>` (or carries an inline component) runs that component: its command,
 * code and (unless the job sets one) environment and resources come into the job's spec, the
 * component's declared inputs take the job's values or their defaults, and its outputs are the
 * job's. Every value is checked against its declaration (type, min/max, enum, required) before
 * anything is stored. Returns the component version used, for lineage, and whether its work
 * may be reused (`is_deterministic`, true unless the component says otherwise). A job without a
 * component is returned as it is.
 */
export async function resolveComponent(ctx: JobsContext, workspace: string, spec: CommandJobSpec, sampled: readonly string[] = []): Promise<ResolvedComponent> {
  if (spec.component === undefined) return { consumed: [], deterministic: true };
  const { component, label, consumed } = typeof spec.component === 'string' ? await registeredComponent(ctx, workspace, spec.component) : inlineComponent(spec.component);
  spec.command = component.command;
  if (component.code !== undefined) spec.code = component.code;
  spec.environment ??= component.environment as CommandJobSpec['environment'];
  spec.display_name ??= component.display_name ?? component.name ?? undefined;
  spec.inputs = componentInputs(component.inputs ?? {}, spec.inputs ?? {}, new Set(sampled));
  const outputs: NonNullable<CommandJobSpec['outputs']> = {};
  for (const [key, output] of Object.entries(component.outputs ?? {})) outputs[key] = { type: output.type as never, mode: 'rw_mount' };
  spec.outputs = { ...outputs, ...(spec.outputs ?? {}) };
  for (const name of Object.keys(spec.outputs)) {
    if (!(name in (component.outputs ?? {}))) throw invalid(`outputs.${name}`, `the component ${label} has no output '${name}'`);
  }
  return { consumed, deterministic: component.is_deterministic !== false };
}

/** A component found by reference, and what it records. */
export interface FoundComponent {
  component: CommandComponentSpec;
  /** How messages name it. */
  label: string;
  consumed: Omit<LineageEdge, 'job'>[];
}

/**
 * The workspace component `azureml:<name>:<version>` or `@latest` names, as registered (not validated again),
 * with its lineage edge. `LATHE_INVALID_SPEC` at `component` when it names none.
 */
export async function registeredComponent(ctx: JobsContext, workspace: string, reference: string): Promise<FoundComponent> {
  const ref = parseAssetRef(reference);
  if (ref.kind !== 'asset') throw invalid('component', `'${reference}' is not a workspace component reference (azureml:<name>:<version> or @latest)`);
  const lookup = ref.version !== undefined ? ctx.registry.getAssetVersion(workspace, 'component', ref.name, ref.version) : ctx.registry.getLatestAssetVersion(workspace, 'component', ref.name);
  const asset = await lookup.catch((error: unknown) => {
    if (error instanceof LatheError && error.code === 'LATHE_NOT_FOUND') throw invalid('component', `'${reference}' does not name a component in this workspace`);
    throw error;
  });
  return {
    component: asset.spec as unknown as CommandComponentSpec,
    label: `${asset.name}:${asset.version}`,
    consumed: [{ direction: 'input', port: 'component', kind: 'component', name: asset.name, version: asset.version }],
  };
}

// An inline component (a pipeline step's, read from its file by the client) is checked as a
// registered one would be; it is in no registry, so it leaves no lineage.
function inlineComponent(value: Record<string, unknown>): FoundComponent {
  const { spec } = validateCommandComponent(value, 'spec: component');
  return { component: spec, label: `'${spec.name ?? 'inline'}'`, consumed: [] };
}

/** What {@link resolveComponent} found. */
export interface ResolvedComponent {
  /** The component version used, for lineage; none without a component. */
  consumed: Omit<LineageEdge, 'job'>[];
  /** False when the component declares `is_deterministic: false`: its runs are never reused. */
  deterministic: boolean;
}

function invalid(field: string, message: string): LatheError {
  return new LatheError('LATHE_INVALID_SPEC', `spec: ${field}: ${message}`, { details: { field } });
}
