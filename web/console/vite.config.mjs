// `npx vite --config web/console/vite.config.mjs`: the console with hot reload on :5173, the API
// proxied to a server on :3000 (`npm run dev`). Builds go through build.mjs.
import { viteConfig } from './build.mjs';

export default async () => ({
  ...(await viteConfig()),
  server: { proxy: { '/api': { target: 'http://localhost:3000', ws: true } } },
});
