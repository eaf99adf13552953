import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Runs the default export of `module` — a pure function of one structured-cloneable input — on a
 * worker thread, so seconds of CPU (training a model) never stall the event loop serving chats.
 *
 * Pass the module's compiled `.js` URL. From source (tests, `npm run dev`) only the `.ts` file
 * exists, and on Node 20 a worker does not inherit the `--import tsx` loader, so the worker then
 * registers tsx itself before importing the module.
 */
export function runInWorker<Output>(module: URL, input: unknown): Promise<Output> {
  let entry = module;
  let tsx: string | undefined;
  if (!existsSync(fileURLToPath(module))) {
    entry = new URL(module.href.replace(/\.js$/, '.ts'));
    tsx = import.meta.resolve('tsx/esm/api');
  }
  return new Promise<Output>((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: { entry: entry.href, tsx, input } });
    // A worker must not keep a stopping process alive; its result is simply dropped then.
    worker.unref();
    worker.once('message', (reply: { ok: true; output: Output } | { ok: false; error: string }) => {
      if (reply.ok) resolve(reply.output);
      else reject(new Error(reply.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker for ${entry.pathname} exited with code ${code} before answering`)));
  });
}

/** The worker's own script (CommonJS, as eval workers are): load, run, post the result or the error. */
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  const run = (await import(workerData.entry)).default;
  return run(workerData.input);
})().then(
  (output) => parentPort.postMessage({ ok: true, output }),
  (err) => parentPort.postMessage({ ok: false, error: err instanceof Error ? err.stack || err.message : String(err) }),
);
`;
