// Property tests with a fixed seed, so a failure reproduces. (a) One wrong cell in a correct report
// is found and its fix restores the text exactly, in every layout. (b) Mangled seeds never crash,
// hang or produce findings or fixes outside the text, and fix-all settles in one go.
// FUZZ_RUNS raises the number of runs of both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { filledTemplate } from '../helpers/template';
import { applyEdits, checkText, fixAll, parseReport, RULE_IDS, type CheckOptions, type Finding, type Span } from '../../server/src/engine';

// A rule that throws must fail here, not be swallowed as it is for the editor.
process.env.GONGKAI_STRICT = '1';

const SEED = 20251122;
const RUNS = Number(process.env.FUZZ_RUNS) || 0;
const root = join(__dirname, '..', '..', '..');

// ---------------------------------------------------------------------------------------------
// (a) one wrong cell

/** Table 三 in the 2021 format: [row id, group label it opens, label]. Written out here, not taken from the engine. */
const REQUEST_ROWS: [string, string | null, string][] = [
  ['new', null, '一、本年新收政府信息公开申请数量'],
  ['carried', null, '二、上年结转政府信息公开申请数量'],
  ['granted', '三、本年度办理结果', '（一）予以公开'],
  ['partial', null, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['withheld1', '（三）不予公开', '1.属于国家秘密'],
  ['withheld2', null, '2.其他法律行政法规禁止公开'],
  ['withheld3', null, '3.危及“三安全一稳定”'],
  ['withheld4', null, '4.保护第三方合法权益'],
  ['withheld5', null, '5.属于三类内部事务信息'],
  ['withheld6', null, '6.属于四类过程性信息'],
  ['withheld7', null, '7.属于行政执法案卷'],
  ['withheld8', null, '8.属于行政查询事项'],
  ['unable1', '（四）无法提供', '1.本机关不掌握相关政府信息'],
  ['unable2', null, '2.没有现成信息需要另行制作'],
  ['unable3', null, '3.补正后申请内容仍不明确'],
  ['declined1', '（五）不予处理', '1.信访举报投诉类申请'],
  ['declined2', null, '2.重复申请'],
  ['declined3', null, '3.要求提供公开出版物'],
  ['declined4', null, '4.无正当理由大量反复申请'],
  ['declined5', null, '5.要求行政机关确认或重新出具已获取信息'],
  ['otherHandling1', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['otherHandling2', null, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['otherHandling3', null, '3.其他'],
  ['resultTotal', null, '（七）总计'],
  ['carryOver', null, '四、结转下年度继续办理'],
];
const RESULT_ROWS = REQUEST_ROWS.map(([id]) => id).filter((id) => !['new', 'carried', 'resultTotal', 'carryOver'].includes(id));
const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const REVIEW_PARTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

interface Tables {
  /** Row id → its seven values (six applicants, then 总计). */
  requests: Map<string, number[]>;
  /** Fifteen values: three blocks of four parts and a total. */
  review: number[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function consistentTables(results: number[][], carried: number[], carryOver: number[], reviewParts: number[][]): Tables {
  const requests = new Map<string, number[]>();
  const withTotal = (xs: number[]) => [...xs, sum(xs)];
  RESULT_ROWS.forEach((id, i) => requests.set(id, withTotal(results[i])));
  const totals = [0, 1, 2, 3, 4, 5].map((c) => sum(RESULT_ROWS.map((id) => requests.get(id)![c])));
  // 上年结转 is at most what was handled plus carried forward, so that 一 = （七） + 四 − 二 stays ≥ 0.
  const carriedIn = carried.map((v, c) => v % (totals[c] + carryOver[c] + 1));
  requests.set('carried', withTotal(carriedIn));
  requests.set('resultTotal', withTotal(totals));
  requests.set('carryOver', withTotal(carryOver));
  requests.set('new', withTotal(totals.map((t, c) => t + carryOver[c] - carriedIn[c])));
  return { requests, review: reviewParts.flatMap((parts) => [...parts, sum(parts)]) };
}

/** Builds text while remembering where each data cell landed. */
class Writer {
  text = '';
  readonly cells = new Map<string, Span>();
  put(s: string): void {
    this.text += s;
  }
  cell(key: string, value: number): void {
    const s = String(value);
    this.cells.set(key, { start: this.text.length, end: this.text.length + s.length });
    this.text += s;
  }
}

/** One table layout: how header, rows and cells are separated. */
interface Layout {
  name: string;
  requests(w: Writer, t: Tables): void;
  review(w: Writer, t: Tables): void;
}

/** Rows whose label is preceded by its group label, in layouts that put both on one line. */
function rowCells(w: Writer, t: Tables, id: string, separator: string): void {
  t.requests.get(id)!.forEach((v, c) => {
    w.put(separator);
    w.cell(`requests/${id}/${c}`, v);
  });
}

function reviewCells(w: Writer, t: Tables, separator: string, first = ''): void {
  t.review.forEach((v, c) => {
    w.put(c === 0 ? first : separator);
    w.cell(`review/${c}`, v);
  });
}

const LAYOUTS: Layout[] = [
  {
    name: 'tabs',
    requests(w, t) {
      w.put(`${NOTE}\t申请人情况\n\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t${APPLICANTS.slice(1, 6).join('\t')}\n`);
      for (const [id, group, label] of REQUEST_ROWS) {
        if (group) w.put(`${group}\n`);
        w.put(label);
        rowCells(w, t, id, '\t');
        w.put('\n');
      }
    },
    review(w, t) {
      w.put(`行政复议\t\t\t\t\t行政诉讼\n${REVIEW_PARTS.join('\t')}\t未经复议直接起诉\t\t\t\t\t复议后起诉\n\t\t\t\t\t${[...REVIEW_PARTS, ...REVIEW_PARTS].join('\t')}\n`);
      reviewCells(w, t, '\t');
      w.put('\n');
    },
  },
  {
    name: 'inline pipes',
    requests(w, t) {
      w.put(`${NOTE} | 申请人情况 |\n自然人 | 法人或其他组织 | 总计 |\n${APPLICANTS.slice(1, 6).join(' | ')} |\n`);
      for (const [id, group, label] of REQUEST_ROWS) {
        w.put(group ? `${group} | ${label}` : label);
        rowCells(w, t, id, ' | ');
        w.put(' |\n');
      }
    },
    review(w, t) {
      w.put(`行政复议 | 行政诉讼 |\n${REVIEW_PARTS.join(' | ')} | 未经复议直接起诉 | 复议后起诉 |\n${[...REVIEW_PARTS, ...REVIEW_PARTS].join(' | ')} |\n`);
      reviewCells(w, t, ' | ');
      w.put(' |\n');
    },
  },
  {
    name: 'markdown',
    requests(w, t) {
      w.put(`\n| ${NOTE} | | 申请人情况 | | | | | | |\n|---|---|---|---|---|---|---|---|---|\n| | | ${APPLICANTS.join(' | ')} |\n`);
      for (const [id, group, label] of REQUEST_ROWS) {
        w.put(`| ${group ?? ''} | ${label}`);
        rowCells(w, t, id, ' | ');
        w.put(' |\n');
      }
      w.put('\n');
    },
    review(w, t) {
      w.put(`\n| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n|${'---|'.repeat(15)}\n| ${[...REVIEW_PARTS, ...REVIEW_PARTS, ...REVIEW_PARTS].join(' | ')} |\n`);
      reviewCells(w, t, ' | ', '| ');
      w.put(' |\n\n');
    },
  },
  {
    name: 'one cell per line',
    requests(w, t) {
      w.put(`${NOTE}\n申请人情况\n自然人\n法人或其他组织\n总计\n${APPLICANTS.slice(1, 6).join('\n')}\n`);
      for (const [id, group, label] of REQUEST_ROWS) {
        if (group) w.put(`${group}\n`);
        w.put(label);
        rowCells(w, t, id, '\n');
        w.put('\n');
      }
    },
    review(w, t) {
      w.put(`行政复议\n行政诉讼\n${REVIEW_PARTS.join('\n')}\n未经复议直接起诉\n复议后起诉\n${[...REVIEW_PARTS, ...REVIEW_PARTS].join('\n')}\n`);
      reviewCells(w, t, '\n');
      w.put('\n');
    },
  },
  {
    name: 'cells ending in " |"',
    requests(w, t) {
      w.put(`|\n${NOTE} |\n申请人情况 | ||||||||\n|\n自然人 |\n法人或其他组织 |\n总计 | |||||||\n|\n${APPLICANTS.slice(1, 6).join(' |\n')} | |||||\n`);
      for (const [id, group, label] of REQUEST_ROWS) {
        w.put(`|\n${group ? group + ' |\n' : ''}${label} |`);
        t.requests.get(id)!.forEach((v, c) => {
          w.put('\n');
          w.cell(`requests/${id}/${c}`, v);
          w.put(' |');
        });
        w.put(group ? ' |\n' : ' ||\n');
      }
    },
    review(w, t) {
      w.put(`|\n行政复议 |\n行政诉讼 | |||||||||||||\n|\n${REVIEW_PARTS.join(' |\n')} |\n未经复议直接起诉 |\n复议后起诉 | ||||||||\n|\n${[...REVIEW_PARTS, ...REVIEW_PARTS].join(' |\n')} | |||||\n|`);
      t.review.forEach((v, c) => {
        w.put('\n');
        w.cell(`review/${c}`, v);
        w.put(' |');
      });
      w.put('\n');
    },
  },
  {
    name: 'PDF text',
    requests(w, t) {
      w.put(`（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）\n申请人情况\n自然人\n法人或其他组织\n总计商 业\n企业\n科研\n机构\n社会公\n益组织\n法律服\n务机构\n其他\n`);
      for (const [id, group, label] of REQUEST_ROWS) {
        if (group) w.put(`${[...group].join('\n')}\n`);
        // Long labels wrap, as PDF text does (one line of it is layout-pdf-text-wide-row's fixture).
        w.put(label.replace('只计这一情形，', '只计这一情形，\n'));
        rowCells(w, t, id, ' ');
        w.put(id === 'withheld4' ? '\n- 3 -\n' : '\n');
      }
    },
    review(w, t) {
      w.put(`行政复议 行政诉讼\n结果\n维持\n结果\n纠正\n其他\n结果\n尚未\n审结\n总计\n未经复议直接起诉 复议后起诉\n${[...REVIEW_PARTS, ...REVIEW_PARTS].join('\n')}\n`);
      reviewCells(w, t, ' ');
      w.put('\n');
    },
  },
];

const REQUESTS_HEADING = '三、收到和处理政府信息公开申请情况\n';
const REVIEW_HEADING = '四、政府信息公开行政复议、行政诉讼情况\n';
const PROBLEMS_HEADING = '五、存在的主要问题及改进情况\n';

/** The template's report with its tables 三 and 四 replaced by `t` in `layout`; cells are offsets into the whole text. */
function reportWith(layout: Layout, t: Tables): Writer {
  const draft = filledTemplate(2024, '青禾县农业农村局');
  const requestsAt = draft.indexOf(REQUESTS_HEADING) + REQUESTS_HEADING.length;
  const reviewAt = draft.indexOf(REVIEW_HEADING);
  const problemsAt = draft.indexOf(PROBLEMS_HEADING);
  assert.ok(requestsAt > REQUESTS_HEADING.length && reviewAt > requestsAt && problemsAt > reviewAt, 'template sections moved');
  const w = new Writer();
  w.put(draft.slice(0, requestsAt));
  layout.requests(w, t);
  w.put(REVIEW_HEADING);
  layout.review(w, t);
  w.put(draft.slice(problemsAt));
  return w;
}

const TABLE_RULES = ['row-total', 'column-total', 'balance', 'review-total', 'blank-cell', 'cell-value', 'table-shape', 'missing-table', 'missing-row', 'row-label', 'format-version'];
/** Only the table rules run: the prose checks have nothing to say about these tables and would only cost time. */
const TABLES_ONLY: CheckOptions = { rules: Object.fromEntries(RULE_IDS.filter((id) => !TABLE_RULES.includes(id)).map((id) => [id, 'off'])) };
const tableFindings = (text: string) => checkText(text, TABLES_ONLY).findings;
const describe = (fs: Finding[]) => fs.map((f) => `${f.rule} [${f.span.start},${f.span.end}) ${f.message.en}`).join('\n');

/** Mostly zeros and small counts, now and then a big one: what real tables hold. */
const count = fc.oneof({ arbitrary: fc.constant(0), weight: 5 }, { arbitrary: fc.integer({ min: 1, max: 30 }), weight: 3 }, { arbitrary: fc.integer({ min: 31, max: 5000 }), weight: 1 });
const row = (n: number) => fc.array(count, { minLength: n, maxLength: n });

const oneWrongCell = fc.record({
  results: fc.array(row(6), { minLength: RESULT_ROWS.length, maxLength: RESULT_ROWS.length }),
  carried: row(6),
  carryOver: row(6),
  review: fc.array(row(4), { minLength: 3, maxLength: 3 }),
  target: fc.nat(),
  replacement: fc.oneof(count, fc.integer({ min: 0, max: 99999 })),
});

for (const layout of LAYOUTS) {
  test(`${layout.name}: one changed cell of table 三 or 四 is pointed at, and its fix restores the text exactly`, () => {
    fc.assert(
      fc.property(oneWrongCell, ({ results, carried, carryOver, review, target, replacement }) => {
        const w = reportWith(layout, consistentTables(results, carried, carryOver, review));
        const original = w.text;
        assert.equal(describe(tableFindings(original)), '', 'the correct report has findings');

        const keys = [...w.cells.keys()];
        const key = keys[target % keys.length];
        const span = w.cells.get(key)!;
        const old = Number(original.slice(span.start, span.end));
        const value = replacement === old ? old + 1 : replacement;
        const written = String(value);
        const mutated = original.slice(0, span.start) + written + original.slice(span.end);
        const cell = { start: span.start, end: span.start + written.length };

        const findings = tableFindings(mutated);
        const context = `${key}: ${old} → ${value}\n${describe(findings)}`;
        const pointed = findings.find((f) => f.span.start === cell.start && f.span.end === cell.end && f.fixes.some((fix) => fix.preferred));
        if (pointed) {
          const fix = pointed.fixes.find((f) => f.preferred)!;
          assert.equal(applyEdits(mutated, fix.edits), original, `the preferred fix does not restore the text (${context})`);
          assert.equal(fixAll(mutated, TABLES_ONLY).text, original, `fix-all does not restore the text (${context})`);
          return;
        }
        const ambiguous = findings.filter((f) => f.fixes.length >= 2 && f.fixes.every((fix) => !fix.preferred));
        assert.ok(ambiguous.length > 0, `neither the cell nor an ambiguity is reported (${context})`);
        assert.ok(
          ambiguous.some((f) => f.fixes.some((fix) => applyEdits(mutated, fix.edits) === original)),
          `no offered fix restores the cell (${context})`,
        );
        assert.equal(fixAll(mutated, TABLES_ONLY).text, mutated, `fix-all guessed in an ambiguous case (${context})`);
      }),
      { seed: SEED, numRuns: RUNS || 25, includeErrorInReport: true },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// (b) fuzz

const seedsDir = join(root, '..', 'shared', 'seeds');
const seeds = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(seedsDir, f), 'utf8'));

/** A change to a seed, as data so that a counterexample reads plainly. */
type Mutation =
  | { delete: number }
  | { duplicate: number }
  | { swap: [number, number] }
  | { insert: string; line: number; at: number }
  | { digits: number; line: number }
  | { longLine: string; line: number };

const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('|', '\t', ' ', '\r', '0', '9', '-', '/', '（', '）', '、', '.', '总计', '\uD800', '\u3000', '０', '７'), maxLength: 20 }),
  fc.stringMatching(/^[0-9 ]{1,30}$/),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ delete: fc.nat() }),
  fc.record({ duplicate: fc.nat() }),
  fc.record({ swap: fc.tuple(fc.nat(), fc.nat()) }),
  fc.record({ insert: oddText, line: fc.nat(), at: fc.nat() }),
  fc.record({ digits: fc.integer({ min: 0, max: 9 }), line: fc.nat() }),
  // 10,000-character lines: digits, a label repeated, pipes, prose characters.
  fc.record({ longLine: fc.constantFrom('0', '一、本年新收政府信息公开申请数量 ', '|', '好'), line: fc.nat() }),
);

function mutate(lines: string[], m: Mutation): string[] {
  const at = (i: number) => i % Math.max(1, lines.length);
  const copy = [...lines];
  if ('delete' in m) copy.splice(at(m.delete), 1);
  else if ('duplicate' in m) copy.splice(at(m.duplicate), 0, lines[at(m.duplicate)] ?? '');
  else if ('swap' in m) [copy[at(m.swap[0])], copy[at(m.swap[1])]] = [copy[at(m.swap[1])], copy[at(m.swap[0])]];
  else if ('insert' in m) {
    const line = copy[at(m.line)] ?? '';
    const k = m.at % (line.length + 1);
    copy[at(m.line)] = line.slice(0, k) + m.insert + line.slice(k);
  } else if ('digits' in m) copy[at(m.line)] = (copy[at(m.line)] ?? '').replace(/\d/g, String(m.digits));
  else copy.splice(at(m.line), 0, m.longLine.repeat(Math.ceil(10_000 / m.longLine.length)));
  return copy;
}

const mangledSeed = fc.record({
  seed: fc.nat(seeds.length - 1),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 5 }),
  truncate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
});

const HANG_GUARD_MS = 2000;

/** A hang guard, not a speed test: generous enough for a loaded CI machine. */
function timed<T>(what: string, run: () => T): T {
  const started = Date.now();
  const result = run();
  const elapsed = Date.now() - started;
  assert.ok(elapsed < HANG_GUARD_MS, `${what} took ${elapsed} ms`);
  return result;
}

function assertInside(span: Span, length: number, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: span not integral`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= length, `${what}: [${span.start}, ${span.end}) outside 0..${length}`);
}

test('mangled seeds never crash or hang, and findings and fixes stay inside the text', () => {
  fc.assert(
    fc.property(mangledSeed, ({ seed, mutations, truncate }) => {
      let text = mutations.reduce(mutate, seeds[seed].split('\n')).join('\n');
      if (truncate !== undefined) text = text.slice(0, Math.floor(text.length * truncate));

      timed('parseReport', () => parseReport(text));
      const { findings } = timed('checkText', () => checkText(text));

      for (const finding of findings) {
        assertInside(finding.span, text.length, finding.rule);
        for (const fix of finding.fixes) {
          const edits = [...fix.edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
          edits.forEach((edit, k) => {
            assertInside(edit.span, text.length, `${finding.rule} fix “${fix.title.en}”`);
            const next = edits[k + 1];
            if (next) {
              const overlaps = edit.span.end > next.span.start || (edit.span.start === next.span.start && (edit.span.start === edit.span.end || next.span.start === next.span.end));
              assert.ok(!overlaps, `${finding.rule} fix “${fix.title.en}”: overlapping edits`);
            }
          });
        }
      }
      const once = timed('fixAll', () => fixAll(text)).text;
      const twice = timed('fixAll of its own output', () => fixAll(once)).text;
      assert.equal(twice, once, 'fix-all applied to its own output changed it again');
    }),
    { seed: SEED, numRuns: RUNS || 250, includeErrorInReport: true },
  );
});
