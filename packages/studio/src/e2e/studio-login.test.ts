import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LatheClient } from '@lathe/sdk';
import { startStudio, type StudioHarness } from './studio-harness.js';

describe('Studio on a server that asks for its access token', () => {
  let h: StudioHarness;
  before(async () => {
    h = await startStudio({ LATHE_AUTH: 'token' });
  });
  after(async () => h?.close());

  it('reads nothing before the login URL, and everything after it', async () => {
    const token = h.server.accessToken as string;
    const job = await new LatheClient({ url: h.url, token }).createJob({ command: 'echo behind the token', display_name: 'guarded' });
    const row = h.page.locator(`[data-testid=job-row][data-run-id="${job.name}"]`);

    await h.open('/jobs');
    await h.page
      .getByText(/access token/)
      .first()
      .waitFor();
    assert.equal(await row.count(), 0);

    const login = await h.page.goto(`${h.url}/login?token=${token}`);
    assert.equal(new URL(h.page.url()).pathname, '/');
    assert.equal(login?.status(), 200);
    const cookies = await h.context.cookies(h.url);
    const session = cookies.find((c) => c.name === 'lathe_token');
    assert.equal(session?.httpOnly, true);
    assert.equal(session?.sameSite, 'Strict');
    assert.equal(await h.page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie), '', 'page scripts cannot read the token');
    await h.open('/jobs');
    await row.waitFor();
  });
});
