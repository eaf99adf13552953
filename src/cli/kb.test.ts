import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { runCli, type CliRun } from '../../test/process/cli.js';
import { createWorkspace, type Workspace } from '../../test/process/server.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database } from '../platform/db/index.js';
import { loadSeedContent } from '../modules/helpcenter/seed/seedContent.js';
import { seedHelpCenter } from '../modules/helpcenter/seed/seeder.js';

/**
 * `ledgerdesk kb …` run as the real CLI in a child process, on a temp SQLite file or a fresh
 * PostgreSQL schema. One workspace starts with the shipped help center; a second has only its
 * categories and sections, to receive an export.
 */
function kb(ws: Workspace, ...args: string[]): Promise<CliRun> {
  return runCli(['kb', ...args], ws.env);
}

const jsonl = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const staking = {
  en: { id: 'staking-rewards', locale: 'en', section: 'deposit-guide', title: 'When are staking rewards paid?', body: 'Staking rewards are paid **daily** at 08:00 UTC into your funding account.\n\nIf a payout is missing after an hour, open a ticket with your UID.', tags: ['staking', 'rewards'] },
  zh: { id: 'staking-rewards', locale: 'zh-CN', title: '质押收益什么时候发放？', summary: '每天 08:00 UTC 发放到资金账户。', body: '质押收益每天 08:00 UTC 发放到您的资金账户。如果一小时后仍未收到，请带上 UID 提交工单。' },
};
const marginInterest = { id: 'margin-interest', locale: 'en', title: 'How margin interest is charged', body: 'Interest on borrowed funds accrues **hourly** from the moment you borrow until you repay, at the rate shown on the borrow page.' };

describe('ledgerdesk kb', { timeout: 600_000 }, () => {
  let seeded: Workspace;
  let empty: Workspace;
  let seededDb: Database | undefined;
  let emptyDb: Database;
  const file = (ws: Workspace, name: string, text?: string) => {
    const path = join(ws.env.DATA_DIR, name);
    if (text !== undefined) writeFileSync(path, text);
    return path;
  };
  // The seeded workspace's database exists once the first command has run.
  const db = () => (seededDb ??= seeded.openDatabase()).db;
  const count = async (d: Database['db'], table: 'articles' | 'article_versions' | 'audit_log') =>
    Number((await d.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const article = (d: Database['db'], slug: string) => d.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();

  before(async () => {
    seeded = await createWorkspace({ LOG_LEVEL: 'silent', SEED_HELP_CENTER: 'true' });
    empty = await createWorkspace({ LOG_LEVEL: 'silent', SEED_HELP_CENTER: 'false' });
    // Categories and sections only: an import needs somewhere to put articles.
    const app = await buildApp(loadConfig(empty.env), { logger: pino({ level: 'silent' }) });
    await seedHelpCenter(app.ctx, { categories: loadSeedContent().categories, articles: [] });
    await app.close();
    emptyDb = empty.openDatabase();
  });

  after(async () => {
    await seededDb?.close();
    await emptyDb?.close();
    await seeded?.dispose();
    await empty?.dispose();
  });

  it('eval measures search over the shipped seed: a table, misses with --verbose, and --json', async () => {
    const text = await kb(seeded, 'eval', '--verbose');
    assert.equal(text.code, 0, text.stderr);
    for (const column of ['recall@1', 'recall@5', 'MRR@10', 'zero results', 'p50 ms', 'p99 ms']) assert.ok(text.stdout.includes(column), column);
    for (const locale of ['all', 'en', 'zh-CN', 'ko']) assert.match(text.stdout, new RegExp(`^${locale}\\s+\\d+\\s+\\d+\\.\\d%`, 'm'));
    assert.match(text.stdout, /Not ranked first \(\d+\):\n {2}\[(en|zh-CN|ko)\] .+ → .+top 3: /);

    const json = await kb(seeded, 'eval', '--json');
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.equal(report.articles, loadSeedContent().articles.length);
    assert.ok(report.overall.recallAt5 >= 0.9, `recall@5 ${report.overall.recallAt5}`);
    assert.deepEqual(Object.keys(report.locales).sort(), ['en', 'ko', 'zh-CN']);
    for (const m of [report.overall, ...Object.values<{ mrr: number; latencyMs: { p50: number; p99: number } }>(report.locales)]) {
      assert.ok(m.mrr > 0 && m.mrr <= 1 && m.latencyMs.p50 <= m.latencyMs.p99);
    }
  });

  it('imports JSONL as drafts, publishes with --publish, writes a version only for changed text, and is idempotent', async () => {
    const path = file(seeded, 'articles.jsonl', jsonl(staking.en, staking.zh, marginInterest));
    const first = await kb(seeded, 'import', path, '--section', 'futures-margin');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /2 created, 0 updated, 0 unchanged, 0 published; 3 translations written/);
    const margin = await article(db(), 'margin-interest');
    assert.equal(margin.status, 'draft');
    assert.equal((await article(db(), 'staking-rewards')).status, 'draft');
    const summary = await db().selectFrom('article_translations').select('summary').where('article_id', '=', margin.id).executeTakeFirstOrThrow();
    assert.match(summary.summary, /^Interest on borrowed funds accrues hourly/);

    const before = [await count(db(), 'article_versions'), await count(db(), 'audit_log')];
    const again = await kb(seeded, 'import', path, '--section', 'futures-margin');
    assert.match(again.stdout, /0 created, 0 updated, 2 unchanged, 0 published; 0 translations written/);
    assert.deepEqual([await count(db(), 'article_versions'), await count(db(), 'audit_log')], before);

    const published = await kb(seeded, 'import', path, '--section', 'futures-margin', '--publish');
    assert.match(published.stdout, /0 created, 2 updated, 0 unchanged, 2 published; 0 translations written/);
    assert.equal((await article(db(), 'margin-interest')).status, 'published');

    const edited = file(seeded, 'edited.jsonl', jsonl(staking.en, staking.zh, { ...marginInterest, section: 'futures-margin', body: `${marginInterest.body} Repaying early stops it at once.` }));
    const changed = await kb(seeded, 'import', edited);
    assert.match(changed.stdout, /0 created, 1 updated, 1 unchanged, 0 published; 1 translations written/);
    assert.equal(await count(db(), 'article_versions'), before[0]! + 1);
  });

  it('refuses a file with a bad line or an unknown section, naming file:line and field, and writes nothing', async () => {
    const articles = await count(db(), 'articles');
    const fresh = { ...staking.en, id: 'never-written' };
    const bad = file(seeded, 'bad.jsonl', jsonl(fresh, staking.zh, { ...marginInterest, title: undefined }));
    const unknown = file(seeded, 'unknown.jsonl', jsonl(fresh, { ...marginInterest, section: 'no-such-section' }));
    const [refused, refusedSection, missing] = await Promise.all([
      kb(seeded, 'import', bad, '--publish'),
      kb(seeded, 'import', unknown),
      kb(seeded, 'import', join(seeded.env.DATA_DIR, 'missing.jsonl')),
    ]);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, `ledgerdesk kb import: ${bad}:3: title: Invalid input: expected string, received undefined\n`);
    assert.equal(refusedSection.code, 1);
    assert.equal(refusedSection.stderr, `ledgerdesk kb import: ${unknown}:2: section: there is no help-center section "no-such-section"\n`);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^ledgerdesk kb import: .*missing\.jsonl: cannot read it \(ENOENT\)\n$/);
    assert.equal(await count(db(), 'articles'), articles);
  });

  it('imports a Markdown folder in the seed layout', async () => {
    const folder = join(seeded.env.DATA_DIR, 'markdown-in', 'maintenance-notice');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'meta.yaml'), 'category: trading\nsection: spot\nkind: announcement\nstatus: published\npinned: true\nrelated: [deposit-not-credited]\n');
    writeFileSync(join(folder, 'en.md'), '---\ntitle: Scheduled maintenance on Sunday\nsummary: Trading pauses for 30 minutes.\ntags: [maintenance]\n---\n\nSpot and futures trading pause from 02:00 to 02:30 UTC.\n');
    writeFileSync(join(folder, 'ko.md'), '---\ntitle: 일요일 정기 점검 안내\nsummary: 거래가 30분간 중단됩니다.\n---\n\n현물 및 선물 거래가 02:00부터 02:30(UTC)까지 중단됩니다.\n');
    const run = await kb(seeded, 'import', join(seeded.env.DATA_DIR, 'markdown-in'));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /1 created, 0 updated, 0 unchanged, 1 published; 2 translations written/);
    const notice = await article(db(), 'maintenance-notice');
    assert.deepEqual([notice.status, notice.kind, notice.pinned], ['published', 'announcement', 1]);
    assert.equal(await db().selectFrom('article_relations').select('related_id').where('article_id', '=', notice.id).execute().then((r) => r.length), 1);
  });

  it('exports JSONL and Markdown that re-import into an empty help center unchanged', async () => {
    const exported = file(seeded, 'export.jsonl');
    const markdown = join(seeded.env.DATA_DIR, 'export-md');
    const runs = await Promise.all([kb(seeded, 'export', '--out', exported), kb(seeded, 'export', '--format', 'markdown', '--out', markdown)]);
    assert.deepEqual(runs.map((r) => r.code), [0, 0], runs.map((r) => r.stderr).join(''));
    const records = readFileSync(exported, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const slugs = new Set(records.map((r) => r.id));
    assert.ok(slugs.has('staking-rewards') && slugs.has('maintenance-notice') && slugs.has('deposit-not-credited'));
    assert.deepEqual(Object.keys(records[0]).sort(), ['body', 'id', 'kind', 'locale', 'section', 'status', 'summary', 'tags', 'title']);

    const intoEmpty = await kb(empty, 'import', markdown);
    assert.equal(intoEmpty.code, 0, intoEmpty.stderr);
    assert.match(intoEmpty.stdout, new RegExp(`${slugs.size} created, 0 updated, 0 unchanged`));
    const roundTrip = await kb(empty, 'export');
    assert.equal(roundTrip.stdout, readFileSync(exported, 'utf8'));
    const again = await kb(empty, 'import', exported);
    assert.match(again.stdout, new RegExp(`0 created, 0 updated, ${slugs.size} unchanged, 0 published; 0 translations written`));
    assert.equal((await article(emptyDb.db, 'maintenance-notice')).pinned, 1);
  });

  it('on a brand-new database keeps stdout for the export: the first admin password goes to stderr', async () => {
    const fresh = await createWorkspace({ LOG_LEVEL: 'silent', SEED_HELP_CENTER: 'true', LEDGERDESK_ADMIN_PASSWORD: '' });
    try {
      const run = await kb(fresh, 'export');
      assert.equal(run.code, 0, run.stderr);
      const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string });
      assert.ok(records.length > 0);
      assert.match(run.stderr, /Password: \S{12,}/);
      assert.doesNotMatch(run.stdout, /Password/);
    } finally {
      await fresh.dispose();
    }
  });

  it('eval reads articles and queries from files without a database', async () => {
    const queries = file(empty, 'queries.jsonl', jsonl({ query: 'when are staking rewards paid', locale: 'en', relevant: ['staking-rewards'] }, { query: '质押收益', locale: 'zh-CN', relevant: ['staking-rewards'] }));
    const run = await kb(empty, 'eval', '--articles', file(seeded, 'export.jsonl'), '--queries', queries, '--k', '5', '--json');
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual([report.queries, report.k, report.overall.recallAt5, report.overall.zeroResultRate], [2, 5, 1, 0]);
  });
});
