// Builds the agent SPA into dist/app (the server serves its index.html for the app's paths and
// its files under /app-assets/); the widget has its own build (build-embed.ts) into dist/embed.js.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/app',
    // Only dist/app is emptied: dist/embed.js, the widget, lives beside it.
    emptyOutDir: true,
    assetsDir: 'app-assets',
    // Files, never data: URLs, which the page's strict Content-Security-Policy may refuse.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': server, '/t': server, '/f': server, '/embed.js': server },
  },
});
