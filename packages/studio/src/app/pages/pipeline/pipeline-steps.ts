import type { JobResource } from '@lathe/api';

/** One step as the graph draws it. `status` is the step job's, or `NotStarted` / `Blocked` before it has one. */
export interface PipelineStepView {
  step: string;
  /** The step job's name: `<pipeline>_<step>`. */
  job: string;
  kind: string;
  status: string;
  durationSeconds: number | null;
  reusedFrom: string | null;
  deps: string[];
}

/** An edge from a producing step to a consuming one, with every output → input it carries. */
export interface PipelineEdge {
  from: string;
  to: string;
  labels: string[];
}

// The whole-value binding of a step input to an earlier step's output, as @lathe/spec reads it
// (`stepInputSource`); repeated here so the browser bundle does not carry the spec parser.
const STEP_OUTPUT = /^\$\{\{\s*parent\.jobs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\s*\}\}$/;

const STOPPED = new Set(['Failed', 'Canceled', 'Blocked']);

/**
 * The pipeline's steps and edges from its stored spec (`spec.jobs`) and its step jobs. A step
 * without a job, or whose job has not started, is `Blocked` when a step it depends on (directly or
 * through others) failed or was canceled — it will never run — and `NotStarted` otherwise.
 * Anything in the spec that is not a step object is skipped, so an odd spec draws less, not nothing.
 */
export function pipelineSteps(pipeline: JobResource, children: readonly JobResource[]): { steps: PipelineStepView[]; edges: PipelineEdge[] } {
  const jobs = pipeline.spec.jobs;
  const specSteps = jobs !== null && typeof jobs === 'object' && !Array.isArray(jobs) ? Object.entries(jobs as Record<string, unknown>) : [];
  const byName = new Map(children.map((c) => [c.name, c]));
  const edges = new Map<string, PipelineEdge>();
  const steps: PipelineStepView[] = [];
  for (const [step, value] of specSteps) {
    if (value === null || typeof value !== 'object') continue;
    const spec = value as { type?: unknown; inputs?: unknown };
    const deps: string[] = [];
    for (const [input, source] of Object.entries(isRecord(spec.inputs) ? spec.inputs : {})) {
      const match = typeof source === 'string' ? STEP_OUTPUT.exec(source) : null;
      if (!match) continue;
      const from = match[1] as string;
      if (!deps.includes(from)) deps.push(from);
      const key = `${from}\u0000${step}`;
      const edge = edges.get(key) ?? { from, to: step, labels: [] };
      edge.labels.push(`${match[2] as string} → ${input}`);
      edges.set(key, edge);
    }
    const job = byName.get(`${pipeline.name}_${step}`);
    steps.push({
      step,
      job: `${pipeline.name}_${step}`,
      kind: typeof spec.type === 'string' ? spec.type : 'command',
      status: job?.status ?? 'NotStarted',
      durationSeconds: job?.duration_seconds ?? null,
      reusedFrom: job?.reused_from ?? null,
      deps,
    });
  }
  markBlocked(steps);
  const names = new Set(steps.map((s) => s.step));
  return { steps, edges: [...edges.values()].filter((e) => names.has(e.from)) };
}

/** Marks not-started steps behind a failed, canceled or blocked step as `Blocked`, to a fixed point. */
function markBlocked(steps: PipelineStepView[]): void {
  const byStep = new Map(steps.map((s) => [s.step, s]));
  for (let changed = true; changed;) {
    changed = false;
    for (const s of steps) {
      if (s.status !== 'NotStarted') continue;
      if (s.deps.some((d) => STOPPED.has(byStep.get(d)?.status ?? ''))) {
        s.status = 'Blocked';
        changed = true;
      }
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
