import type { TableArithmetic } from '../analysis';
import { APPLICANT_COLUMNS, REQUEST_ROWS, RESULT_ROW_IDS } from '../format';
import type { Memo } from '../memo';
import type { Table } from '../model';
import type { Check, CheckContext } from '../rule';
import { localized } from '../rule';
import type { Fix, Localized } from '../types';
import {
  documentSpan,
  isAnotherYear,
  isContiguous,
  isWholeGovernment,
  OTHER_MATTERS,
  overviewOf,
  quote,
  readNumber,
  reliableSum,
  requestArithmetic,
  reviewArithmetic,
  type Overview,
  type Prose,
  type Sentence,
  WHOLE_AREA,
} from './prose';

// Precision over recall: a phrase is checked only when its wording ties it to one table cell (or
// a short list of cells it may mean), and any doubt about what the number counts skips it.

/** A table value the prose may mean, with its name for the message. */
interface Target {
  value: number;
  name: Localized;
}

interface Tables {
  requests?: TableArithmetic;
  review?: TableArithmetic;
  active1?: Table;
}

interface Phrase {
  /** Keyword alternatives (regex source) that start the phrase. */
  keyword: string;
  /** Characters allowed between the keyword and the number. */
  gapMax: number;
  /** Words between keyword and number that make the number count something else. */
  gapExcludes?: RegExp;
  /** Words in the clause before the keyword that make the number a part ("其中按时办结"), not the total. */
  partBefore?: RegExp;
  /** The sentence (or the one before it) must be about requests: the keyword alone is too common. */
  aboutRequests: boolean;
  /**
   * The clause must say the number is the year's (the report's year, or 截至/年底/年末 before the
   * keyword): a stock such as 现行有效 is often last year's or a library's, not the table's.
   */
  needsYear?: boolean;
  targets(tables: Tables): Target[];
  /** The keyword names several rows ("予以公开及部分公开"): the number is their sum. */
  joint?: boolean;
}

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)\s*件(?!次)`;
// No digit and no clause break between keyword and number: the number belongs to the keyword.
const GAP = String.raw`[^\d，,。；;！？!?：:\n]`;
const ANY_GAP_EXCLUDES = /较|同比|环比|增|减|降|升|约|近|逾|超|多于|少于|以上|以下|平均|日均|月均|每|分别|率|占|比/;
const PART_WORDS = /其中|按时|按期|如期|当场|当日|延期|逾期|超期|现场|网上|线上|书面|邮寄|信函|当面/;
const TOTAL_WORDS = /等|共|合计|总/;
// Right before the keyword a part word qualifies it even after 共: "共按期办结申请 N 件" counts the prompt ones.
const PART_AT_KEYWORD = new RegExp(`(?:${PART_WORDS.source})[地的]?$`);
// "N 件（含非政府信息公开类）": the number counts more than the cell. "（含上年度结转申请 34 件）" stays
// within the table (its relations add the carried-over requests), so such a number is read.
const INCLUDES_AFTER = /^\s*[（(，,]?\s*(?:含|包括|包含)/;
const INCLUDES_CARRIED = /^\s*[（(，,]?\s*(?:含|包括|包含)(?:了)?\s*(?:上一?年度?|去年)?\s*结转/;
const CLAUSE_BREAK = /[，,；;（(：:]/;

const ORG_COLUMNS = APPLICANT_COLUMNS.filter((c) => c.id !== 'total' && c.id !== 'natural').map((c) => c.id);

function rowLabel(id: string): string {
  const def = REQUEST_ROWS.find((r) => r.id === id)!;
  return def.label.replace(/（区分处理的，只计这一情形，不计其他情形）$/, '');
}

function columnName(columns: string[]): Localized {
  if (columns.length === ORG_COLUMNS.length) return localized('法人或其他组织各列之和', 'sum of the organisation columns');
  const short = APPLICANT_COLUMNS.find((c) => c.id === columns[0])!.short;
  return localized(short, `column “${short}”`);
}

/** Sum of whole rows of table 三 (group rows stand for their items) in the given columns. */
function requestTarget(tables: Tables, rows: { ids: string[]; label: string }[], columns: string[]): Target | undefined {
  const value = reliableSum(tables.requests, rows.flatMap((r) => r.ids), columns);
  if (value === undefined) return undefined;
  const labels = rows.map((r) => r.label);
  // A row's 总计 is what the row stands for: only other columns are named.
  const column = columns.length === 1 && columns[0] === 'total' ? undefined : columnName(columns);
  return {
    value,
    name: localized(
      `表三“${labels.join('”加“')}”${column ? '的' + column['zh-cn'] : ''} ${value}`,
      `table 三 “${labels.join('” + “')}”${column ? ', ' + column.en : ''}: ${value}`,
    ),
  };
}

const single = (id: string) => ({ ids: [id], label: rowLabel(id) });
const NEW = single('new');
const CARRIED = single('carried');
const RESULT_TOTAL = single('resultTotal');
const CARRY_OVER = single('carryOver');

/** What "N 件" after a request keyword may mean: this year's, with last year's carried in, or the handled total. */
function requestTargets(tables: Tables, choices: { ids: string[]; label: string }[][], columns: string[]): Target[] {
  return choices.map((rows) => requestTarget(tables, rows, columns)).filter((t): t is Target => t !== undefined);
}

function resultGroup(tables: Tables, groupId: string): { ids: string[]; label: string } {
  const version = tables.requests?.version ?? '2021';
  const ids = RESULT_ROW_IDS[version].filter((id) => id === groupId || (id.startsWith(groupId) && /\d$/.test(id)));
  return { ids, label: rowLabel(groupId) };
}

function reviewTarget(tables: Tables, blocks: ('review' | 'suit' | 'appeal')[], part: string, partName: Localized | undefined): Target | undefined {
  const value = reliableSum(tables.review, ['review'], blocks.map((b) => b + part));
  if (value === undefined) return undefined;
  const litigation = blocks.length > 1;
  const block = litigation ? localized('两项“行政诉讼”', 'both litigation blocks') : localized('“行政复议”', '“行政复议”');
  const what = partName ?? localized('总计', 'total');
  return {
    value,
    name: localized(
      `表四${block['zh-cn']}的“${what['zh-cn']}”${litigation ? '之和' : ''} ${value}`,
      `table 四, ${block.en}, ${what.en}${litigation ? ' (sum)' : ''}: ${value}`,
    ),
  };
}

function normativeTarget(tables: Tables, column: string, columnLabel: string): Target[] {
  const row = tables.active1?.rows.find((r) => r.def.id === 'normative');
  const cell = row?.cells.find((c) => c.column.id === column);
  if (!cell || cell.kind !== 'number' || cell.value === null) return [];
  return [{ value: cell.value, name: localized(`表二“行政规范性文件”的“${columnLabel}” ${cell.value}`, `table 二, “行政规范性文件”, “${columnLabel}”: ${cell.value}`) }];
}

const compact = (targets: (Target | undefined)[]) => targets.filter((t): t is Target => t !== undefined);

const APPLICANT_PHRASES: Phrase[] = [
  { keyword: '自然人', columns: ['natural'] },
  { keyword: '法人或其他组织|法人和其他组织|法人及其他组织', columns: ORG_COLUMNS },
  ...APPLICANT_COLUMNS.filter((c) => ORG_COLUMNS.includes(c.id) && c.id !== 'otherOrg').map((c) => ({ keyword: c.label, columns: [c.id] })),
].map(({ keyword, columns }) => ({
  keyword,
  gapMax: 6,
  gapExcludes: /结转|上年|下年|予以|不予|办结|答复/,
  aboutRequests: true,
  targets: (tables: Tables) => requestTargets(tables, [[NEW], [NEW, CARRIED], [RESULT_TOTAL]], columns),
}));

const RESULT_GROUPS = [
  { keyword: '(?<!主动)予以公开', group: 'granted' },
  { keyword: '部分公开', group: 'partial' },
  { keyword: '不予公开', group: 'withheld' },
  { keyword: '无法提供', group: 'unable' },
  { keyword: '不予处理', group: 'declined' },
  { keyword: '其他处理', group: 'otherHandling' },
];
const RESULT_KEYWORDS = RESULT_GROUPS.map((g) => g.keyword.replace('(?<!主动)', '')).join('|');

const RESULT_PHRASES: Phrase[] = [
  // "予以公开及部分公开42件" counts two rows together: read as their sum, never as the first alone.
  {
    keyword: `(?:${RESULT_KEYWORDS})(?:(?:及|和|与|、|或)(?:${RESULT_KEYWORDS}))+`,
    gapMax: 4,
    gapExcludes: /主动|结转|上年/,
    aboutRequests: true,
    joint: true,
    targets: () => [],
  },
  ...[...RESULT_GROUPS, { keyword: '本机关不掌握(?:相关)?(?:政府)?信息', group: 'unable1' }].map(({ keyword, group }) => ({
    keyword,
    gapMax: 6,
    // A conjunction or another result in the gap makes the number count more than this row.
    gapExcludes: new RegExp(`主动|结转|上年|及|和|与|、|或|${RESULT_KEYWORDS}`),
    aboutRequests: true,
    targets: (tables: Tables) => compact([requestTarget(tables, [group === 'unable1' ? single('unable1') : resultGroup(tables, group)], ['total'])]),
  })),
];

/** The rows a joint phrase names ("予以公开及部分公开"), each group once, in the format's order. */
function jointTargets(tables: Tables, phrase: string): Target[] {
  const groups = RESULT_GROUPS.filter((g) => phrase.includes(g.keyword.replace('(?<!主动)', ''))).map((g) => resultGroup(tables, g.group));
  if (groups.length < 2) return [];
  return compact([requestTarget(tables, groups, ['total'])]);
}

// Earlier phrases win when two read the same number ("收到自然人申请 20 件" is an applicant count).
const PHRASES: Phrase[] = [
  {
    keyword: '上一?年度?结转',
    gapMax: 10,
    gapExcludes: /下年|顺延/,
    aboutRequests: false,
    targets: (tables) => requestTargets(tables, [[CARRIED]], ['total']),
  },
  {
    keyword: '(?:结转|顺延|转入|转至)(?:至|到|入)?下一?年度?',
    gapMax: 8,
    gapExcludes: /上年/,
    aboutRequests: false,
    targets: (tables) => requestTargets(tables, [[CARRY_OVER]], ['total']),
  },
  {
    keyword: '行政复议',
    gapMax: 12,
    gapExcludes: /诉讼|决定|意见|纠错|撤销|维持|纠正|审结|结转|上年|答复|人次|听证|应诉/,
    aboutRequests: false,
    targets: (tables) => compact([reviewTarget(tables, ['review'], 'Total', undefined)]),
  },
  {
    keyword: '行政诉讼',
    gapMax: 12,
    gapExcludes: /复议|判决|裁定|纠错|撤销|维持|纠正|审结|上年|人次|败诉|胜诉/,
    aboutRequests: false,
    // "行政诉讼5件" may count one kind of case: either block's total, or both, is what it says.
    targets: (tables) =>
      compact([reviewTarget(tables, ['suit', 'appeal'], 'Total', undefined), reviewTarget(tables, ['suit'], 'Total', undefined), reviewTarget(tables, ['appeal'], 'Total', undefined)]),
  },
  ...APPLICANT_PHRASES,
  ...RESULT_PHRASES,
  {
    keyword: '(?:制发|印发|出台|制定)(?:了)?(?:行政)?规范性文件',
    gapMax: 4,
    aboutRequests: false,
    targets: (tables) => normativeTarget(tables, 'made', '本年制发件数'),
  },
  {
    keyword: '现行有效(?:的)?(?:行政)?规范性文件',
    gapMax: 4,
    aboutRequests: false,
    needsYear: true,
    targets: (tables) => normativeTarget(tables, 'valid', '现行有效件数'),
  },
  {
    keyword: '废止(?:了)?(?:行政)?规范性文件',
    gapMax: 4,
    aboutRequests: false,
    targets: (tables) => normativeTarget(tables, 'repealed', '本年废止件数'),
  },
  {
    keyword: '办结|答复|办复|处理完毕|办理完毕|完成办理',
    gapMax: 16,
    gapExcludes: /结转|上年|去年|下年|顺延|复议|诉讼|案件|建议|留言|延期|逾期|超期|自然人|法人|予以|不予|部分/,
    partBefore: PART_WORDS,
    aboutRequests: true,
    targets: (tables) => requestTargets(tables, [[RESULT_TOTAL]], ['total']),
  },
  {
    keyword: '受理|收到|接收|接到|新收',
    gapMax: 20,
    gapExcludes: /结转|上年|去年|下年|办结|答复|办理|复议|诉讼|案件|建议|投诉|举报|自然人|法人|企业|机构|组织|予以|不予/,
    partBefore: PART_WORDS,
    aboutRequests: true,
    targets: (tables) => requestTargets(tables, [[NEW], [NEW, CARRIED]], ['total']),
  },
  {
    // 办理 means received in some reports and handled in others: either total will do.
    keyword: '办理',
    gapMax: 16,
    gapExcludes: /结转|上年|去年|下年|顺延|复议|诉讼|案件|建议|留言|延期|逾期|超期|自然人|法人|予以|不予|部分|结果/,
    partBefore: PART_WORDS,
    aboutRequests: true,
    targets: (tables) => requestTargets(tables, [[NEW], [NEW, CARRIED], [RESULT_TOTAL]], ['total']),
  },
];

const PHRASE_PATTERNS = PHRASES.map((phrase) => new RegExp(`(?:${phrase.keyword})(${GAP}{0,${phrase.gapMax}})${NUMBER}`, 'g'));
// "另有 103 件顺延到下年度": the number before the words.
const CARRY_OVER_AFTER = new RegExp(String.raw`(\d{1,3}(?:,\d{3})+|\d+)\s*件(${GAP}{0,6}?)(?:结转|顺延)(?:至|到|入)?下一?年`, 'g');

const REVIEW_PARTS: { pattern: string; part: string; name: Localized }[] = [
  { pattern: '结果维持|维持', part: 'Upheld', name: localized('结果维持', 'upheld') },
  { pattern: '结果纠正|纠正', part: 'Corrected', name: localized('结果纠正', 'corrected') },
  { pattern: '其他结果', part: 'Other', name: localized('其他结果', 'other result') },
  { pattern: '尚未审结|未审结|正在审理|审理中', part: 'Pending', name: localized('尚未审结', 'pending') },
];
const REVIEW_PART_PATTERN = new RegExp(`(${REVIEW_PARTS.map((p) => p.pattern).join('|')})(${GAP}{0,3})${NUMBER}`, 'g');

/**
 * The table values each phrase compares with: they depend on the tables only, so each is read
 * once per run, when a sentence first has a number for it.
 */
interface Known {
  tables: Tables;
  phrases: (Target[] | undefined)[];
  carryOver?: Target[];
  /** By "行政复议|行政诉讼" and the part id (Upheld, …). */
  reviewParts: Map<string, Target[]>;
}

/**
 * The same tables give the same targets: a session that reuses them (an edit in the prose) reads
 * them once. Kept by the first of them, while the others are the same too.
 */
function knownTargets(memo: Memo, tables: Tables): Known {
  const same = (known: Known) => known.tables.requests === tables.requests && known.tables.review === tables.review && known.tables.active1 === tables.active1;
  return memo.of((tables.requests ?? tables.review ?? tables.active1)!, 'narrative-number targets', () => ({ tables, phrases: [], reviewParts: new Map() }), same);
}

function phraseTargets(known: Known, index: number): Target[] {
  return (known.phrases[index] ??= PHRASES[index].targets(known.tables));
}

function reviewPartTargets(known: Known, head: string, part: (typeof REVIEW_PARTS)[number]): Target[] {
  const key = `${head}/${part.part}`;
  let targets = known.reviewParts.get(key);
  if (!targets) {
    const blocks: ('review' | 'suit' | 'appeal')[] = head === '行政复议' ? ['review'] : ['suit', 'appeal'];
    targets = compact([reviewTarget(known.tables, blocks, part.part, part.name)]);
    known.reviewParts.set(key, targets);
  }
  return targets;
}

interface Claim {
  /** Prose offsets of the phrase and of its number. */
  start: number;
  end: number;
  numberStart: number;
  numberEnd: number;
  number: number;
  targets: Target[];
}

/** A number the wording of a sentence ties to the tables, before the tables are read. */
type Mention = Omit<Claim, 'targets'> &
  (
    | { kind: 'phrase'; phrase: number; matched: string }
    | { kind: 'carryOver' }
    | { kind: 'reviewPart'; head: string; part: (typeof REVIEW_PARTS)[number] }
  );

interface SentenceMentions {
  /** The sentence speaks of a whole area, which only a whole government's tables cover. */
  wholeArea: boolean;
  /** In the order a first claim on a number wins: phrase by phrase, then carried over, then review parts. */
  mentions: Mention[];
}

// The mentions depend on the prose and the report's year only: a session keeps them while the
// edits are in the tables, and only the comparison with the tables runs again.
function mentionsOf(memo: Memo, { prose, sentences }: Overview, year: number | undefined): SentenceMentions[] {
  const derive = () => ({ year, mentions: readMentions(prose, sentences, year) });
  return memo.of(prose, 'narrative-number mentions', derive, (kept) => kept.year === year).mentions;
}

function readMentions(prose: Prose, sentences: Sentence[], year: number | undefined): SentenceMentions[] {
  return sentences.map((sentence, index): SentenceMentions => {
    const text = prose.text.slice(sentence.start, sentence.end);
    // Every phrase read ends in "N 件".
    if (!text.includes('件') || OTHER_MATTERS.test(text)) return { wholeArea: false, mentions: [] };
    const before = sentences[index - 1];
    const neighbourhood = before && before.paragraph === sentence.paragraph ? prose.text.slice(before.start, sentence.end) : text;
    return { wholeArea: WHOLE_AREA.test(text), mentions: mentionsIn(prose, sentence, neighbourhood.includes('申请'), year) };
  });
}

export const narrativeNumber: Check = {
  id: 'narrative-number',
  defaultSeverity: 'warning',
  fixable: false,
  description: localized(
    '正文（引言和“一、总体情况”）中与表格明确对应的数字与表格不一致（R7），如受理、办结、结转件数，行政复议、行政诉讼件数。',
    'A number in the prose (intro and section 一) that is tied to a table cell by its wording and contradicts it (R7): requests received, handled, carried forward, reviews, lawsuits.',
  ),
  messages: {
    mismatch: localized('正文“{quote}”中的 {number} 不等于{expected}。', 'The text “{quote}” gives {number}, which does not match {expected}.'),
  },
  check: function narrativeNumber(context) {
    const { report, analysis } = context;
    const tables: Tables = {
      requests: requestArithmetic(analysis.arithmetic),
      review: reviewArithmetic(analysis.arithmetic),
      active1: report.tables.find((t) => t.kind === 'active-1' && t.version === '2021'),
    };
    if (!tables.requests && !tables.review && !tables.active1) return;
    // Read from the tables only when a sentence has a count to compare.
    let known: Known | undefined;
    const overview = overviewOf(context);
    const wholeGovernment = isWholeGovernment(report);
    for (const { wholeArea, mentions } of mentionsOf(context.memo, overview, report.year)) {
      if (mentions.length === 0 || (!wholeGovernment && wholeArea)) continue;
      known ??= knownTargets(context.memo, tables);
      for (const claim of claimsOf(mentions, known)) {
        if (claim.targets.length === 0 || claim.targets.some((t) => t.value === claim.number)) continue;
        emitMismatch(context, overview.prose, claim);
      }
    }
  },
};

function mentionsIn(prose: Prose, sentence: Sentence, aboutRequests: boolean, year: number | undefined): Mention[] {
  const text = prose.text.slice(sentence.start, sentence.end);
  const mentions: Mention[] = [];
  PHRASES.forEach((phrase, index) => {
    if (phrase.aboutRequests && !aboutRequests) return;
    const pattern = PHRASE_PATTERNS[index];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const gap = m[1];
      if (ANY_GAP_EXCLUDES.test(gap) || phrase.gapExcludes?.test(gap)) continue;
      const clause = clauseBefore(text, m.index);
      if (phrase.partBefore && (PART_AT_KEYWORD.test(clause) || (phrase.partBefore.test(clause) && !TOTAL_WORDS.test(clause)))) continue;
      // "收到申请人通过信函方式提出的申请 N 件": a channel named between keyword and number is a part too.
      if (phrase.partBefore && phrase.partBefore.test(gap) && !TOTAL_WORDS.test(gap)) continue;
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
      if (INCLUDES_AFTER.test(after) && !INCLUDES_CARRIED.test(after)) continue;
      if (isAnotherYear(text.slice(0, m.index), year)) continue;
      if (phrase.needsYear && !statesTheYear(clause, text.slice(0, m.index), year)) continue;
      const numberAt = m.index + m[0].lastIndexOf(m[2]);
      mentions.push({ kind: 'phrase', phrase: index, matched: m[0], ...at(sentence.start, m.index, m.index + m[0].length, numberAt, m[2]) });
    }
  });
  CARRY_OVER_AFTER.lastIndex = 0;
  for (let m = CARRY_OVER_AFTER.exec(text); m; m = CARRY_OVER_AFTER.exec(text)) {
    if (ANY_GAP_EXCLUDES.test(m[2])) continue;
    mentions.push({ kind: 'carryOver', ...at(sentence.start, m.index, m.index + m[0].length, m.index, m[1]) });
  }
  mentions.push(...reviewPartMentions(text, sentence.start));
  return mentions;
}

/** The mentions with the table values they are compared with; a first claim on a number wins. */
function claimsOf(mentions: Mention[], known: Known): Claim[] {
  const byNumber = new Map<number, Claim>();
  for (const mention of mentions) {
    let targets: Target[];
    if (mention.kind === 'phrase') {
      // A phrase whose cells cannot be compared (blank, unread) still claims its number: in
      // "结转下年度继续办理0件" the 0 is the carry-over, never requests handled for a later phrase.
      targets = PHRASES[mention.phrase].joint ? jointTargets(known.tables, mention.matched) : phraseTargets(known, mention.phrase);
    } else if (mention.kind === 'carryOver') {
      targets = known.carryOver ??= requestTargets(known.tables, [[CARRY_OVER]], ['total']);
    } else {
      targets = reviewPartTargets(known, mention.head, mention.part);
    }
    if (byNumber.has(mention.numberStart)) continue;
    const { start, end, numberStart, numberEnd, number } = mention;
    byNumber.set(numberStart, { start, end, numberStart, numberEnd, number, targets });
  }
  return [...byNumber.values()];
}

/** "截至2025年底，现行有效…", "2024年…现行有效…": the sentence dates the number to the report's year. */
function statesTheYear(clause: string, before: string, year: number | undefined): boolean {
  if (/截至|截止|年底|年末/.test(clause)) return true;
  return year !== undefined && before.includes(`${year}年`);
}

function at(base: number, start: number, end: number, numberAt: number, raw: string): Omit<Claim, 'targets'> {
  return { start: base + start, end: base + end, numberStart: base + numberAt, numberEnd: base + numberAt + raw.length, number: readNumber(raw) };
}

/** From the last clause break before the keyword up to it: where "其中", "按时" or another year would sit. */
function clauseBefore(text: string, keywordAt: number): string {
  let clauseStart = keywordAt;
  while (clauseStart > 0 && !CLAUSE_BREAK.test(text[clauseStart - 1])) clauseStart--;
  return text.slice(clauseStart, keywordAt);
}

/** "行政复议 351 件，其中结果维持 72 件，结果纠正 64 件…": the parts named after a review or lawsuit count. */
function reviewPartMentions(text: string, base: number): Mention[] {
  const mentions: Mention[] = [];
  const heads = /行政复议|行政诉讼/g;
  const found = [...text.matchAll(heads)];
  found.forEach((head, i) => {
    const segmentEnd = Math.min(found[i + 1]?.index ?? text.length, clauseGroupEnd(text, head.index!));
    const segment = text.slice(head.index!, segmentEnd);
    const within = segment.indexOf('其中');
    if (within < 0) return;
    REVIEW_PART_PATTERN.lastIndex = within;
    for (let m = REVIEW_PART_PATTERN.exec(segment); m; m = REVIEW_PART_PATTERN.exec(segment)) {
      if (ANY_GAP_EXCLUDES.test(m[2])) continue;
      const part = REVIEW_PARTS.find((p) => p.pattern.split('|').includes(m![1]))!;
      const from = head.index! + m.index;
      const numberAt = from + m[0].lastIndexOf(m[3]);
      mentions.push({ kind: 'reviewPart', head: head[0], part, ...at(base, from, from + m[0].length, numberAt, m[3]) });
    }
  });
  return mentions;
}

function clauseGroupEnd(text: string, from: number): number {
  const at = text.slice(from).search(/[；;]/);
  return at < 0 ? text.length : from + at;
}

function emitMismatch(context: CheckContext, prose: Prose, claim: Claim): void {
  // With nothing carried over, "this year's" and "with last year's" are one value: name it once.
  const targets = claim.targets.filter((t, i) => claim.targets.findIndex((u) => u.value === t.value) === i);
  const expected = localized(targets.map((t) => t.name['zh-cn']).join('，也不等于'), targets.map((t) => t.name.en).join(', nor '));
  const fixes: Fix[] = [];
  if (isContiguous(prose, claim.numberStart, claim.numberEnd)) {
    const span = documentSpan(prose, claim.numberStart, claim.numberEnd);
    for (const { value } of targets) {
      fixes.push({ title: localized(`改为表格中的 ${value}`, `Change to ${value} as in the table`), edits: [{ span, newText: String(value) }] });
    }
  }
  context.emit({
    message: 'mismatch',
    args: { quote: quote(prose.text.slice(claim.start, claim.end)), number: claim.number, expected },
    span: documentSpan(prose, claim.numberStart, claim.numberEnd),
    fixes,
  });
}
