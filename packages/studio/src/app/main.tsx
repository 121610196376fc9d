import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { matchRoute } from './router.js';
import { ROUTES } from './routes.js';
import './styles.css';

// The page the URL opens is fetched before the first render, so it renders with the shell.
await ROUTES.find((route) => matchRoute(route.pattern, window.location.pathname))?.preload?.();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
