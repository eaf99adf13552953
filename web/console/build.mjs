// Builds the agent console (React + Vite) into a folder of static files with content-hashed
// names under assets/. `npm run build` writes dist/console for the compiled server; running from
// source (tests, `npm run dev`) the server calls ensureConsoleBuilt() on first use, which builds
// once into node_modules/.cache keyed by a hash of the sources, so repeated test runs reuse it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** Vite options shared by the build and the dev server (vite.config.mjs). */
export async function viteConfig({ outDir } = {}) {
  const { default: react } = await import('@vitejs/plugin-react');
  return {
    root: here,
    base: '/console/',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: outDir ?? join(root, 'dist', 'console'),
      emptyOutDir: true,
      target: 'es2022',
      // Inline nothing: the console's CSP allows only files from this origin.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      manifest: true,
    },
  };
}

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else out.push(path);
  }
  return out;
}

/** Hash of the console's sources and the lockfile: a changed file means a new build. */
export function sourceHash() {
  const h = createHash('sha256');
  for (const file of [...sourceFiles(here), join(root, 'package-lock.json')]) {
    h.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

export async function buildConsole({ outDir } = {}) {
  const { build } = await import('vite');
  await build(await viteConfig({ outDir }));
  return outDir ?? join(root, 'dist', 'console');
}

/**
 * A built console for the current sources: node_modules/.cache/ledgerdesk-console/<hash>.
 * Built into a temporary folder and renamed, so concurrent test processes never see half a build.
 */
export async function ensureConsoleBuilt() {
  const cacheRoot = join(root, 'node_modules', '.cache', 'ledgerdesk-console');
  const target = join(cacheRoot, sourceHash());
  if (existsSync(join(target, 'index.html'))) return target;
  const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(cacheRoot, { recursive: true });
  await buildConsole({ outDir: temp });
  try {
    await rename(temp, target);
  } catch (err) {
    // Another process finished the same build first: use theirs.
    await rm(temp, { recursive: true, force: true });
    if (!existsSync(join(target, 'index.html'))) throw err;
  }
  return target;
}

/** The JS an inbox visit loads first: the entry chunk and its static imports, from Vite's manifest. */
export function initialJs(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));
  const entry = Object.values(manifest).find((c) => c.isEntry);
  const seen = new Set();
  const walk = (chunk) => {
    if (seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const key of chunk.imports ?? []) walk(manifest[key]);
  };
  walk(entry);
  const files = [...seen].map((file) => {
    const body = readFileSync(join(dir, file));
    return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildConsole();
  const js = initialJs(out);
  await writeFile(join(out, '.build-hash'), sourceHash());
  process.stdout.write(`console: initial JS ${js.bytes} bytes, ${js.gzipBytes} gzipped → ${relative(root, out)}\n`);
}
