import { useEffect } from 'react';
import { EmptyState } from './components/empty-state.js';
import { NAV } from './nav.js';
import { Link, matchRoute, navigate, useLocation } from './router.js';
import { ROUTES } from './routes.js';
import { useTheme } from './theme.js';

/**
 * The shell: navigation rail, top bar (theme), and the page the URL names. Below 900 px the rail
 * narrows to each entry's key letter (styles.css), its label kept as the link's accessible name
 * and tooltip, so pages keep the width they need.
 */
export function App() {
  const { path } = useLocation();
  const [theme, toggleTheme] = useTheme();
  useShortcuts();
  if (path === '/') {
    navigate('/jobs', { replace: true });
    return null;
  }
  let page = null;
  for (const route of ROUTES) {
    const params = matchRoute(route.pattern, path);
    if (params) {
      page = route.render(params);
      break;
    }
  }
  return (
    <div className="shell">
      <nav className="rail" aria-label="Studio" data-testid="rail">
        <Link to="/jobs" className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          <span className="rail-label">Lathe</span>
        </Link>
        {NAV.map((section) => (
          <div key={section.title} className="rail-section">
            <div className="rail-title">{section.title}</div>
            {section.entries.map((entry) => {
              const active = [entry.path, ...(entry.also ?? [])].some((p) => path === p || path.startsWith(`${p}/`));
              return (
                <Link
                  key={entry.path}
                  to={entry.path}
                  className={active ? 'rail-link active' : 'rail-link'}
                  aria-current={active ? 'page' : undefined}
                  aria-label={entry.label}
                  title={`${entry.label} (g ${entry.key})`}
                  data-nav={entry.key}
                >
                  <span className="rail-key" aria-hidden="true">
                    {entry.key.toUpperCase()}
                  </span>
                  <span className="rail-label">{entry.label}</span>
                </Link>
              );
            })}
          </div>
        ))}
        <div className="rail-foot">
          <button type="button" className="button ghost small" onClick={toggleTheme} data-testid="theme-toggle" title="Switch theme">
            <span className="rail-key" aria-hidden="true">
              {theme === 'dark' ? '☀' : '☾'}
            </span>
            <span className="rail-label">{theme === 'dark' ? 'Light theme' : 'Dark theme'}</span>
          </button>
          <span className="muted small rail-label" title="Keyboard: / search, j k move, Enter open, x select, g j jobs, ? help">
            Keys: / j k ↵ x
          </span>
        </div>
      </nav>
      <main className="main" key={path.split('/')[1]}>
        {page ?? (
          <EmptyState title="Nothing here" command="lathe job list">
            No page at <code>{path}</code>. <Link to="/jobs">Go to jobs</Link>.
          </EmptyState>
        )}
      </main>
    </div>
  );
}

/** `g` then a section key goes there (`g j` jobs, `g m` models, …), as in mail clients. */
function useShortcuts(): void {
  useEffect(() => {
    let pendingG = false;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable]') || event.metaKey || event.ctrlKey || event.altKey) return;
      if (pendingG) {
        pendingG = false;
        const entry = NAV.flatMap((s) => s.entries).find((e) => e.key === event.key);
        if (entry) {
          event.preventDefault();
          navigate(entry.path);
        }
        return;
      }
      if (event.key === 'g') pendingG = true;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
