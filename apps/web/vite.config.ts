import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

/**
 * The Marianne faces every page shows at once (text, bold titles, medium buttons): preloaded from
 * index.html, they are in before the app's first render, so text never reflows when they arrive
 * (the DSFR declares them `font-display: swap`). Other faces load when a page uses them.
 */
const PRELOADED_FONTS = /^assets\/Marianne-(Regular|Bold|Medium)-[\w-]+\.woff2$/;

function preloadFonts(): Plugin {
  return {
    name: 'catalogue-preload-fonts',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx): HtmlTagDescriptor[] {
        return Object.keys(ctx.bundle ?? {})
          .filter((file) => PRELOADED_FONTS.test(file))
          .sort()
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'preload', href: `/${file}`, as: 'font', type: 'font/woff2', crossorigin: '' },
            injectTo: 'head',
          }));
      },
    },
  };
}

// Dev mode: `npm run dev -w @catalogue/web` serves the app with hot reload on :5173 and forwards
// /api to the API started by `npm start` (or API_ORIGIN).
export default defineConfig({
  plugins: [react(), preloadFonts()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The DSFR stylesheet is large but cached; warn only for JavaScript that matters.
    chunkSizeWarningLimit: 600,
    // DSFR icons stay separate files, fetched only when a page shows them (inlined, the hundreds of
    // icons of each family would weigh down the stylesheet every page loads).
    assetsInlineLimit: (file: string) => (file.endsWith('.svg') ? false : undefined),
  },
  server: {
    port: 5173,
    proxy: { '/api': process.env.API_ORIGIN ?? 'http://localhost:3000' },
  },
});
