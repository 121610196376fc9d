// Builds Studio (packages/studio → dist/web) with Vite when its sources, or the packages it
// bundles, changed since the last build; `npm run build` runs it after `tsc -b`, so it is quick
// when nothing changed. `--force` always builds.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const studio = join(root, 'packages', 'studio');
const output = join(studio, 'dist', 'web', 'index.html');
const inputs = [
  join(studio, 'src', 'app'),
  join(studio, 'public'),
  join(studio, 'index.html'),
  join(studio, 'vite.config.mjs'),
  join(root, 'packages', 'sdk', 'dist'),
  join(root, 'packages', 'api', 'dist'),
  join(root, 'packages', 'core', 'dist'),
  join(root, 'packages', 'tracking', 'dist'),
  join(root, 'package-lock.json'),
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

const force = process.argv.includes('--force');
if (force || !existsSync(output) || Math.max(...inputs.map(newest)) > statSync(output).mtimeMs) {
  const { build } = await import('vite');
  const started = performance.now();
  // Built beside the served folder and swapped in, so a running server never finds it half-empty.
  const web = join(studio, 'dist', 'web');
  const next = join(studio, 'dist', 'web-next');
  const old = join(studio, 'dist', 'web-old');
  rmSync(next, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  await build({ configFile: join(studio, 'vite.config.mjs'), build: { outDir: next } });
  if (existsSync(web)) renameSync(web, old);
  renameSync(next, web);
  rmSync(old, { recursive: true, force: true });
  console.error(`lathe: built Studio in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
