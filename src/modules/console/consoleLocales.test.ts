import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { projectPath } from '../../platform/paths.js';

const load = (locale: string) => JSON.parse(readFileSync(projectPath('web', 'console', 'src', 'i18n', 'messages', `${locale}.json`), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('console message catalogues', () => {
  const en = load('en');
  for (const locale of ['zh-CN', 'ko']) {
    it(`${locale} has every English key, no other, none empty, with the same placeholders`, () => {
      const other = load(locale);
      assert.deepEqual(Object.keys(other).sort(), Object.keys(en).sort());
      for (const [key, text] of Object.entries(other)) {
        assert.ok(text.trim(), `${locale} ${key} is empty`);
        assert.deepEqual(placeholders(text), placeholders(en[key]!), `${locale} ${key}`);
      }
    });
  }

  it('names every status, priority, category and channel the API uses', async () => {
    const { categories, channels, priorities, statuses } = await import('../tickets/categories.js');
    const needed = [
      ...statuses.map((s) => `status.${s}`), 'status.unsolved', 'status.any',
      ...priorities.map((p) => `priority.${p}`), ...categories.map((c) => `category.${c}`), ...channels.map((c) => `channel.${c}`),
    ];
    assert.deepEqual(needed.filter((k) => !(k in en)), []);
  });
});
