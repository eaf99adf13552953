import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../platform/paths.js';
import type { FastifyInstance } from 'fastify';

/**
 * The portal's CSS and client script, served from memory under content-hashed names
 * (`/assets/portal/portal.3f2a9c1b.css`) so browsers may cache them for a year: a new
 * release changes the hash and therefore the URL.
 */
interface Asset {
  url: string;
  body: Buffer;
  type: string;
}

const sources = { css: 'portal.css', js: 'portal.js' } as const;
const types: Record<keyof typeof sources, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

function findWebDir(): string {
  const dir = projectPath('web', 'portal');
  if (!existsSync(join(dir, sources.css))) throw new Error(`portal assets missing in ${dir}`);
  return dir;
}

function load(): Record<keyof typeof sources, Asset> {
  const dir = findWebDir();
  const out = {} as Record<keyof typeof sources, Asset>;
  for (const [kind, file] of Object.entries(sources) as [keyof typeof sources, string][]) {
    const body = readFileSync(join(dir, file));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const [name, ext] = file.split('.') as [string, string];
    out[kind] = { url: `/assets/portal/${name}.${hash}.${ext}`, body, type: types[kind] };
  }
  return out;
}

export const portalAssets = load();

export function registerAssets(app: FastifyInstance): void {
  const byName = new Map(Object.values(portalAssets).map((a) => [a.url.slice('/assets/portal/'.length), a]));
  app.get('/assets/portal/:file', { schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params as { file: string };
    const asset = byName.get(file);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(asset.type)
      .send(asset.body);
  });
}
