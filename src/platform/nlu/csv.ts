/**
 * RFC 4180 CSV for intent data (`text,intent` or `text,category`): quoted fields may hold commas,
 * doubled quotes and line breaks; CRLF or LF; a UTF-8 BOM is skipped. Errors name the line.
 */
import type { Example } from './types.js';

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts. */
  line: number;
}

export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedField = false;
  const endRecord = (): void => {
    fields.push(field);
    // A blank line (one empty unquoted field) is not a record.
    if (!(fields.length === 1 && fields[0] === '' && !quotedField)) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    quotedField = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '' && !quotedField) {
      quotedField = true;
      const openedAt = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvError(openedAt, 'unterminated quoted field');
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvError(line, 'unexpected character after a closing quote (a quote inside a field must be doubled)');
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      quotedField = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      if (c === '"') throw new CsvError(line, 'a quote inside an unquoted field');
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return records;
}

/**
 * Labelled examples from CSV text with a header naming `text` and `intent` (or `category`);
 * other columns are ignored. Throws CsvError naming the offending line.
 */
export function parseIntentCsv(input: string): Example[] {
  const records = parseCsv(input);
  const header = records[0];
  if (!header) throw new CsvError(1, 'empty file: expected a header line "text,intent"');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const textAt = names.indexOf('text');
  const intentAt = names.indexOf('intent') >= 0 ? names.indexOf('intent') : names.indexOf('category');
  if (textAt < 0 || intentAt < 0) {
    throw new CsvError(header.line, `header must name the columns "text" and "intent" (or "category"); found "${header.fields.join(',')}"`);
  }
  const out: Example[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length !== header.fields.length) {
      throw new CsvError(record.line, `expected ${header.fields.length} fields, found ${record.fields.length}`);
    }
    const text = (record.fields[textAt] ?? '').trim();
    const intent = (record.fields[intentAt] ?? '').trim();
    if (!text) throw new CsvError(record.line, 'empty text');
    if (!intent) throw new CsvError(record.line, 'empty intent');
    out.push({ text, intent });
  }
  if (out.length === 0) throw new CsvError(header.line, 'no examples after the header');
  return out;
}
