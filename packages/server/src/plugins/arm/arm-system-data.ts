/** ARM's `systemData` for a resource made at `createdAt` (ms) and not changed since. */
export function armSystemData(createdAt: number): Record<string, string> {
  const at = new Date(createdAt).toISOString();
  return { createdAt: at, createdBy: 'lathe', createdByType: 'Application', lastModifiedAt: at, lastModifiedBy: 'lathe', lastModifiedByType: 'Application' };
}
