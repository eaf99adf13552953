import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

// Not imported from server.ts: that reaches the test harness, and a CLI test needing no database
// would then run again on PostgreSQL (see scripts/test.mjs).
const root = fileURLToPath(new URL('../..', import.meta.url));

let bundled: Promise<string> | undefined;

/**
 * The real CLI (`src/main.ts`'s commander program), bundled once per test process by esbuild so
 * each command's child starts in about half the time `--import tsx` takes to load hundreds of
 * modules. The bundle sits inside the repository (node_modules/.cache) so packages and the files
 * shipped beside the code resolve exactly as they do for `src/main.ts`.
 */
function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = join(root, 'node_modules', '.cache', 'ledgerdesk-tests');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `cli-${process.pid}.mjs`);
    process.once('exit', () => rmSync(outfile, { force: true }));
    await build({
      stdin: { contents: `import { cli } from ${JSON.stringify(join(root, 'src', 'main.ts'))};\nawait cli().parseAsync(process.argv);\n`, resolveDir: root, loader: 'ts' },
      bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning',
    });
    return outfile;
  })();
  return bundled;
}

/** Runs `ledgerdesk <args…>` as a child process with `env` (the parent's PATH and HOME unless given). */
export async function runCli(args: string[], env?: Record<string, string>): Promise<CliRun> {
  const entry = await cliBundle();
  return new Promise((resolve) => {
    execFile(process.execPath, [entry, ...args], { cwd: root, maxBuffer: 64 << 20, ...(env ? { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env } } : {}) }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}
