// The SPA's entry: languages first (the first render is already translated), then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { markPressableStyleProvided } from './lib/csp.ts';
import { initI18n } from './lib/i18n.ts';
import './app/styles/index.css';

initI18n();
markPressableStyleProvided();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
