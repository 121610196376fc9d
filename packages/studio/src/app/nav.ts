/**
 * The navigation rail: sections of entries, each a top-level page. A new capability (sweeps,
 * pipelines, endpoints, AutoML, flows) adds its entry here and its routes in routes.tsx; nothing
 * else changes.
 */
export interface NavEntry {
  label: string;
  path: string;
  /** One or two letters shown when the rail is narrow, and the `g <key>` shortcut. */
  key: string;
  /** Paths that highlight this entry besides `path` and what is under it. */
  also?: string[];
}

export interface NavSection {
  title: string;
  entries: NavEntry[];
}

export const NAV: NavSection[] = [
  {
    title: 'Assets',
    entries: [
      { label: 'Jobs', path: '/jobs', key: 'j', also: ['/compare'] },
      { label: 'Experiments', path: '/experiments', key: 'e' },
      { label: 'Models', path: '/models', key: 'm' },
      { label: 'Data', path: '/data', key: 'd' },
      { label: 'Environments', path: '/environments', key: 'v' },
      { label: 'Components', path: '/components', key: 'c' },
    ],
  },
];
