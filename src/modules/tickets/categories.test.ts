import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/http/errors.js';
import { categories, categoryFields, parseCategoryFields } from './categories.js';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError);
    return err.field;
  }
  assert.fail('expected an AppError');
};

describe('category fields', () => {
  it('describes every category for the form', () => {
    for (const c of categories) assert.ok(Array.isArray(categoryFields[c]), c);
    assert.deepEqual(categoryFields.trading.find((f) => f.name === 'market')?.options, ['spot', 'futures', 'margin', 'copy', 'grid']);
  });

  it('accepts realistic deposits on EVM, TRON and BTC', () => {
    const evm = parseCategoryFields('deposit', {
      coin: 'USDT', network: 'ERC20', amount: '500', address: '0x52908400098527886E0F7030069857D2E4169EE7',
      txHash: '0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060',
    });
    assert.equal(evm.amount, '500');
    assert.ok(parseCategoryFields('deposit', { coin: 'BTC', network: 'BTC', amount: '0.00150000', address: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', txHash: 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16' }));
    assert.ok(parseCategoryFields('withdrawal', { coin: 'USDT', network: 'TRC20', amount: '88.8', address: 'TXk3pJmNd7sQ5YvW2rBh8LcF4gEaU9oZ1T' }), 'txHash optional');
  });

  it('names the bad field', () => {
    const base = { coin: 'USDT', network: 'TRC20', amount: '1', address: 'TXk3pJmNd7sQ5YvW2rBh8LcF4gEaU9oZ1T', txHash: 'a'.repeat(64) };
    assert.equal(fieldOf(() => parseCategoryFields('deposit', { ...base, coin: 'usdt' })), 'fields.coin');
    assert.equal(fieldOf(() => parseCategoryFields('deposit', { ...base, amount: '1e5' })), 'fields.amount');
    assert.equal(fieldOf(() => parseCategoryFields('deposit', { ...base, amount: '0.000' })), 'fields.amount');
    assert.equal(fieldOf(() => parseCategoryFields('deposit', { ...base, txHash: `0x${'a'.repeat(64)}` })), 'fields.txHash', 'TRC20 hashes have no 0x');
    assert.equal(fieldOf(() => parseCategoryFields('deposit', { ...base, colour: 'red' })), 'fields.colour');
    assert.equal(fieldOf(() => parseCategoryFields('trading', { market: 'options', symbol: 'BTCUSDT' })), 'fields.market');
    assert.equal(fieldOf(() => parseCategoryFields('security', { incidentType: 'hacked', lastKnownGoodLogin: 'yesterday' })), 'fields.lastKnownGoodLogin');
    assert.equal(fieldOf(() => parseCategoryFields('kyc', { country: 'Korea', documentType: 'passport' })), 'fields.country');
  });

  it('treats empty form inputs as not given', () => {
    assert.deepEqual(parseCategoryFields('account', { uid: '' }), {});
  });
});
