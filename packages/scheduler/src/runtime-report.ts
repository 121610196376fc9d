/** What a launcher tells the server about its job; defined in `@lathe/core`. */
export type { RuntimeReport } from '@lathe/core';
