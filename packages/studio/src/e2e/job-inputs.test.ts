// Studio's job page in Chromium against a real server, for a job whose inputs were copied from a
// datastore path and from another job's output: the page names each by the URI it came from,
// never by the snapshot the job read (blob://), and Re-submit runs a copy that names them again.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStudio, type StudioHarness } from './studio-harness.js';

const PAGE = '[data-testid=job-page]';

describe('Studio job inputs copied from a datastore or a job output', () => {
  let h: StudioHarness;
  let job: string;
  let datastore: string;
  let output: string;

  before(async () => {
    h = await startStudio();
    // The built-in datastore is a folder of the server's home.
    const shared = join(h.home, 'datastores', 'default', 'workspaceblobstore', 'shared');
    await mkdir(shared, { recursive: true });
    await writeFile(join(shared, 'table.csv'), 'x\n1\n');
    datastore = 'azureml://datastores/workspaceblobstore/paths/shared/table.csv';
    const producer = await h.client.createJob({ command: 'mkdir -p outputs && echo from-producer > outputs/y.txt', experiment_name: 'studio-inputs' });
    assert.equal((await h.waitForJob(producer.name)).status, 'Completed');
    output = `azureml://jobs/${producer.name}/outputs/default/paths/outputs/`;
    const reader = await h.client.createJob({
      command: 'cat ${{inputs.table}} ${{inputs.previous}}/y.txt',
      inputs: { table: { type: 'uri_file', path: datastore }, previous: { type: 'uri_folder', path: output } },
      experiment_name: 'studio-inputs',
      display_name: 'reads-datastore',
    });
    job = reader.name;
    const ended = await h.waitForJob(job);
    assert.equal(ended.status, 'Completed', await h.client.getLogs(job));
  });
  after(async () => {
    await h?.close();
  });

  it('names each input by the URI it came from, never blob://', async () => {
    await h.open(`/jobs/${job}`);
    const inputs = h.page.getByTestId('inputs-table');
    await inputs.waitFor();
    const text = await inputs.innerText();
    assert.ok(text.includes(datastore), text);
    assert.ok(text.includes(output), text);
    assert.doesNotMatch(await h.page.content(), /blob:\/\//);
  });

  it('re-submits a copy that reads the datastore path and the output again', async () => {
    await h.open(`/jobs/${job}`);
    await h.page.getByTestId('resubmit-button').click();
    const dialog = h.page.getByTestId('resubmit-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getByTestId('resubmit-input-table').inputValue(), datastore);
    await dialog.getByTestId('resubmit-submit').click();
    await h.page.waitForURL((url) => url.pathname.startsWith('/jobs/') && url.pathname !== `/jobs/${job}`);
    const name = decodeURIComponent(new URL(h.page.url()).pathname.slice('/jobs/'.length));
    await h.page.locator(`${PAGE}[data-status=Completed]`).waitFor({ timeout: 180_000 });
    const copy = await h.client.getJob(name);
    assert.deepEqual(copy.uris, { 'inputs.table': datastore, 'inputs.previous': output });
    assert.match(await h.client.getLogs(name), /from-producer/);
  });

  it('raised no uncaught errors in the page', () => {
    assert.deepEqual(h.pageErrors, []);
  });
});
