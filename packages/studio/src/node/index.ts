import { fileURLToPath } from 'node:url';

/** The folder of the built Studio (`index.html`, `assets/`), which the server serves at `/`. */
export const studioWebRoot: string = fileURLToPath(new URL('../web', import.meta.url));
