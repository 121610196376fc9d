import { randomBytes } from 'node:crypto';
import type { JobRecord, JobStatus } from '@lathe/core';
import type { CreateJobInput, MetadataStore } from '@lathe/store';

/** The store under test and a way to register tests that honours the suite's skip list. */
export interface StoreSuite {
  /** The open store; only valid inside a test. */
  readonly store: MetadataStore;
  /** Registers `body` as a test named `name`, or a skipped one when the options list it. */
  test(name: string, body: () => Promise<void>): void;
}

/** A fixed instant every fixture time is counted from. */
export const T0 = 1_700_000_000_000;

/** `prefix` with a random suffix, so that runs sharing one database do not collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Creates a workspace with a fresh name and returns the name. */
export async function newWorkspace(store: MetadataStore): Promise<string> {
  const workspace = uniqueName('ws');
  await store.ensureWorkspace(workspace, T0);
  return workspace;
}

/** A complete {@link CreateJobInput}; `overrides` replace fields. */
export function jobInput(workspace: string, name: string, overrides: Partial<CreateJobInput> = {}): CreateJobInput {
  return {
    workspace,
    name,
    type: 'command',
    displayName: `display ${name}`,
    experimentName: 'default',
    description: null,
    compute: 'local',
    tags: {},
    spec: { type: 'command', command: 'python train.py' },
    warnings: [],
    createdAt: T0,
    ...overrides,
  };
}

/** The record `createJob(input)` must return. */
export function createdRecord(input: CreateJobInput): JobRecord {
  const { createdAt, parent, lineage: _lineage, reuseKey: _reuseKey, reusedFrom: _reusedFrom, schedule, ...fields } = input;
  return {
    ...fields,
    createdAt,
    status: 'Queued',
    history: [
      { status: 'NotStarted', time: createdAt },
      { status: 'Queued', time: createdAt },
    ],
    updatedAt: createdAt,
    startedAt: null,
    endedAt: null,
    handle: null,
    failure: null,
    exitCode: null,
    parent: parent?.name ?? null,
    root: parent ? (parent.root ?? parent.name) : null,
    controllerState: null,
    finalization: null,
    archived: false,
    reusedFrom: null,
    schedule: schedule ?? null,
  };
}

/** Moves a job through `statuses` one transition at a time, `at` T0+1, T0+2, ... */
export async function moveThrough(store: MetadataStore, job: JobRecord, statuses: JobStatus[]): Promise<JobRecord> {
  let current = job;
  for (const [index, to] of statuses.entries()) {
    const at = T0 + index + 1;
    const next = await store.transitionJob({ workspace: job.workspace, name: job.name, from: [current.status], to, at });
    if (next === undefined) throw new Error(`transition of ${job.name} from ${current.status} to ${to} failed`);
    current = next;
  }
  return current;
}
