import type { Memo } from '../memo';
import type { Report } from '../model';
import type { Check } from '../rule';
import { localized } from '../rule';
import { TEMPLATE_INSTRUCTION } from '../template';
import { normalizeValue } from '../text';
import type { Span } from '../types';

const UNIT = '件|条|个|次|篇|期|项|份|场|人次|万元';
const DATE_OR_UNIT = `${UNIT}|元|%|％|年|月|日|号`;

// "主动公开信息  条": blank space between a word and a unit, where the count was never typed. The word
// before must not itself be a numeral ("三 个"), and the unit must end its phrase ("  条，"), not
// start a word ("  条例"). The word before is looked at from the first space, not before it: a
// pattern that starts with a look-behind is tried at every character (seven times slower).
const BLANK_COUNT = new RegExp(
  String.raw`[ \t\u3000](?<=[\u4e00-\u9fff][ \t\u3000])(?<![一二三四五六七八九十百千万亿两零〇几余多数每若第各][ \t\u3000])[ \t\u3000]*(?:${UNIT})(?=[，,。；;、）)：:]|\s|$|其中)`,
  'gm',
);

// Template tokens left in: XX件, ××件, X月X日, 20XX年, 〇〇件, ***件, ___件, XX县. Every run of a
// repeated character starts only where the run starts (a lookbehind), so a long run costs one pass.
const SPACE = String.raw`[ \t\u3000]*`;
const TOKENS: RegExp[] = [
  new RegExp(String.raw`(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９×])[XxＸｘ×]{1,2}${SPACE}月${SPACE}[XxＸｘ×]{1,2}${SPACE}日`, 'g'),
  new RegExp(String.raw`(?:19|20|１９|２０)[XxＸｘ×]{2}${SPACE}年`, 'g'),
  new RegExp(String.raw`(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９×])[XxＸｘ×]{1,3}(?![A-Za-zＸｘ×])${SPACE}(?:${DATE_OR_UNIT}|名|人)`, 'g'),
  new RegExp(String.raw`(?<![一二三四五六七八九十零〇○\d])[〇○]{2,}${SPACE}(?:${DATE_OR_UNIT})`, 'g'),
  // Markdown's **bold** may open right before a word that starts with a unit character ("**个人**").
  new RegExp(String.raw`(?<![*＊])(?:\*{2,}|＊{2,})${SPACE}(?:${DATE_OR_UNIT})(?![\u4e00-\u9fff])`, 'g'),
  new RegExp(String.raw`(?<![_＿])[_＿]{2,}${SPACE}(?:${DATE_OR_UNIT})`, 'g'),
  /(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９×一二三四五六七八九十零〇○])(?:[XxＸｘ×]{2,}|[〇○]{2,})(?=[省县市区镇乡局委办]|人民政府|街道)/g,
];

// A table cell holding only a placeholder.
const CELL_TOKEN = /^(?:[Xx×]{1,3}|[*＊]+|[〇○]{2,}|[?？]{1,3}|[_＿]{2,})$/;

interface Found {
  span: Span;
  blank: boolean;
  instruction?: boolean;
  /** The last item of a list of counts has no count: "制定…0件，废止…0件，现行有效的规范性文件。" */
  leftOut?: boolean;
}

/** ，,；;。！？ and line breaks end a clause; 。！？ and line breaks end the sentence too. */
function clauseEnd(code: number): 'clause' | 'sentence' | undefined {
  switch (code) {
    case 0xff0c: case 0x2c: case 0xff1b: case 0x3b: return 'clause';
    case 0x3002: case 0xff01: case 0xff1f: case 0x0a: return 'sentence';
    default: return undefined;
  }
}

const COUNT_UNIT = /[件条个项]/;
const CLAUSE_ENDS = /[，,；;。！？\n]/g;

/**
 * "共制定规范性文件0件，废止规范性文件0件，现行有效的规范性文件。": a sentence that counts the same
 * thing clause after clause ("…规范性文件 N 件") and ends on that thing with no count. The span is
 * the end of the last clause, where the count belongs. One pass over the text, clause end to clause end.
 */
function countsLeftOut(text: string): Span[] {
  const found: Span[] = [];
  let counted = 0;
  let thing = '';
  let clauseStart = 0;
  CLAUSE_ENDS.lastIndex = 0;
  for (;;) {
    const m = CLAUSE_ENDS.exec(text);
    const i = m ? m.index : text.length;
    const kind = m ? clauseEnd(text.charCodeAt(i)) : 'sentence';
    let end = i;
    while (end > clauseStart && text.charCodeAt(end - 1) <= 0x20) end--;
    const noun = countedNoun(text, clauseStart, end);
    if (noun && (counted === 0 || noun === thing)) {
      counted++;
      thing = noun;
    } else {
      if (!noun && kind === 'sentence' && counted >= 2 && end - clauseStart >= thing.length && text.slice(end - thing.length, end) === thing && !/\d/.test(text.slice(clauseStart, end))) {
        found.push({ start: end, end: Math.max(end, i) });
      }
      counted = noun ? 1 : 0;
      thing = noun ?? '';
    }
    if (kind === 'sentence') counted = 0;
    if (!m) return found;
    clauseStart = i + 1;
  }
}

/** The thing a clause [start, end) counts ("规范性文件" in "共制定规范性文件0件"): the four characters before its number. */
function countedNoun(text: string, start: number, end: number): string | undefined {
  if (end - start < 6 || !COUNT_UNIT.test(text[end - 1])) return undefined;
  let at = end - 1;
  while (at > start && /\s/.test(text[at - 1])) at--;
  const digitsEnd = at;
  while (at > start && text.charCodeAt(at - 1) >= 48 && text.charCodeAt(at - 1) <= 57) at--;
  if (at === digitsEnd || at - start < 4) return undefined;
  const noun = text.slice(at - 4, at);
  return /^[\u4e00-\u9fff]{4}$/.test(noun) ? noun : undefined;
}

/** What the patterns find in a piece of text, with offsets into it. */
function scan(text: string): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(BLANK_COUNT)) found.push({ span: { start: match.index!, end: match.index! + match[0].length }, blank: true });
  for (const match of text.matchAll(TEMPLATE_INSTRUCTION)) found.push({ span: { start: match.index!, end: match.index! + match[0].length }, blank: false, instruction: true });
  for (const pattern of TOKENS) {
    for (const match of text.matchAll(pattern)) found.push({ span: { start: match.index!, end: match.index! + match[0].length }, blank: false });
  }
  for (const span of countsLeftOut(text)) found.push({ span, blank: true, leftOut: true });
  return found;
}

/**
 * The text scanned stretch by stretch, cut at the lines where sections and tables start and end.
 * Nothing the patterns match crosses a line feed, none looks further back than one character, and
 * the clause scan starts afresh after one: a stretch that starts after a line feed reads as it
 * does inside the whole text. A session scans again only the stretches an edit changed; a report
 * checked once is scanned whole.
 */
const TABLE_STRETCH_LINES = 8;

function scanStretches(report: Report, memo: Memo): Found[] {
  const { text, lines } = report;
  if (!memo.acrossChecks) return scan(text);
  const cuts = new Set<number>();
  for (const section of report.sections) cuts.add(lines.lineStart(lines.lineOf(section.headingSpan.start)));
  // Tables in stretches of a few lines: a number typed in a cell scans those lines again, and a
  // stretch per line would cost more in lookups than it saves.
  for (const table of report.tables) {
    const first = lines.lineOf(table.span.start);
    const last = lines.lineOf(table.span.end) + 1;
    for (let line = first; line < last; line += TABLE_STRETCH_LINES) cuts.add(lines.lineStart(line));
    cuts.add(lines.lineStart(last));
  }
  const starts = [0, ...[...cuts].filter((at) => at > 0 && at < text.length && text[at - 1] === '\n').sort((a, b) => a - b)];
  const found: Found[] = [];
  starts.forEach((start, i) => {
    const stretch = text.slice(start, starts[i + 1] ?? text.length);
    for (const item of memo.get('placeholder', stretch, () => scan(stretch))) {
      found.push({ ...item, span: { start: start + item.span.start, end: start + item.span.end } });
    }
  });
  return found;
}

export const placeholder: Check = {
  id: 'placeholder',
  defaultSeverity: 'error',
  fixable: false,
  description: localized(
    '数字漏填（如“主动公开信息  条”）、占位符未替换（如“XX件”“X月X日”“〇〇件”），或模板说明“（请在此……）”仍在文中。',
    'A number left out (“主动公开信息  条”), a placeholder never filled in (“XX件”, “X月X日”, “〇〇件”), or a template instruction “（请在此……）” still in the text.',
  ),
  messages: {
    blank: localized('“{context}”中“{unit}”前缺少数字。', 'A number is missing before “{unit}” in “{context}”.'),
    token: localized('占位符“{text}”尚未替换为实际内容。', 'The placeholder “{text}” was never filled in.'),
    leftOut: localized('“{context}”后缺少数字：同一句中的其他各项都写明了件数。', 'A count is missing after “{context}”: every other item of the sentence gives one.'),
    instruction: localized('模板中的说明“{text}”尚未替换为报告内容。', 'The template’s instruction “{text}” is still in the report; replace it with the report’s own text.'),
  },
  check: function placeholder(context) {
    const { report } = context;
    const { text } = report;
    const found = scanStretches(report, context.memo);
    for (const table of report.tables) {
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (cell.kind === 'invalid' && CELL_TOKEN.test(normalizeValue(cell.raw))) found.push({ span: cell.span, blank: false });
        }
      }
    }
    // One finding per place: "X月X日" is one placeholder, not a month and a day.
    found.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
    let reachedEnd = -1;
    for (const item of found) {
      if (item.span.start < reachedEnd) continue;
      reachedEnd = item.span.end;
      const written = text.slice(item.span.start, item.span.end);
      if (item.leftOut) {
        const sentenceStart = Math.max(report.lines.lineStart(report.lines.lineOf(item.span.start)), item.span.start - 16);
        context.emit({ message: 'leftOut', args: { context: text.slice(sentenceStart, item.span.start) }, span: item.span });
      } else if (item.blank) {
        const lineStart = report.lines.lineStart(report.lines.lineOf(item.span.start));
        const contextStart = Math.max(lineStart, item.span.start - 8);
        context.emit({
          message: 'blank',
          args: { context: text.slice(contextStart, item.span.end), unit: written.trim() },
          span: item.span,
        });
      } else if (item.instruction) {
        context.emit({ message: 'instruction', args: { text: written.length > 30 ? written.slice(0, 29) + '…）' : written }, span: item.span });
      } else {
        context.emit({ message: 'token', args: { text: written }, span: item.span });
      }
    }
  },
};
