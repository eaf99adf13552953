import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, parseCsv, parseIntentCsv } from './csv.js';

const errorAt = (input: string): { line: number; message: string } => {
  try {
    parseIntentCsv(input);
  } catch (err) {
    assert.ok(err instanceof CsvError);
    return { line: err.line, message: err.message };
  }
  assert.fail('expected a CsvError');
};

test('RFC 4180: quoted commas, doubled quotes, line breaks inside quotes, CRLF and a BOM', () => {
  const records = parseCsv('\uFEFFtext,intent\r\n"a, b",x\r\n"say ""hi""",y\n"two\nlines",z\n\nlast,w');
  assert.deepEqual(
    records.map((r) => [r.fields, r.line]),
    [
      [['text', 'intent'], 1],
      [['a, b', 'x'], 2],
      [['say "hi"', 'y'], 3],
      [['two\nlines', 'z'], 4],
      [['last', 'w'], 7],
    ],
  );
});

test('intent files accept "intent" or "category" headers and extra columns', () => {
  assert.deepEqual(parseIntentCsv('text,category\n充值没到账,deposit\n'), [{ text: '充值没到账', intent: 'deposit' }]);
  assert.deepEqual(parseIntentCsv('id,intent,text\n1,reset_2fa,OTP 재설정\n'), [{ text: 'OTP 재설정', intent: 'reset_2fa' }]);
});

test('bad files are reported with the line that is wrong', () => {
  assert.deepEqual(errorAt(''), { line: 1, message: 'empty file: expected a header line "text,intent"' });
  assert.equal(errorAt('words,label\na,b\n').line, 1);
  assert.deepEqual(errorAt('text,intent\na,b\nc\n'), { line: 3, message: 'expected 2 fields, found 1' });
  assert.equal(errorAt('text,intent\na,b\n"unterminated,c\n').line, 3);
  assert.equal(errorAt('text,intent\n"a"b,c\n').line, 2);
  assert.equal(errorAt('text,intent\n"x\ny",\n').line, 2, 'empty intent on a record that starts at line 2');
  assert.equal(errorAt('text,intent\n').message, 'no examples after the header');
});
