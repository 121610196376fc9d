/**
 * A compute target of a workspace: a built-in backend (`local`, `builtin: true`) or a named
 * target created from `amlcompute` YAML, which runs at most `max_instances` of its jobs at once.
 */
export interface ComputeResource {
  name: string;
  /** `amlcompute`, or the backend's name for a built-in compute (`local`). */
  type: string;
  builtin: boolean;
  /** Azure's VM size, recorded only; null when none was given. */
  size: string | null;
  /** How many of its jobs run at once (a built-in compute's capacity, `LATHE_CONCURRENCY` for `local`). */
  max_instances: number;
  description: string | null;
  tags: Record<string, string>;
  /** The validated spec as created (empty for a built-in compute). */
  spec: Record<string, unknown>;
  /** Its jobs holding a slot (Preparing to Finalizing, or being canceled), and those waiting for one. */
  jobs: { running: number; queued: number };
  /** ISO 8601; empty for a built-in compute. */
  created_at: string;
  /** Create answers only: the fields recorded but not applied. */
  warnings?: string[];
}

/** Body of `PUT …/computes/<name>`: the compute YAML as data; `spec.name`, when given, must be the path's name. */
export interface PutComputeRequest {
  spec: Record<string, unknown>;
}
