import type { AppContext } from '../../../context.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import type { ChannelKind } from './channelCheck.js';
import { claimOnce } from '../../../platform/db/settings.js';

const MARKER = 'official_channels_demo_seeded';

/** The demo desk's exchange ("LedgerX", on the reserved .example domain), so the check page has something to check. */
const demoChannels: { kind: ChannelKind; value: string; label: string }[] = [
  { kind: 'domain', value: 'ledgerx.example', label: 'Official website and app downloads' },
  { kind: 'email', value: '@ledgerx.example', label: 'Support and security email' },
  { kind: 'telegram', value: 'ledgerx_official', label: 'Telegram announcements' },
  { kind: 'x', value: 'ledgerx', label: 'X (Twitter)' },
  { kind: 'phone', value: '+8215881234', label: 'Korean customer hotline' },
];

export async function seedDemoOfficialChannels(ctx: AppContext): Promise<boolean> {
  return ctx.transaction(async (trx) => {
    const now = nowIso();
    if (!(await claimOnce(trx, MARKER))) return false;
    await trx
      .insertInto('official_channels')
      .values(demoChannels.map((c) => ({ id: newId(), ...c, created_by: null, created_at: now })))
      .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
      .execute();
    return true;
  });
}
