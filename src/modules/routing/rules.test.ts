import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isOpenAt, isTimeZone, localTime } from './hours.js';
import { etaSeconds } from './queue.js';
import { chooseTeam, teamTiers, type TeamReadiness } from './teamChoice.js';
import type { Team } from './teams.js';

/** The pure routing rules: business hours, team tiers and ETAs. */
describe('business hours', () => {
  const seoulNights = { timezone: 'Asia/Seoul', days: [{ day: 5, from: '22:00', to: '06:00' }, { day: 6, from: '22:00', to: '02:00' }] };

  it('reads the wall clock of the team’s time zone', () => {
    assert.deepEqual(localTime(new Date('2025-06-06T14:00:00Z'), 'Asia/Seoul'), { day: 5, minutes: 23 * 60 });
    assert.deepEqual(localTime(new Date('2025-06-06T16:30:00Z'), 'Asia/Shanghai'), { day: 6, minutes: 30 });
    assert.deepEqual(localTime(new Date('2025-06-08T23:59:00Z'), 'UTC'), { day: 0, minutes: 23 * 60 + 59 });
    assert.equal(isTimeZone('Europe/Istanbul'), true);
    assert.equal(isTimeZone('Asia/Nowhere'), false);
  });

  it('null hours are 7×24; windows include from and exclude to', () => {
    assert.equal(isOpenAt(null, new Date('2025-06-07T03:00:00Z')), true);
    const weekdays = { timezone: 'Asia/Shanghai', days: [{ day: 1, from: '09:00', to: '18:00' }] };
    assert.equal(isOpenAt(weekdays, new Date('2025-06-09T01:00:00Z')), true, 'Monday 09:00 opens');
    assert.equal(isOpenAt(weekdays, new Date('2025-06-09T00:59:00Z')), false);
    assert.equal(isOpenAt(weekdays, new Date('2025-06-09T10:00:00Z')), false, 'Monday 18:00 is closed');
    assert.equal(isOpenAt(weekdays, new Date('2025-06-16T05:00:00Z')), true, 'next Monday too');
    const sunday = { timezone: 'UTC', days: [{ day: 0, from: '00:00', to: '24:00' }] };
    assert.equal(isOpenAt(sunday, new Date('2025-06-08T23:59:00Z')), true);
    assert.equal(isOpenAt(sunday, new Date('2025-06-09T00:00:00Z')), false);
  });

  it('a window ending before it starts runs past midnight, also from Saturday into Sunday', () => {
    assert.equal(isOpenAt(seoulNights, new Date('2025-06-06T14:00:00Z')), true, 'Friday 23:00 KST');
    assert.equal(isOpenAt(seoulNights, new Date('2025-06-06T20:59:00Z')), true, 'Saturday 05:59 KST');
    assert.equal(isOpenAt(seoulNights, new Date('2025-06-06T21:00:00Z')), false, 'Saturday 06:00 KST');
    assert.equal(isOpenAt(seoulNights, new Date('2025-06-05T14:00:00Z')), false, 'Thursday 23:00 KST');
    assert.equal(isOpenAt(seoulNights, new Date('2025-06-07T16:00:00Z')), true, 'Sunday 01:00 KST');
  });

  it('follows daylight saving time', () => {
    const newYork = { timezone: 'America/New_York', days: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })) };
    assert.equal(isOpenAt(newYork, new Date('2025-03-07T13:15:00Z')), false, 'Friday 08:15 EST');
    assert.equal(isOpenAt(newYork, new Date('2025-03-10T13:15:00Z')), true, 'Monday 09:15 EDT');
  });
});

describe('team choice', () => {
  const team = (id: string, languages: string[] = [], categories: string[] = []): Team => ({ id, name: id, languages, categories, hours: null, createdAt: id });
  const zhDeposit = team('1-zh-deposit', ['zh-CN'], ['deposit']);
  const zh = team('2-zh', ['zh-CN']);
  const deposits = team('3-deposits', [], ['deposit']);
  const general = team('4-general');
  const koKyc = team('5-ko-kyc', ['ko'], ['kyc']);
  const all = [general, deposits, zh, zhDeposit, koKyc];
  const ready = (map: Record<string, TeamReadiness>) => (id: string) => map[id] ?? 'free';

  it('orders matching teams by how specifically they match', () => {
    const [tier1] = teamTiers(all, { locale: 'zh-CN', category: 'deposit' }, null);
    assert.deepEqual(tier1!.map((t) => t.id), ['1-zh-deposit', '2-zh', '3-deposits', '4-general']);
    assert.deepEqual(teamTiers(all, { locale: 'ko', category: 'deposit' }, null)[0]!.map((t) => t.id), ['3-deposits', '4-general']);
  });

  it('falls back to the language, then the default team, then every team', () => {
    const specialists = [zhDeposit, koKyc];
    assert.equal(chooseTeam(teamTiers(specialists, { locale: 'ko', category: 'deposit' }, null), ready({}))?.id, '5-ko-kyc');
    assert.equal(chooseTeam(teamTiers(specialists, { locale: 'en', category: 'deposit' }, '5-ko-kyc'), ready({}))?.id, '5-ko-kyc');
    assert.equal(chooseTeam(teamTiers(specialists, { locale: 'en', category: null }, null), ready({}))?.id, '1-zh-deposit');
    assert.equal(chooseTeam(teamTiers([], { locale: 'en', category: null }, null), ready({})), null);
  });

  it('readiness decides only inside the best tier', () => {
    const tiers = teamTiers(all, { locale: 'zh-CN', category: 'deposit' }, null);
    assert.equal(chooseTeam(tiers, ready({ '1-zh-deposit': 'busy' }))?.id, '2-zh');
    assert.equal(chooseTeam(tiers, ready({ '1-zh-deposit': 'busy', '2-zh': 'unavailable', '3-deposits': 'unavailable', '4-general': 'unavailable' }))?.id, '1-zh-deposit');
    const koTiers = teamTiers([koKyc, general], { locale: 'ko', category: 'kyc' }, null);
    assert.equal(chooseTeam(koTiers, ready({ '5-ko-kyc': 'unavailable', '4-general': 'unavailable' }))?.id, '5-ko-kyc');
  });
});

describe('queue ETA', () => {
  it('is position × handling time ÷ slots online, rounded up to 30 s', () => {
    assert.equal(etaSeconds(1, { handlingSeconds: 300, slots: 1 }), 300);
    assert.equal(etaSeconds(1, { handlingSeconds: 300, slots: 4 }), 90);
    assert.equal(etaSeconds(3, { handlingSeconds: 420, slots: 6 }), 210);
    assert.equal(etaSeconds(1, { handlingSeconds: 10, slots: 9 }), 30, 'never under 30 s');
  });
});
