import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { projectPath } from '../../../platform/paths.js';

export interface WidgetBundle {
  js: string;
  jsHash: string;
  css: string;
  cssFile: string;
  demoCss: string;
  demoCssFile: string;
}

let bundle: Promise<WidgetBundle> | undefined;

/**
 * The widget's script and stylesheets, built once per process on first use. The compiled server
 * (`npm start`) reads what `npm run build` wrote to dist/widget; from source (tests, `npm run
 * dev`) it builds with esbuild in memory, so the bundle always matches the sources.
 */
export function widgetBundle(): Promise<WidgetBundle> {
  bundle ??= load();
  bundle.catch(() => {
    bundle = undefined;
  });
  return bundle;
}

async function load(): Promise<WidgetBundle> {
  const prebuilt = projectPath('dist', 'widget', 'bundle.json');
  if (import.meta.url.includes('/dist/') && existsSync(prebuilt)) return JSON.parse(readFileSync(prebuilt, 'utf8')) as WidgetBundle;
  const builder = (await import(pathToFileURL(projectPath('web', 'widget', 'build.mjs')).href)) as { buildWidget(): Promise<WidgetBundle> };
  return builder.buildWidget();
}
