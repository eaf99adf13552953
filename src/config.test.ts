import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('fills in defaults, and links point at the port the server listens on unless PUBLIC_URL says otherwise', () => {
    assert.equal(loadConfig({}).PUBLIC_URL, 'http://localhost:3000');
    assert.equal(loadConfig({ PORT: '8080' }).PUBLIC_URL, 'http://localhost:8080');
    assert.equal(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://support.example.com' }).PUBLIC_URL, 'https://support.example.com');
    assert.equal(loadConfig({ PUBLIC_URL: '' }).PUBLIC_URL, 'http://localhost:3000', 'an empty variable counts as unset');
  });

  it('names every bad variable, and hides secrets', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', PUBLIC_URL: 'not a url', LEDGERDESK_SECRET: 'short' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.ok(err.problems.some((p) => p.startsWith('PORT="eighty"')));
        assert.ok(err.problems.some((p) => p.startsWith('PUBLIC_URL="not a url"')));
        assert.ok(err.problems.includes('LEDGERDESK_SECRET=(hidden): at least 32 characters'));
        assert.ok(!err.message.includes('short'));
        return true;
      },
    );
  });
});
