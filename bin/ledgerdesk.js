#!/usr/bin/env node
// Runs the compiled CLI (`npm run build` produces dist/; `npm start` builds first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write('LedgerDesk is not built yet: run `npm run build` (npm start does this for you).\n');
  process.exit(1);
}
const { cli } = await import(compiled);
await cli().parseAsync(process.argv);
