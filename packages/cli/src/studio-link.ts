import type { LatheClient } from '@lathe/sdk';

/**
 * The address of a job's page in Studio, on the server the client talks to: what `job create`,
 * `job show` and `job stream` print for a person to open (the REST resource is `-o json`).
 */
export function studioJobUrl(client: LatheClient, name: string): string {
  return `${client.url}/jobs/${encodeURIComponent(name)}`;
}
