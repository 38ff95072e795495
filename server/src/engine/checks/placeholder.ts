import type { Check } from '../rule';
import { localized } from '../rule';
import { TEMPLATE_INSTRUCTION } from '../template';
import { normalizeValue } from '../text';
import type { Span } from '../types';

const UNIT = '件|条|个|次|篇|期|项|份|场|人次|万元';
const DATE_OR_UNIT = `${UNIT}|元|%|％|年|月|日|号`;

// "主动公开信息  条": blank space between a word and a unit, where the count was never typed. The word
// before must not itself be a numeral ("三 个"), and the unit must end its phrase ("  条，"), not
// start a word ("  条例").
const BLANK_COUNT = new RegExp(
  String.raw`(?<=[\u4e00-\u9fff])(?<![一二三四五六七八九十百千万亿两零〇几余多数每若第各])[ \t\u3000]+(?:${UNIT})(?=[，,。；;、）)：:]|\s|$|其中)`,
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

const CLAUSE_END = new Set(['，', ',', '；', ';', '。', '！', '？', '\n']);
const SENTENCE_END = new Set(['。', '！', '？', '\n']);
const COUNT_UNITS = new Set(['件', '条', '个', '项']);

/**
 * "共制定规范性文件0件，废止规范性文件0件，现行有效的规范性文件。": a sentence that counts the same
 * thing clause after clause ("…规范性文件 N 件") and ends on that thing with no count. The span is
 * the end of the last clause, where the count belongs.
 */
function countsLeftOut(text: string): Span[] {
  const found: Span[] = [];
  let counted: string[] = [];
  let clauseStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i] ?? '\n';
    if (!CLAUSE_END.has(ch)) continue;
    const clause = text.slice(clauseStart, i).trim();
    const noun = countedNoun(clause);
    if (noun) counted.push(noun);
    else if (SENTENCE_END.has(ch) && counted.length >= 2 && !/\d/.test(clause)) {
      const thing = counted[counted.length - 1];
      if (counted.every((n) => n === thing) && clause.endsWith(thing)) found.push({ start: clauseStart + text.slice(clauseStart, i).trimEnd().length, end: i });
    }
    if (SENTENCE_END.has(ch) || !noun) counted = [];
    clauseStart = i + 1;
  }
  return found;
}

/** The thing a clause counts ("规范性文件" in "共制定规范性文件0件"): the last four characters before its number. */
function countedNoun(clause: string): string | undefined {
  if (!COUNT_UNITS.has(clause[clause.length - 1])) return undefined;
  let at = clause.length - 1;
  while (at > 0 && /\s/.test(clause[at - 1])) at--;
  const digitsEnd = at;
  while (at > 0 && clause.charCodeAt(at - 1) >= 48 && clause.charCodeAt(at - 1) <= 57) at--;
  if (at === digitsEnd || at < 4) return undefined;
  const noun = clause.slice(at - 4, at);
  return /^[\u4e00-\u9fff]{4}$/.test(noun) ? noun : undefined;
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
    const found: Found[] = [];
    for (const match of text.matchAll(BLANK_COUNT)) found.push({ span: { start: match.index!, end: match.index! + match[0].length }, blank: true });
    for (const match of text.matchAll(TEMPLATE_INSTRUCTION)) found.push({ span: { start: match.index!, end: match.index! + match[0].length }, blank: false, instruction: true });
    for (const pattern of TOKENS) {
      for (const match of text.matchAll(pattern)) found.push({ span: { start: match.index!, end: match.index! + match[0].length }, blank: false });
    }
    for (const span of countsLeftOut(text)) found.push({ span, blank: true, leftOut: true });
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
