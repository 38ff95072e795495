// Tests for the TextMate grammar syntaxes/gongkai-report.tmLanguage.json, run through vscode-textmate and
// vscode-oniguruma as VS Code runs it. Sample documents live in fixtures.txt (one per "=== name ===" block).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

// The bundle runs from out/test/grammar/.
const root = path.resolve(__dirname, '../../..');
const grammarPath = path.join(root, 'syntaxes/gongkai-report.tmLanguage.json');
const SUFFIX = '.gongkai-report';

async function loadGrammar(): Promise<vsctm.IGrammar> {
  await oniguruma.loadWASM(fs.readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm')));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'text.gongkai-report' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('text.gongkai-report');
  assert.ok(grammar, 'grammar loads');
  return grammar;
}
const grammarReady = loadGrammar();

interface TokenizedDoc {
  lines: string[];
  tokens: vsctm.IToken[][];
  finalDepth: number;
}

function tokenize(grammar: vsctm.IGrammar, lines: string[]): TokenizedDoc {
  let state = vsctm.INITIAL;
  const tokens: vsctm.IToken[][] = [];
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, state);
    tokens.push(result.tokens);
    state = result.ruleStack;
  }
  return { lines, tokens, finalDepth: state.depth };
}

function readFixtures(): Map<string, string[]> {
  const docs = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of fs.readFileSync(path.join(root, 'test/grammar/fixtures.txt'), 'utf8').split(/\r?\n/)) {
    const header = /^=== (\S+) ===$/.exec(line);
    if (header) docs.set(header[1], (current = []));
    else current?.push(line);
  }
  for (const lines of docs.values()) while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return docs;
}
const fixtures = readFixtures();
const docCache = new Map<string, TokenizedDoc>();

async function doc(name: string): Promise<TokenizedDoc> {
  const lines = fixtures.get(name);
  assert.ok(lines, `fixture document ${name}`);
  if (!docCache.has(name)) docCache.set(name, tokenize(await grammarReady, lines));
  return docCache.get(name)!;
}

// Theme-style selector match: "constant.numeric" matches "constant.numeric.cell.gongkai-report".
const matches = (scope: string, selector: string) => scope === selector + SUFFIX || scope.startsWith(selector + '.');

/** The scope lists of the tokens covering the nth occurrence of `part` in the first line containing `lineKey`. */
function scopesOf(d: TokenizedDoc, lineKey: string, part: string, nth = 0): string[][] {
  const lineNo = d.lines.findIndex((l) => l.includes(lineKey));
  assert.ok(lineNo >= 0, `no line contains ${JSON.stringify(lineKey)}`);
  const line = d.lines[lineNo];
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = line.indexOf(part, start + 1);
    assert.ok(start >= 0, `${JSON.stringify(part)} (#${nth}) not in ${JSON.stringify(line)}`);
  }
  const end = start + part.length;
  return d.tokens[lineNo].filter((t) => t.startIndex < end && t.endIndex > start).map((t) => t.scopes);
}

function expectScope(d: TokenizedDoc, lineKey: string, part: string, selector: string, nth = 0): void {
  const scopes = scopesOf(d, lineKey, part, nth);
  assert.ok(
    scopes.every((list) => list.some((s) => matches(s, selector))),
    `${JSON.stringify(part)} in ${JSON.stringify(lineKey)} should be ${selector}, got ${JSON.stringify(scopes)}`,
  );
}

function expectNoScope(d: TokenizedDoc, lineKey: string, part: string, selector: string, nth = 0): void {
  const scopes = scopesOf(d, lineKey, part, nth);
  assert.ok(
    scopes.every((list) => !list.some((s) => matches(s, selector))),
    `${JSON.stringify(part)} in ${JSON.stringify(lineKey)} should not be ${selector}, got ${JSON.stringify(scopes)}`,
  );
}

test('report title: plain, on its own line after the agency name, and as a Markdown heading', async () => {
  const cells = await doc('cells');
  expectScope(cells, '青禾县农业农村局2024年', '青禾县农业农村局2024年政府信息公开工作年度报告', 'markup.heading.title');
  expectScope(cells, '青禾县农业农村局2024年', '青禾县农业农村局2024年政府信息公开工作年度报告', 'entity.name.section.title');
  const pdf = await doc('pdf');
  expectScope(pdf, '2024 年政府信息公开工作年度报告', '2024 年政府信息公开工作年度报告', 'entity.name.section.title');
  const md = await doc('markdown');
  expectScope(md, '# 青禾县', '#', 'punctuation.definition.heading');
  expectScope(md, '# 青禾县', '青禾县农业农村局 2024 年政府信息公开工作年度报告', 'entity.name.section.title');
  // A sentence that names the report is not its title.
  expectNoScope(await doc('prose'), '现公布', '青禾县农业农村局2024年政府信息公开工作年度报告', 'markup.heading');
});

test('section headings 一、… 六、 with 、 . ． and Markdown #', async () => {
  const pdf = await doc('pdf');
  expectScope(pdf, '一、总体情况', '一', 'constant.numeric.ordinal.section');
  expectScope(pdf, '一、总体情况', '、', 'punctuation.separator.ordinal');
  expectScope(pdf, '一、总体情况', '总体情况', 'entity.name.section');
  expectScope(pdf, '一、总体情况', '一、总体情况', 'markup.heading.section');
  expectScope(pdf, '四、政府信息公开行政复议', '政府信息公开行政复议、行政诉讼情况', 'entity.name.section');
  expectNoScope(pdf, '四、政府信息公开行政复议', '行政复议', 'entity.other.attribute-name');
  expectScope(pdf, '六、其他需要报告的事项', '其他需要报告的事项', 'entity.name.section');
  const headings = await doc('headings');
  expectScope(headings, '一.总体情况', '一', 'constant.numeric.ordinal.section');
  expectScope(headings, '一.总体情况', '.', 'punctuation.separator.ordinal');
  expectScope(headings, '二．主动公开', '主动公开政府信息情况', 'entity.name.section');
  expectScope(headings, '#### 四、', '####', 'punctuation.definition.heading');
  expectScope(headings, '#### 四、', '政府信息公开行政复议、行政诉讼情况', 'entity.name.section');
  const md = await doc('markdown');
  expectScope(md, '## 一、总体情况', '##', 'punctuation.definition.heading');
  expectScope(md, '## 一、总体情况', '总体情况', 'entity.name.section');
});

test('the table-三 rows 一、… 四、 are row labels, not section headings', async () => {
  const pdf = await doc('pdf');
  for (const [key, label] of [
    ['一、本年新收', '本年新收政府信息公开申请数量'],
    ['二、上年结转', '上年结转政府信息公开申请数量'],
    ['三、本年度办理结果', '本年度办理结果'],
    ['四、结转下年度继续办理', '结转下年度继续办理'],
  ]) {
    expectScope(pdf, key, label, 'support.type.row-label');
    expectNoScope(pdf, key, label, 'markup.heading');
    expectScope(pdf, key, key.slice(0, 2), 'constant.numeric.ordinal');
  }
  const headings = await doc('headings');
  expectScope(headings, '### 四、结转下年度继续办理', '结转下年度继续办理', 'support.type.row-label');
  expectNoScope(headings, '### 四、结转下年度继续办理', '四、结转下年度继续办理', 'markup.heading');
  const md = await doc('markdown');
  expectScope(md, '### 一、本年新收', '本年新收政府信息公开申请数量', 'support.type.row-label');
  expectNoScope(md, '### 一、本年新收', '本年新收政府信息公开申请数量', 'entity.name.section');
});

test('prose is not a heading: a sentence starting with a year, 一是…, and a numbered sentence', async () => {
  const prose = await doc('prose');
  expectNoScope(prose, '2023年，我局', '2023年，我局认真贯彻落实', 'markup.heading');
  expectNoScope(prose, '2023年，我局', '2023', 'constant.numeric');
  expectNoScope(prose, '一是加强组织领导', '一是加强组织领导', 'markup.heading');
  expectNoScope(prose, '一、加强领导，压实责任。', '一、加强领导，压实责任。', 'markup.heading');
  expectNoScope(await doc('pdf'), '一、加强队伍建设', '一、加强队伍建设', 'markup.heading');
});

test('sub-heading ordinals （一） (一) （ 二 ） 1. 1、 1． at the start of a line', async () => {
  const pdf = await doc('pdf');
  expectScope(pdf, '（一）主动公开', '（一）', 'constant.numeric.ordinal');
  expectScope(pdf, '（一）主动公开', '（一）', 'markup.list.numbered');
  expectNoScope(pdf, '（一）主动公开', '主动公开', 'constant.numeric');
  expectScope(pdf, '1.加强政策解读', '1.', 'constant.numeric.ordinal');
  expectScope(pdf, '2、规范公开流程', '2、', 'constant.numeric.ordinal');
  const headings = await doc('headings');
  expectScope(headings, '(一)政府信息管理', '(一)', 'constant.numeric.ordinal');
  expectScope(headings, '（ 二 ）平台建设', '（ 二 ）', 'constant.numeric.ordinal');
  expectScope(headings, '1．加强培训', '1．', 'constant.numeric.ordinal');
  expectScope(headings, '##### （三）监督保障', '#####', 'punctuation.definition.heading');
  expectScope(headings, '##### （三）监督保障', '（三）', 'constant.numeric.ordinal');
  // Inside a sentence "1 件" is neither an ordinal nor a cell.
  expectNoScope(await doc('prose'), '全市新增规章', '1', 'constant.numeric');
});

test('table captions 第二十条第（一）项, half-width, spaced and traditional', async () => {
  expectScope(await doc('pdf'), '第二十条 第（一）项', '第二十条 第（一）项', 'entity.name.tag.caption');
  expectScope(await doc('cells'), '第二十条第(一)项', '第二十条第(一)项', 'entity.name.tag.caption');
  expectScope(await doc('tabs'), '第二十条第（九）项', '第二十条第（九）项', 'entity.name.tag.caption');
  expectScope(await doc('markdown'), '### 第二十条', '第二十条第（一）项', 'entity.name.tag.caption');
  expectScope(await doc('traditional'), '第二十條', '第二十條第(一)項', 'entity.name.tag.caption');
});

test('row labels of tables 二 and 三, with their ordinals', async () => {
  const pdf = await doc('pdf');
  for (const label of ['规章 0 0 0', '行政规范性文件', '行政许可', '行政事业性收费', '予以公开', '不予公开', '属于国家秘密', '无法提供', '本机关不掌握相关政府信息']) {
    expectScope(pdf, label, label.split(' ')[0], 'support.type.row-label');
  }
  expectScope(pdf, '（二）部分公开', '（二）部分公开（区分处理的，只计这一情', 'support.type.row-label');
  expectScope(pdf, '（二）部分公开', '（二）', 'constant.numeric.ordinal');
  expectScope(pdf, '1.属于国家秘密', '1.', 'constant.numeric.ordinal');
  const tabs = await doc('tabs');
  for (const label of ['其他对外管理服务事项', '行政强制', '政府集中采购']) expectScope(tabs, label, label, 'support.type.row-label');
  expectScope(tabs, '部分公开', '(二) 部分公开（区分处理的，只计这一情形，不计其他情形）', 'support.type.row-label');
  const defects = await doc('defects');
  expectScope(defects, '危及', '3.危及“三安全一稳定”', 'support.type.row-label');
  expectScope(defects, '禁止公开', '2.其他法律行政法规禁止公开', 'support.type.row-label');
  const traditional = await doc('traditional');
  for (const label of ['規章', '規範性文件', '行政處罰']) expectScope(traditional, label, label, 'support.type.row-label');
  // A label word inside a sentence is not a label.
  expectNoScope(await doc('prose'), '全市新增规章', '规章', 'support.type.row-label');
});

test('column headers, also with a space inside, and 总计 as a total header', async () => {
  const pdf = await doc('pdf');
  for (const [lineKey, header] of [
    ['信息内容 本年制发件数', '信息内容'],
    ['信息内容 本年制发件数', '本年制发件数'],
    ['本年收费金额', '本年收费金额（单位：万元）'],
    ['自然人 法人或其他组织', '自然人'],
    ['自然人 法人或其他组织', '法人或其他组织'],
    ['商业企业 科研机构', '商业企业'],
    ['商业企业 科研机构', '其他'],
    ['行政复议 行政诉讼', '行政复议'],
    ['结果维持 结果纠正', '结果维持'],
    ['结果维持 结果纠正', '尚未审结'],
    ['未经复议直接起诉 复议后起诉', '未经复议直接起诉'],
    ['未经复议直接起诉 复议后起诉', '复议后起诉'],
  ]) {
    expectScope(pdf, lineKey, header, 'entity.other.attribute-name.column-header');
  }
  expectScope(pdf, '自然人 法人或其他组织 总计', '总计', 'markup.bold.total');
  expectScope(pdf, '自然人 法人或其他组织 总计', '总计', 'entity.other.attribute-name.column-header.total');
  const inline = await doc('inline');
  expectScope(inline, '商业 企业', '商业 企业', 'entity.other.attribute-name.column-header');
  expectScope(inline, '商业 企业', '科研 机构', 'entity.other.attribute-name.column-header');
  expectScope(await doc('tabs'), '上一年项目数量', '本年增/减', 'entity.other.attribute-name.column-header');
  expectScope(await doc('traditional'), '信息內容', '本年新 製作數量', 'entity.other.attribute-name.column-header');
  expectNoScope(await doc('prose'), '政府信息公开行政复议 2 件', '行政复议', 'entity.other.attribute-name');
});

test('cells one per line ("0 |"), with blank lines and blank markers', async () => {
  const cells = await doc('cells');
  expectScope(cells, '27 |', '27', 'constant.numeric.cell');
  expectScope(cells, '27 |', '|', 'punctuation.separator.cell');
  expectScope(cells, '9 |', '9', 'constant.numeric.cell');
  expectScope(cells, '/ |', '/', 'comment.blank-cell');
  expectScope(cells, '—  |', '—', 'comment.blank-cell');
  expectScope(cells, '|||', '|||', 'punctuation.separator.cell');
  expectScope(cells, '规章 |', '规章', 'support.type.row-label');
});

test('cells inline with " | " pipes', async () => {
  const inline = await doc('inline');
  expectScope(inline, '行政规范性文件 | 3 | 1 | 27 |', '3', 'constant.numeric.cell');
  expectScope(inline, '行政规范性文件 | 3 | 1 | 27 |', '27', 'constant.numeric.cell');
  expectScope(inline, '行政规范性文件 | 3 | 1 | 27 |', '|', 'punctuation.separator.cell', 3);
  expectScope(inline, '三、本年度办理结果 |', '(一)予以公开', 'support.type.row-label');
  expectScope(inline, '三、本年度办理结果 |', '11', 'constant.numeric.cell');
});

test('tab-separated rows, 2019 values 增/减 and amounts with units', async () => {
  const tabs = await doc('tabs');
  expectScope(tabs, '行政许可\t', '\t', 'punctuation.separator.cell');
  expectScope(tabs, '行政许可\t', '1200', 'constant.numeric.cell');
  expectScope(tabs, '行政许可\t', '减35', 'constant.numeric.cell');
  expectScope(tabs, '其他对外管理服务事项', '增4', 'constant.numeric.cell');
  expectScope(tabs, '行政强制', '-8', 'constant.numeric.cell');
  expectScope(tabs, '行政强制', '—', 'comment.blank-cell');
  expectScope(tabs, '251000元', '251000元', 'constant.numeric.cell');
  expectScope(tabs, '251000元', '元', 'keyword.other.unit');
  expectScope(tabs, '101973.15万', '101973.15万', 'constant.numeric.cell');
  expectScope(tabs, '部分公开', '2', 'constant.numeric.cell', 1);
});

test('Markdown pipe tables and their delimiter rows', async () => {
  const md = await doc('markdown');
  expectScope(md, '|---|:---:|', '|---|:---:|---|---|', 'punctuation.separator.table-delimiter');
  expectScope(md, '| 行政规范性文件 |', '行政规范性文件', 'support.type.row-label');
  expectScope(md, '| 行政规范性文件 |', '27', 'constant.numeric.cell');
  expectScope(md, '| 行政规范性文件 |', '|', 'punctuation.separator.cell');
  expectScope(md, '| 本年新收政府信息公开申请数量 |', '14', 'constant.numeric.cell');
  expectNoScope(md, '全年主动公开政府信息 326 条', '326', 'constant.numeric');
});

test('PDF text: numbers after a label or filling a line are cells, numbers in sentences are not', async () => {
  const pdf = await doc('pdf');
  expectScope(pdf, '规章 0 0 0', '0', 'constant.numeric.cell', 2);
  expectScope(pdf, '行政规范性文件 3 1 27', '27', 'constant.numeric.cell');
  expectScope(pdf, '行政许可 1520', '1520', 'constant.numeric.cell');
  expectScope(pdf, '行政事业性收费 12.5', '12.5', 'constant.numeric.cell');
  expectScope(pdf, '一、本年新收', '17', 'constant.numeric.cell');
  expectScope(pdf, '（四）无法提供', '4', 'constant.numeric.cell');
  expectScope(pdf, '2 0 1 0 3 1', '3', 'constant.numeric.cell');
  // The second half of a label broken across lines still carries its row.
  expectScope(pdf, '形，不计其他情形）', '2', 'constant.numeric.cell');
  // Prose: counts, a number ending a broken line, a percentage, dates.
  expectNoScope(pdf, '主动公开政府信息 326 条', '326', 'constant.numeric');
  expectNoScope(pdf, '主动公开政府信息 326 条', '17', 'constant.numeric');
  expectNoScope(pdf, '共计 95', '95', 'constant.numeric');
  expectNoScope(pdf, '合格率 100%', '100%', 'constant.numeric');
  expectNoScope(pdf, '统计期限为 2024 年', '2024', 'constant.numeric');
  expectNoScope(pdf, '统计期限为 2024 年', '31', 'constant.numeric');
  expectNoScope(await doc('prose'), '全年共受理申请 17 件', '17', 'constant.numeric');
});

test('the （七）总计 row is emphasised, across the lines of its cells', async () => {
  const pdf = await doc('pdf');
  expectScope(pdf, '（七）总计', '（七）总计', 'support.type.row-label.total');
  expectScope(pdf, '（七）总计', '（七）', 'constant.numeric.ordinal');
  expectScope(pdf, '（七）总计', '（七）总计 14 2 0 0 1 0 17', 'markup.bold.total');
  expectScope(pdf, '（七）总计', '17', 'constant.numeric.cell');
  expectNoScope(pdf, '四、结转下年度继续办理 1', '四、结转下年度继续办理 1', 'markup.bold.total');
  const cells = await doc('cells');
  expectScope(cells, '(七)总计', '(七)总计', 'markup.bold.total');
  expectScope(cells, '14 |', '14', 'markup.bold.total');
  expectScope(cells, '14 |', '14', 'constant.numeric.cell');
  expectScope(cells, '- |', '-', 'comment.blank-cell');
  expectScope(cells, '17 | ||', '17', 'markup.bold.total');
  expectNoScope(cells, '四、结转下年度继续办理 |', '四、结转下年度继续办理', 'markup.bold.total');
  expectScope(await doc('inline'), '(七)总计 |', '17', 'markup.bold.total');
  expectScope(await doc('tabs'), '(七) 总计', '14', 'markup.bold.total');
  const md = await doc('markdown');
  expectScope(md, '| （七）总计 |', '（七）总计', 'markup.bold.total');
  expectNoScope(md, '| 四、结转下年度继续办理 |', '结转下年度继续办理', 'markup.bold.total');
});

test('page footers of PDF text are comments, not cells', async () => {
  const pdf = await doc('pdf');
  expectScope(pdf, '- 2 -', '- 2 -', 'comment.line.page-footer');
  expectNoScope(pdf, '- 2 -', '2', 'constant.numeric');
});

test('digits glued to a label are still its cells', async () => {
  const defects = await doc('defects');
  expectScope(defects, '三、本年度办理结果0', '本年度办理结果', 'support.type.row-label');
  expectScope(defects, '三、本年度办理结果0', '0', 'constant.numeric.cell');
  expectNoScope(defects, '三、本年度办理结果0', '三、本年度办理结果', 'markup.heading');
  expectScope(defects, '危及', '0', 'constant.numeric.cell');
  expectNoScope(defects, '危及', '三', 'constant.numeric');
});

test('placeholders XX, ××, X月, and a count left out', async () => {
  const defects = await doc('defects');
  expectScope(defects, '政府信息XX条', 'XX', 'invalid.placeholder');
  expectScope(defects, '办结××件', '××', 'invalid.placeholder');
  expectScope(defects, '2025年X月X日', 'X', 'invalid.placeholder', 1);
  expectScope(defects, '主动公开信息  条', '  ', 'invalid.placeholder.missing-number');
  expectNoScope(defects, 'xxgk@', 'xxgk', 'invalid');
});

test('every scope the grammar defines is produced by the fixtures, and every fixture ends at top level', async () => {
  const defined = new Set<string>();
  (function collect(node: unknown): void {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'name' && typeof value === 'string') value.split(' ').forEach((s) => defined.add(s));
        else collect(value);
      }
    }
  })(JSON.parse(fs.readFileSync(grammarPath, 'utf8')).repository);
  const produced = new Set<string>();
  for (const name of fixtures.keys()) {
    const d = await doc(name);
    assert.equal(d.finalDepth, 1, `${name} leaves a rule open`);
    for (const line of d.tokens) for (const token of line) token.scopes.forEach((s) => produced.add(s));
  }
  assert.deepEqual([...defined].filter((s) => !produced.has(s)), []);
  assert.ok([...defined].every((s) => s.endsWith(SUFFIX)), 'every scope ends with .gongkai-report');
});

test('a 1 MB line of digits, pipes and spaces is tokenised without catastrophic backtracking', async (t) => {
  const grammar = await grammarReady;
  const repeat = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const lines = {
    cells: repeat('9876543210 | 2024 12 |\t0.5 ', 1 << 20),
    // The worst cases for the cell rules: a long number run that turns out to be prose, and a long gap.
    proseRun: repeat('1 2 33 ', 1 << 18) + '件',
    spacesThenDigit: ' '.repeat(1 << 18) + '0',
  };
  for (const [name, line] of Object.entries(lines)) {
    const started = process.cpuUsage();
    const result = grammar.tokenizeLine(line, vsctm.INITIAL);
    t.diagnostic(`${name}: ${result.tokens.length} tokens, ${Math.round(process.cpuUsage(started).user / 1000)} ms CPU`);
    assert.equal(result.stoppedEarly, false);
    assert.ok(result.tokens[result.tokens.length - 1].endIndex >= line.length);
  }
});

test('language configuration: bracket pairs and a CJK/number word pattern', () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes/language-configuration.json'), 'utf8'));
  assert.equal(config.comments, undefined);
  for (const pair of [['（', '）'], ['(', ')'], ['《', '》'], ['“', '”']]) assert.ok(config.brackets.some((b: string[]) => b.join() === pair.join()));
  const words = '行政许可 增87 减5874 101973.15万 33.9%'.match(new RegExp(config.wordPattern, 'g'));
  assert.deepEqual(words, ['行政许可', '增87', '减5874', '101973.15万', '33.9%']);
});
