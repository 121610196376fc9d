import { LatheClient } from '@lathe/sdk/client';
import { TrackingClient } from '@lathe/sdk/tracking';

/**
 * The SDK clients Studio reads everything through, for the server that served the page. A token
 * kept in localStorage (`lathe.token`) is sent with every request once the server's auth is on.
 */
function token(): string | undefined {
  try {
    return localStorage.getItem('lathe.token') ?? undefined;
  } catch {
    return undefined;
  }
}

/** The workspace Studio shows: `?workspace=` is not used; a path prefix would be. One for now. */
export const WORKSPACE = 'default';

export const lathe = new LatheClient({ url: window.location.origin, workspace: WORKSPACE, token: token() });
export const tracking = new TrackingClient(window.location.origin, WORKSPACE, { token: token() });
