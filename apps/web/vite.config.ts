import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Dev mode: `npm run dev -w @catalogue/web` serves the app with hot reload on :5173 and forwards
// /api to the API started by `npm start` (or API_ORIGIN).
export default defineConfig({
  plugins: [react()],
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
