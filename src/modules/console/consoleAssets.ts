import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectPath } from '../../platform/paths.js';

export interface ConsoleFile {
  body: Buffer;
  contentType: string;
}

export interface ConsoleAssets {
  /** The SPA's HTML shell, served for /console and every deep link under it. */
  index: Buffer;
  /** Content-hashed files under assets/, keyed by file name. */
  assets: Map<string, ConsoleFile>;
}

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

let loaded: Promise<ConsoleAssets> | undefined;

/**
 * The built console, read into memory once per process (a few hundred KB). The compiled server
 * (`npm start`) reads what `npm run build` wrote to dist/console; from source (tests, `npm run
 * dev`) web/console/build.mjs builds it on first use into a cache keyed by the sources' hash.
 */
export function consoleAssets(): Promise<ConsoleAssets> {
  loaded ??= load();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

async function load(): Promise<ConsoleAssets> {
  const prebuilt = projectPath('dist', 'console');
  let dir: string;
  if (import.meta.url.includes('/dist/') && existsSync(join(prebuilt, 'index.html'))) dir = prebuilt;
  else {
    const builder = (await import(pathToFileURL(projectPath('web', 'console', 'build.mjs')).href)) as { ensureConsoleBuilt(): Promise<string> };
    dir = await builder.ensureConsoleBuilt();
  }
  const assets = new Map<string, ConsoleFile>();
  const assetDir = join(dir, 'assets');
  for (const name of existsSync(assetDir) ? readdirSync(assetDir) : []) {
    const path = join(assetDir, name);
    if (!statSync(path).isFile()) continue;
    assets.set(relative(assetDir, path), { body: readFileSync(path), contentType: types[extname(name)] ?? 'application/octet-stream' });
  }
  return { index: readFileSync(join(dir, 'index.html')), assets };
}
