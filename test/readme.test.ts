import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { configSchema } from '../src/config.js';
import { configTable, readmePath, readmeTable } from '../scripts/config-table.js';

describe('README', () => {
  const readme = readFileSync(readmePath, 'utf8');

  it('has the configuration table generated from src/config.ts (run `npm run docs:config` after changing config)', () => {
    const committed = readmeTable(readme);
    assert.notEqual(committed, null, 'README.md lacks the config-table markers');
    assert.equal(committed, configTable());
  });

  it('names every configuration variable', () => {
    for (const name of Object.keys(configSchema.shape)) assert.ok(readme.includes(`\`${name}\``), `${name} missing from README`);
  });

  it('keeps the two-command quick start', () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /^npm test$/m);
  });
});
