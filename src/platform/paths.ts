import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The repository root, found by walking up to LedgerDesk's package.json, so files shipped
 * beside the code (web assets, seed content) resolve the same from src/ under tsx and from
 * dist/src/ once built (tsc copies no data files).
 */
export function projectPath(...segments: string[]): string {
  if (!root) {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 10 && !root; i++, dir = dirname(dir)) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ledgerdesk') root = dir;
    }
    if (!root) throw new Error('LedgerDesk package.json not found above the application');
  }
  return join(root, ...segments);
}
