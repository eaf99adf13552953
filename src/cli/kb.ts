import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { pino } from 'pino';
import { buildApp } from '../app.js';
import { ConfigError, loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import type { ArticleStatus } from '../modules/helpcenter/commands/articleUpdater.js';
import { listSynonymGroups } from '../modules/helpcenter/commands/synonymEditor.js';
import { buildSearchIndex, evaluationReport, runQueries, type EvalQuery, type IndexedTranslation, type QueryResult, type SearchMetrics } from '../modules/helpcenter/evaluation.js';
import { loadSeedQueries } from '../modules/helpcenter/seed/seedContent.js';
import { articleRecordSchema, articleStatuses, ContentError, contentOf, evalQuerySchema, readImport, readJsonl } from '../modules/helpcenter/transfer/articleFiles.js';
import { exportArticles, toJsonl, writeMarkdownFolders } from '../modules/helpcenter/transfer/articleExporter.js';
import { applyImport, countPlan, planImport } from '../modules/helpcenter/transfer/articleImporter.js';

/**
 * `ledgerdesk kb import | export | eval`: help-center content in and out of the configured
 * database through the app's own code paths (migrations, commands, audit, events), and a
 * measurement of search quality on labelled queries.
 */
const say = (text: string) => process.stdout.write(`${text}\n`);
const articlesText = (n: number) => `${n} ${n === 1 ? 'article' : 'articles'}`;

/** The app as `start` builds it, for one command; logs go to stderr because stdout may carry an export. */
async function withApp<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const app = await buildApp(config, { logger: pino({ level: config.LOG_LEVEL }, pino.destination(2)), announce: (text) => void process.stderr.write(text) });
  try {
    return await work(app.ctx);
  } finally {
    await app.close();
  }
}

/** Failures are one line per problem on stderr and exit 1 (2 for configuration), never a stack trace. */
function handled<A extends unknown[]>(name: string, run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    // `kb export | head` closes the pipe early; that is the reader's choice, not a failure.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
    try {
      await run(...args);
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`${err.message}\nSee the configuration table in README.md.\n`);
        process.exit(2);
      }
      const problems = err instanceof ContentError ? err.problems : [err instanceof Error ? err.message : String(err)];
      const shown = problems.length > 20 ? [...problems.slice(0, 20), `… and ${problems.length - 20} more problems`] : problems;
      process.stderr.write(shown.map((p) => `ledgerdesk kb ${name}: ${p}\n`).join(''));
      process.exit(1);
    }
  };
}

interface ImportFlags {
  publish?: boolean;
  section?: string;
  dryRun?: boolean;
}

async function importCommand(path: string, flags: ImportFlags): Promise<void> {
  // The file is read and checked before the database is touched.
  const articles = readImport(path);
  await withApp(async (ctx) => {
    const plan = await planImport(ctx.db, articles, { publish: flags.publish ?? false, section: flags.section });
    if (!flags.dryRun) await applyImport(ctx, plan);
    const c = countPlan(plan);
    const counts = `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.published} published; ${c.translationsWritten} translations written`;
    say(flags.dryRun ? `Dry run, nothing written. ${path} has ${articlesText(plan.length)}: ${counts}.` : `Imported ${articlesText(plan.length)} from ${path}: ${counts}.`);
  });
}

interface ExportFlags {
  out?: string;
  format: 'jsonl' | 'markdown';
  status: ArticleStatus | 'all';
}

async function exportCommand(flags: ExportFlags): Promise<void> {
  if (flags.format === 'markdown' && !flags.out) throw new Error('--format markdown writes a folder: name it with --out <folder>');
  const articles = await withApp((ctx) => exportArticles(ctx.db, flags.status));
  if (!flags.out) {
    process.stdout.write(toJsonl(articles));
  } else if (flags.format === 'markdown') {
    const files = writeMarkdownFolders(flags.out, articles);
    say(`Exported ${articlesText(articles.length)} (${files} files) to ${flags.out}.`);
  } else {
    writeFileSync(flags.out, toJsonl(articles));
    say(`Exported ${articlesText(articles.length)} (${articles.reduce((n, a) => n + a.translations.length, 0)} translations) to ${flags.out}.`);
  }
}

interface EvalFlags {
  articles?: string;
  queries?: string;
  k: number;
  json?: boolean;
  verbose?: boolean;
}

/** What to search: a JSONL file (as `kb import` would store it), or the database's published articles and synonyms. */
async function evalCorpus(file: string | undefined): Promise<{ translations: IndexedTranslation[]; synonyms?: string[][] }> {
  if (file) return { translations: readJsonl(file, articleRecordSchema).map(({ value: r }) => ({ slug: r.id, locale: r.locale, ...contentOf(r) })) };
  return withApp(async (ctx) => ({
    translations: (await exportArticles(ctx.db, 'published')).flatMap((a) => a.translations.map((t) => ({ slug: a.slug, ...t }))),
    synonyms: (await listSynonymGroups(ctx)).map((g) => g.terms),
  }));
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const rounded = (m: SearchMetrics): SearchMetrics => ({
  ...m, recallAt1: round(m.recallAt1), recallAt5: round(m.recallAt5), mrr: round(m.mrr), zeroResultRate: round(m.zeroResultRate),
  latencyMs: { p50: round(m.latencyMs.p50), p99: round(m.latencyMs.p99) },
});
const missOf = (r: QueryResult) => ({ query: r.query.query, locale: r.query.locale, relevant: r.query.relevant, rank: r.rank, top: r.slugs.slice(0, 3) });

async function evalCommand(flags: EvalFlags): Promise<void> {
  const queries: EvalQuery[] = flags.queries ? readJsonl(flags.queries, evalQuerySchema).map((q) => q.value) : loadSeedQueries();
  const corpus = await evalCorpus(flags.articles);
  const index = buildSearchIndex(corpus.translations, corpus.synonyms);
  runQueries(index, queries, flags.k); // untimed: a cold start's compilation is not what readers wait for
  const results = runQueries(index, queries, flags.k);
  const report = evaluationReport(results, flags.k);
  const articles = new Set(corpus.translations.map((t) => t.slug)).size;
  const misses = results.filter((r) => r.rank !== 1);
  if (flags.json) {
    const locales = Object.fromEntries(Object.entries(report.locales).map(([locale, m]) => [locale, rounded(m)]));
    say(JSON.stringify({ articles, documents: index.size, queries: queries.length, k: flags.k, overall: rounded(report.overall), locales, misses: misses.map(missOf) }));
    return;
  }
  say(`Search evaluation: ${queries.length} queries over ${articles} articles (${index.size} documents), ${flags.k} results per query`);
  const header = ['', 'queries', 'recall@1', 'recall@5', `MRR@${flags.k}`, 'zero results', 'p50 ms', 'p99 ms'];
  const row = (label: string, m: SearchMetrics) =>
    [label, String(m.queries), percent(m.recallAt1), percent(m.recallAt5), m.mrr.toFixed(3), percent(m.zeroResultRate), m.latencyMs.p50.toFixed(2), m.latencyMs.p99.toFixed(2)];
  const rows = [header, row('all', report.overall), ...Object.entries(report.locales).map(([locale, m]) => row(locale, m))];
  for (const cells of rows) say(cells.map((cell, i) => (i === 0 ? cell.padEnd(6) : cell.padStart(Math.max(8, header[i]!.length)))).join('  ').trimEnd());
  if (flags.verbose) {
    say(`\nNot ranked first (${misses.length}):`);
    for (const r of misses) {
      const found = r.rank === null ? `not in the top ${flags.k}` : `rank ${r.rank}`;
      say(`  [${r.query.locale}] ${r.query.query} → ${found} (want ${r.query.relevant.join(' | ')}); top 3: ${r.slugs.slice(0, 3).join(', ') || '(nothing)'}`);
    }
  }
}

function resultsPerQuery(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('a whole number from 1 to 100');
  return n;
}

export function registerKbCommands(program: Command): void {
  const kb = program
    .command('kb')
    .description('Help-center content: import and export articles (JSONL or Markdown folders), measure search quality')
    .addHelpText('after', '\nThe database is DATABASE_URL, as for every command. Problems in an import are listed as\nfile:line: field: problem; the import then writes nothing and exits 1.');
  kb.command('import')
    .description('Create or update articles from a JSONL file or a Markdown folder; unchanged text writes nothing (idempotent)')
    .argument('<path>', 'JSONL, one translation per line ({"id","locale","title","body","tags"?,"summary"?,"section"?,"kind"?,"status"?}), or a folder of <slug>/meta.yaml + <slug>/<locale>.md')
    .option('--publish', 'publish the articles whose file names no status (new ones are drafts otherwise)')
    .option('--section <slug>', 'section of the articles whose file names none')
    .option('--dry-run', 'check everything and report what would change, write nothing')
    .action(handled('import', importCommand));
  kb.command('export')
    .description('Write articles with every translation as JSONL (stdout or --out) or as Markdown folders')
    .option('--out <path>', 'file for JSONL, folder for Markdown (<slug>/meta.yaml + <slug>/<locale>.md)')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'markdown']).default('jsonl'))
    .addOption(new Option('--status <status>', 'which articles').choices([...articleStatuses, 'all']).default('all'))
    .action(handled('export', exportCommand));
  kb.command('eval')
    .description('Measure search on labelled queries: recall@1, recall@5, MRR, zero-result rate and latency, overall and per locale')
    .option('--articles <file>', 'JSONL articles to search (default: the published articles of the database)')
    .option('--queries <file>', 'JSONL {"query","locale","relevant":[slugs]} (default: the shipped fixture)')
    .option('--k <n>', 'results per query', resultsPerQuery, 10)
    .option('--json', 'print one JSON object instead of a table')
    .option('--verbose', 'list the queries whose answer is not ranked first, with the top 3')
    .action(handled('eval', evalCommand));
}
