// Builds the agent SPA into dist/app (the server serves its index.html for the app's paths and
// its files under /app-assets/); the widget has its own build (build-embed.ts) into dist/embed.js.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const server = 'http://127.0.0.1:3000';
const COMPRESSIBLE = /\.(html|js|css|svg|json)$/;

/** Writes a gzip and a brotli copy beside every text file, which the server sends as they are. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'ecoute-precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    async closeBundle() {
      // A failed build leaves no output: compress nothing, so that its own error is the one reported.
      if (!existsSync(outDir)) return;
      const files = (await readdir(outDir, { recursive: true })).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(
        files.map(async (file) => {
          const content = await readFile(path.join(outDir, file));
          const [gz, br] = await Promise.all([
            promisify(gzip)(content, { level: 9 }),
            promisify(brotliCompress)(content, {
              params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
            }),
          ]);
          await Promise.all([
            writeFile(path.join(outDir, `${file}.gz`), gz),
            writeFile(path.join(outDir, `${file}.br`), br),
          ]);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist/app',
    // Only dist/app is emptied: dist/embed.js, the widget, lives beside it.
    emptyOutDir: true,
    assetsDir: 'app-assets',
    // Files, never data: URLs, which the page's strict Content-Security-Policy may refuse.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Each request costs about 1 KB of headers, so what the first page needs comes in two
            // files rather than a dozen small ones: the libraries every page runs…
            {
              name: 'framework',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next|@tanstack|use-sync-external-store)[\\/]/,
              priority: 2,
            },
            // …and everything else the entry (the sign-in page) imports; other pages load on demand.
            { name: 'shell', tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': server, '/t': server, '/f': server, '/embed.js': server },
  },
});
