import assert from 'node:assert/strict';
import type { JobRecord } from '@lathe/core';
import type { CreateJobInput, MetadataStore } from '@lathe/store';
import { jobInput, moveThrough, newWorkspace, T0, type StoreSuite } from './store-fixtures.js';

/** `listJobs`: order, paging and filters. @internal */
export function defineListJobsTests(suite: StoreSuite): void {
  suite.test('listJobs returns jobs newest first, breaking ties by name descending', async () => {
    const workspace = await newWorkspace(suite.store);
    await createAll(suite.store, [jobInput(workspace, 'b', { createdAt: T0 + 10 }), jobInput(workspace, 'a', { createdAt: T0 }), jobInput(workspace, 'c', { createdAt: T0 + 10 })]);
    const page = await suite.store.listJobs({ workspace, limit: 10 });
    assert.deepEqual(names(page.jobs), ['c', 'b', 'a']);
    assert.equal(page.nextPageToken, undefined);
  });

  suite.test('listJobs pages through 25 jobs ten at a time without duplicates', async () => {
    const workspace = await newWorkspace(suite.store);
    // Three jobs share each creation time, so the pages must also split ties by name.
    const inputs = Array.from({ length: 25 }, (_, i) => jobInput(workspace, `job-${String(i).padStart(2, '0')}`, { createdAt: T0 + Math.floor(i / 3) }));
    await createAll(suite.store, inputs);
    const pages = await allPages(suite.store, workspace, 10);
    assert.deepEqual(
      pages.map((page) => page.length),
      [10, 10, 5],
    );
    const seen = pages.flat().map((job) => job.name);
    assert.equal(new Set(seen).size, 25);
    assert.deepEqual(seen, inputs.map((input) => input.name).reverse());
  });

  suite.test('listJobs returns an empty page for a workspace without jobs', async () => {
    const workspace = await newWorkspace(suite.store);
    assert.deepEqual(await suite.store.listJobs({ workspace, limit: 10 }), { jobs: [] });
  });

  suite.test('listJobs filters by status', async () => {
    const { store, workspace } = await filterFixture(suite.store);
    const page = await store.listJobs({ workspace, limit: 10, statuses: ['Running', 'Canceled'] });
    assert.deepEqual(names(page.jobs), ['d', 'b']);
  });

  suite.test('listJobs filters by experiment name', async () => {
    const { store, workspace } = await filterFixture(suite.store);
    const page = await store.listJobs({ workspace, limit: 10, experimentName: 'exp-1' });
    assert.deepEqual(names(page.jobs), ['c', 'a']);
  });

  suite.test('listJobs filters by tag value and by tag key with any value', async () => {
    const { store, workspace } = await filterFixture(suite.store);
    const byValue = await store.listJobs({ workspace, limit: 10, tags: { team: 'nlp' } });
    assert.deepEqual(names(byValue.jobs), ['c']);
    const byKey = await store.listJobs({ workspace, limit: 10, tags: { team: null } });
    assert.deepEqual(names(byKey.jobs), ['c', 'b', 'a']);
    const byBoth = await store.listJobs({ workspace, limit: 10, tags: { team: 'vision', gpu: null } });
    assert.deepEqual(names(byBoth.jobs), ['a']);
  });

  suite.test('listJobs combines status, experiment and tag filters', async () => {
    const { store, workspace } = await filterFixture(suite.store);
    const page = await store.listJobs({
      workspace,
      limit: 10,
      statuses: ['Queued', 'Running'],
      experimentName: 'exp-1',
      tags: { team: null },
    });
    assert.deepEqual(names(page.jobs), ['c', 'a']);
    const none = await store.listJobs({ workspace, limit: 10, statuses: ['Running'], experimentName: 'exp-1' });
    assert.deepEqual(none.jobs, []);
  });

  suite.test('setJobArchived archives and restores a job; listJobs filters on it and on having no parent', async () => {
    const { store, workspace } = await filterFixture(suite.store);
    await store.createJob(jobInput(workspace, 'child', { createdAt: T0 + 5, parent: { name: 'a', root: null } }));
    const archived = await store.setJobArchived(workspace, 'b', true);
    assert.equal(archived?.archived, true);
    assert.equal(archived?.status, 'Running');
    assert.equal((await store.getJob(workspace, 'a'))?.archived, false);
    assert.deepEqual(names((await store.listJobs({ workspace, limit: 10, archived: false })).jobs), ['child', 'd', 'c', 'a']);
    assert.deepEqual(names((await store.listJobs({ workspace, limit: 10, archived: true })).jobs), ['b']);
    assert.deepEqual(names((await store.listJobs({ workspace, limit: 10, archived: false, parent: null })).jobs), ['d', 'c', 'a']);
    assert.equal((await store.setJobArchived(workspace, 'b', false))?.archived, false);
    assert.deepEqual(names((await store.listJobs({ workspace, limit: 10, archived: true })).jobs), []);
    assert.equal(await store.setJobArchived(workspace, 'missing', true), undefined);
  });

  suite.test('listJobs rejects a malformed page token with LATHE_BAD_REQUEST', async () => {
    const workspace = await newWorkspace(suite.store);
    const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const pageToken of ['not a token!', 'Zm9v', encode({ createdAt: 1 }), encode([1]), encode(['1', 'a'])]) {
      await assert.rejects(suite.store.listJobs({ workspace, limit: 10, pageToken }), {
        name: 'LatheError',
        code: 'LATHE_BAD_REQUEST',
      });
    }
  });
}

function names(jobs: JobRecord[]): string[] {
  return jobs.map((job) => job.name);
}

async function createAll(store: MetadataStore, inputs: CreateJobInput[]): Promise<JobRecord[]> {
  const jobs: JobRecord[] = [];
  for (const input of inputs) jobs.push(await store.createJob(input));
  return jobs;
}

async function allPages(store: MetadataStore, workspace: string, limit: number): Promise<JobRecord[][]> {
  const pages: JobRecord[][] = [];
  let pageToken: string | undefined;
  do {
    const page = await store.listJobs({ workspace, limit, ...(pageToken === undefined ? {} : { pageToken }) });
    pages.push(page.jobs);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined && pages.length <= 100);
  return pages;
}

/**
 * Four jobs, oldest first: a (exp-1, Queued, team=vision gpu=a100), b (exp-2, Running,
 * team=vision), c (exp-1, Queued, team=nlp), d (exp-2, Canceled, no tags).
 */
async function filterFixture(store: MetadataStore): Promise<{ store: MetadataStore; workspace: string }> {
  const workspace = await newWorkspace(store);
  const [, b, , d] = await createAll(store, [
    jobInput(workspace, 'a', { createdAt: T0 + 1, experimentName: 'exp-1', tags: { team: 'vision', gpu: 'a100' } }),
    jobInput(workspace, 'b', { createdAt: T0 + 2, experimentName: 'exp-2', tags: { team: 'vision' } }),
    jobInput(workspace, 'c', { createdAt: T0 + 3, experimentName: 'exp-1', tags: { team: 'nlp' } }),
    jobInput(workspace, 'd', { createdAt: T0 + 4, experimentName: 'exp-2' }),
  ]);
  await moveThrough(store, b as JobRecord, ['Preparing', 'Running']);
  await moveThrough(store, d as JobRecord, ['Canceled']);
  return { store, workspace };
}
