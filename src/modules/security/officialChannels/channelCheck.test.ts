import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkChannel, type OfficialChannel } from './channelCheck.js';

const registry: OfficialChannel[] = [
  { kind: 'domain', value: 'ledgerx.com', label: 'Website' },
  { kind: 'email', value: '@ledgerx.com', label: 'Support email' },
  { kind: 'email', value: 'security@ledgerx-mail.io', label: 'Security notices' },
  { kind: 'telegram', value: 'ledgerx_official', label: 'Telegram announcements' },
  { kind: 'x', value: 'ledgerx', label: 'X' },
  { kind: 'phone', value: '+8210555501234', label: 'Korean hotline' },
];
const verdict = (input: string) => checkChannel(input, registry).verdict;

describe('official-channel check', () => {
  it('recognises the official website, its subdomains and paths, in any spelling of the URL', () => {
    for (const input of ['ledgerx.com', 'https://www.ledgerx.com/zh-CN/support', 'HTTPS://LEDGERX.COM.', 'support.ledgerx.com/ticket?id=1']) {
      assert.equal(verdict(input), 'official', input);
    }
  });

  it('calls lookalike domains impersonations: added words, one letter off, other scripts, subdomain tricks', () => {
    for (const input of ['ledgerx-support.com', 'https://ledgrex.com/login', 'ledgerx.com.verify-account.io', 'https://lеdgerx.com', 'ledgerx-com.net', 'secure-ledgerx.co.kr']) {
      const result = checkChannel(input, registry);
      assert.equal(result.verdict, 'impersonation', input);
      assert.equal(result.match?.value, 'ledgerx.com');
    }
    assert.equal(verdict('example.org'), 'unknown');
  });

  it('checks email addresses by exact address or official domain', () => {
    assert.equal(verdict('kyc@ledgerx.com'), 'official');
    assert.equal(verdict('security@ledgerx-mail.io'), 'official');
    assert.equal(verdict('support@ledgerx-help.com'), 'impersonation');
    assert.equal(verdict('alerts@ledgerx-mail.io'), 'impersonation');
    assert.equal(verdict('friend@gmail.com'), 'unknown');
  });

  it('checks Telegram and X handles, with or without @ or a link', () => {
    assert.equal(verdict('@LedgerX_Official'), 'official');
    assert.equal(verdict('https://t.me/ledgerx_official'), 'official');
    assert.equal(verdict('x.com/LedgerX'), 'official');
    assert.equal(verdict('@ledgerx_support_official'), 'impersonation');
    assert.equal(verdict('https://t.me/ledgerx_0fficial'), 'impersonation');
    assert.equal(verdict('@cryptonews'), 'unknown');
  });

  it('checks phone numbers exactly, whatever the formatting', () => {
    assert.equal(verdict('+82 10-5555-01234'), 'official');
    assert.equal(verdict('+82 10 5555 01235'), 'unknown');
  });

  it('answers unknown for text that is none of these', () => {
    assert.deepEqual(checkChannel('   ', registry), { verdict: 'unknown', kind: null, checked: '', match: null });
    assert.equal(verdict('is this your support?'), 'unknown');
  });
});
