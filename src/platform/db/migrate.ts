import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m001 from './migrations/001_foundation.js';
import * as m002 from './migrations/002_totp_last_step.js';
import * as m003 from './migrations/003_customer_email_lookup.js';
import * as m004 from './migrations/004_helpcenter.js';
import * as m005 from './migrations/005_live_chat.js';
import * as m006 from './migrations/006_jobs.js';
import * as m007 from './migrations/007_canned_responses.js';
import * as m008 from './migrations/008_notifications.js';
import * as m009 from './migrations/009_saved_views.js';
import * as m010 from './migrations/010_official_channels.js';
import * as m011 from './migrations/011_exchange.js';
import * as m012 from './migrations/012_email.js';
import * as m014 from './migrations/014_ticket_search.js';
import * as m015 from './migrations/015_channel_identities.js';
import * as m016 from './migrations/016_account_security.js';
import * as m017 from './migrations/017_phone.js';
import * as m018 from './migrations/018_connectors.js';
import * as m019 from './migrations/019_account_security_leftovers.js';

/** Migrations are imported statically so the compiled build and tsx see the same list. */
const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_totp_last_step': m002,
  '003_customer_email_lookup': m003,
  '004_helpcenter': m004,
  '005_live_chat': m005,
  '006_jobs': m006,
  '007_canned_responses': m007,
  '008_notifications': m008,
  '009_saved_views': m009,
  '010_official_channels': m010,
  '011_exchange': m011,
  '012_email': m012,
  '014_ticket_search': m014,
  '015_channel_identities': m015,
  '016_account_security': m016,
  '017_phone': m017,
  '018_connectors': m018,
  '019_account_security_leftovers': m019,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  // A PostgreSQL schema other than public must be named, or the migrator looks for its
  // bookkeeping table in the wrong place.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    // Before it takes its lock, Kysely's migrator lists the tables of *every* schema (kysely#1419)
    // and names each one back to PostgreSQL; a table that changes under another connection in
    // between fails that look-up with 42P01 although nothing of ours ran (no results). A database
    // holding many schemas at once (the PostgreSQL test pass) sees it; the look-up is repeated.
    const vanished = (error as { code?: string }).code === '42P01' && !results?.length;
    if (!vanished || attempt === 5) throw error instanceof Error ? error : new Error(String(error));
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}
