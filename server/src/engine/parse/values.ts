// A cell's text → its value in its column. What is not a value the column can hold is kept as an
// invalid cell with the reason, never guessed: "8 7" is not 87, "约0.15" is not 0.15.
import type { ColumnDef, ValueType } from '../format';
import type { Cell, CellProblem } from '../model';
import { holdsTwoNumbers, isAsciiDigits, normalizeValue } from '../text';
import type { Token } from './tokens';

interface Parsed {
  value: number | null;
  problem?: CellProblem;
}

// Counts may carry their unit: 件 (requests), 条 and 个, 项 (matters licensed, "增5项").
const COUNT = /^(\d+|\d{1,3}(?:,\d{3})+)(?:件|条|个|项)?$/;
const AMOUNT = /^(\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?)(万元|万)?$/;
const CHANGE = /^(增|减|\+|-)?(\d+)(?:件|条|个|项)?$/;
const MONEY = /^(\d+(?:\.\d+)?)(万元|万|元)?$/;
const APPROXIMATE = /^(?:约|近|逾)/;

const READS_PLAIN_DIGITS = new Set<ValueType>(['count', 'amount', 'change', 'money']);
const SIMPLIFIED: Record<string, string> = { 萬: '万', 減: '减', 約: '约', 條: '条', 個: '个', 項: '项' };

/** Beyond this a count loses precision as a double: such a cell is said to be too large, never rounded. */
const LARGEST = Number.MAX_SAFE_INTEGER;

export function parseValue(raw: string, column: ColumnDef): Parsed {
  // Nearly every cell is plain ASCII digits: the number itself, in every type of column that reads digits.
  if (isAsciiDigits(raw) && READS_PLAIN_DIGITS.has(column.type)) {
    const value = Number(raw);
    return value > LARGEST ? { value: null, problem: 'too-large' } : { value };
  }
  if (holdsTwoNumbers(raw)) return { value: null, problem: 'two-numbers' };
  let text = normalizeValue(raw);
  if (/[^\x00-\x7f]/.test(text)) text = text.replace(/[萬減約條個項]/g, (ch) => SIMPLIFIED[ch]);
  if (APPROXIMATE.test(text)) return { value: null, problem: 'approximate' };
  if (column.type === 'count' && /^-\d+$/.test(text)) return { value: -Number(text.slice(1)), problem: 'negative' };
  const fail: Parsed = { value: null, problem: 'not-a-number' };
  let digits: string | undefined;
  let sign = 1;
  switch (column.type) {
    case 'count':
      digits = COUNT.exec(text)?.[1];
      break;
    case 'amount':
      digits = AMOUNT.exec(text)?.[1];
      break;
    case 'change': {
      const match = CHANGE.exec(text);
      if (match) {
        digits = match[2];
        sign = match[1] === '减' || match[1] === '-' ? -1 : 1;
      }
      break;
    }
    case 'money':
      text = text.replace(/,/g, '');
      digits = MONEY.exec(text)?.[1];
      break;
  }
  if (digits === undefined) return fail;
  const value = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(value) || Math.abs(value) > LARGEST) return { value: null, problem: 'too-large' };
  return { value: sign * value };
}

export function buildCells(tokens: Token[], columns: ColumnDef[]): Cell[] {
  return tokens.map((t, index) => {
    const column = columns[index];
    const span = { start: t.start, end: t.end };
    if (t.shape === 'empty' || t.shape === 'dash') return { column, kind: 'blank', value: null, raw: t.text, span, ...(t.synthetic ? { synthetic: true } : {}) };
    const parsed = parseValue(t.text, column);
    if (parsed.problem === 'negative') return { column, kind: 'number', value: parsed.value, raw: t.text, span };
    if (parsed.problem) return { column, kind: 'invalid', value: null, raw: t.text, span, problem: parsed.problem };
    return { column, kind: 'number', value: parsed.value, raw: t.text, span };
  });
}
