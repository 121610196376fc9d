import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { PREFETCH } from './prefetch-routes.js';
import { matchRoute } from './router.js';
import { ROUTES } from './routes.js';
import './styles.css';

// For the URL Studio opens with: the page's first requests start now, and its code is fetched
// before the first render (so it renders with the shell) while they are on the way.
const path = window.location.pathname;
const query = new URLSearchParams(window.location.search);
for (const entry of PREFETCH) {
  const params = matchRoute(entry.pattern, path);
  if (params) entry.prefetch(params, query);
}
await ROUTES.find((route) => matchRoute(route.pattern, path))?.preload?.();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
