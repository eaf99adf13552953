// Builds the chat widget with esbuild: widget.js (IIFE, minified) and a content-hashed
// stylesheet the script links into its shadow root. The server calls buildWidget() on first
// request when run from source; `npm run build` writes dist/widget/ for the compiled server.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 12);

export async function buildWidget({ minify = true } = {}) {
  const { build, transform } = await import('esbuild');
  const css = (await transform(await readFile(join(here, 'widget.css'), 'utf8'), { loader: 'css', minify })).code;
  const demoCss = (await transform(await readFile(join(here, 'demo.css'), 'utf8'), { loader: 'css', minify })).code;
  const cssFile = `widget.${hash(css)}.css`;
  const result = await build({
    entryPoints: [join(here, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2020'],
    minify,
    legalComments: 'none',
    define: { __LD_CSS_FILE__: JSON.stringify(cssFile) },
    logLevel: 'silent',
  });
  const js = result.outputFiles[0].text;
  return { js, jsHash: hash(js), css, cssFile, demoCss, demoCssFile: `demo.${hash(demoCss)}.css` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(here, '..', '..', 'dist', 'widget');
  const bundle = await buildWidget();
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'bundle.json'), JSON.stringify(bundle));
  const { gzipSync } = await import('node:zlib');
  process.stdout.write(`widget.js ${bundle.js.length} bytes, ${gzipSync(bundle.js).length} gzipped → dist/widget/bundle.json\n`);
}
