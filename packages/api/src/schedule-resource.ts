/**
 * A schedule as the REST API returns it. Times are ISO 8601; `trigger` is as given, its
 * `time_zone` filled in (`UTC` when none was given).
 */
export interface ScheduleResource {
  name: string;
  display_name: string | null;
  description: string | null;
  tags: Record<string, string>;
  trigger: Record<string, unknown>;
  /** What each fire creates: the job's type and display name (the whole job is in `spec`). */
  create_job: { type: string; display_name: string | null };
  enabled: boolean;
  /** Null when disabled, or when the trigger fires no more (past its end_time). */
  next_fire_time: string | null;
  /** The fire time of the last fire, null before the first. */
  last_fired_time: string | null;
  /** The job the last fire created; null before the first fire or when that fire failed. */
  last_job: string | null;
  /** Why the last fire created no job; null when it created one. */
  last_error: string | null;
  /** The path listing the jobs this schedule created (`GET …/jobs?schedule=<name>`). */
  jobs_path: string;
  created_at: string;
  updated_at: string;
  /** The validated schedule, its job inline. */
  spec: Record<string, unknown>;
  /** Create answers only: what deserves a warning. */
  warnings?: string[];
}

/** Body of `PUT …/schedules/<name>`: the schedule YAML as data, `create_job` inline; `spec.name`, when given, must be the path's name. */
export interface PutScheduleRequest {
  spec: Record<string, unknown>;
}
