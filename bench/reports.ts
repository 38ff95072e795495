// Deterministic, realistic annual reports for the benchmarks and the fuzz tests: the 2021 template
// with plausible numbers that satisfy every relation, Chinese prose of a chosen size, tables in any
// of the layouts real reports use, and optionally a few planted errors. Same seed, same text.
import { applyEdits, parseReport, templateReport, type OffsetEdit } from '../server/src/engine';
import { APPLICANT_COLUMNS, CHINESE_NUMERALS, RESULT_ROW_IDS, REVIEW_COLUMNS, SECTIONS, requestDataRows } from '../server/src/engine/format';
import type { Table } from '../server/src/engine/model';

export const LAYOUTS = ['tabs', 'cell-per-line', 'pipe-cells', 'inline-pipes', 'markdown', 'pdf-text'] as const;
export type ReportLayout = (typeof LAYOUTS)[number];

export const PLANTED_KINDS = ['row-total', 'column-total', 'blank-cell', 'glued-digits', 'label-typo'] as const;
export type PlantedKind = (typeof PLANTED_KINDS)[number];

export interface GeneratedReport {
  text: string;
  layout: ReportLayout;
  year: number;
  planted: PlantedKind[];
}

export interface ReportOptions {
  layout?: ReportLayout;
  /** How many errors to plant (0 by default). */
  errors?: number;
  /** UTF-8 bytes of prose to write into the template's placeholders (default 6 KB). */
  proseBytes?: number;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (rand: Random, low: number, high: number) => low + Math.floor(rand() * (high - low + 1));
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const BODIES = ['青禾县人民政府办公室', '东川市生态环境局', '临河区市场监督管理局', '白沙镇人民政府', '南湖市人民政府', '西岭县教育体育局'];
/** Only a city government may make 规章. */
const MAKES_REGULATIONS = '南湖市人民政府';

// ---------------------------------------------------------------------------------------------
// Numbers

type Values = Map<string, number[]>;

/** Cell values per `${table kind}/${row id}`, satisfying R1–R4. */
function tableValues(rand: Random, body: string): Values {
  const values: Values = new Map();
  const scale = pick(rand, [3, 20, 150, 1200]);
  values.set('active-1/regulations', body === MAKES_REGULATIONS ? [int(rand, 0, 3), int(rand, 0, 2), int(rand, 5, 40)] : [0, 0, 0]);
  values.set('active-1/normative', [int(rand, 0, 20), int(rand, 0, 6), int(rand, 10, 160)]);
  values.set('active-5/licensing', [int(rand, 0, scale * 20)]);
  values.set('active-6/penalty', [int(rand, 0, scale * 5)]);
  values.set('active-6/enforcement', [int(rand, 0, scale)]);
  values.set('active-8/fees', [rand() < 0.7 ? 0 : int(rand, 1, 9999) / 100]);

  const parts = APPLICANT_COLUMNS.length - 1;
  const weights = [8, 2, 0.2, 0.3, 0.5, 0.3];
  const rows = requestDataRows('2021').map((r) => r.id);
  const grid = new Map<string, number[]>(rows.map((id): [string, number[]] => [id, new Array<number>(parts).fill(0)]));
  const resultRows = RESULT_ROW_IDS['2021'];
  const resultWeights = resultRows.map((id): number => (id === 'granted' ? 10 : id === 'partial' ? 3 : id === 'unable1' ? 4 : rand() < 0.4 ? 1 : 0));
  const weightSum = resultWeights.reduce((a, b) => a + b, 0);
  for (let c = 0; c < parts; c++) {
    const fresh = Math.round(rand() * weights[c] * scale / 10);
    const carried = rand() < 0.5 ? int(rand, 0, Math.ceil(fresh / 10)) : 0;
    const carryOver = int(rand, 0, Math.floor((fresh + carried) / 8));
    grid.get('new')![c] = fresh;
    grid.get('carried')![c] = carried;
    grid.get('carryOver')![c] = carryOver;
    let remaining = fresh + carried - carryOver;
    grid.get('resultTotal')![c] = remaining;
    // Spread the handled requests over the result rows by weight; the rest goes to 予以公开.
    for (let r = 0; r < resultRows.length && remaining > 0; r++) {
      if (resultRows[r] === 'granted') continue;
      const share = Math.min(remaining, Math.floor(((fresh + carried) * resultWeights[r] * rand()) / weightSum));
      grid.get(resultRows[r])![c] = share;
      remaining -= share;
    }
    grid.get('granted')![c] = remaining;
  }
  for (const [id, cells] of grid) values.set(`requests/${id}`, [...cells, cells.reduce((a, b) => a + b, 0)]);

  const review: number[] = [];
  const blockParts = REVIEW_COLUMNS.length / 3 - 1;
  for (let block = 0; block < 3; block++) {
    const cells = Array.from({ length: blockParts }, () => (rand() < 0.5 ? 0 : int(rand, 0, Math.ceil(scale / 50))));
    review.push(...cells, cells.reduce((a, b) => a + b, 0));
  }
  values.set('review/review', review);
  return values;
}

function fillNumbers(text: string, values: Values): string {
  const edits: OffsetEdit[] = [];
  for (const table of parseReport(text).tables) {
    for (const row of table.rows) {
      const cells = values.get(`${table.kind}/${row.def.id}`);
      if (!cells) continue;
      row.cells.forEach((cell, i) => edits.push({ span: cell.span, newText: String(cells[i]) }));
    }
  }
  return applyEdits(text, edits);
}

// ---------------------------------------------------------------------------------------------
// Prose

const OPENINGS = ['本年度', '全年', '一年来', '报告期内', '今年以来'];
const ACTIONS = [
  '坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开',
  '围绕中心工作，及时发布政策文件、规划计划、财政预决算和重点项目信息',
  '严格落实公文公开属性源头认定制度，在公文办理过程中同步确定公开方式',
  '加强政策解读，采用图文、视频、问答等多种形式解读重要政策文件',
  '规范政府信息公开申请办理流程，严格按照法定时限和形式答复申请人',
  '完善政府信息公开指南和目录，及时更新机构职能、办事指南等基础信息',
  '加强政府网站和政务新媒体内容保障，落实信息发布审核和安全管理制度',
  '组织开展政务公开业务培训，提升工作人员依法公开的意识和能力',
  '将政务公开工作纳入年度绩效考核，主动接受社会监督和评议',
  '开展政府信息公开专栏自查，对发现的链接失效、内容滞后等问题及时整改',
];
const RESULTS = ['取得了较好成效', '公开质量和实效进一步提升', '群众满意度持续提高', '各项工作有序推进', '公开工作更加规范'];

function sentence(rand: Random): string {
  return `${pick(rand, OPENINGS)}，${pick(rand, ACTIONS)}，${pick(rand, ACTIONS)}，${pick(rand, RESULTS)}。`;
}

/**
 * Paragraphs for each placeholder line of the template, together about `bytes` of UTF-8: the
 * facts open the paragraphs after the first, the closing statement opens the last (section 六).
 */
function proseFor(placeholders: number, bytes: number, rand: Random, facts: string[], closing: string): string[] {
  const paragraphs = Array.from({ length: placeholders }, () => '');
  facts.forEach((fact, i) => (paragraphs[Math.min(i + 1, placeholders - 1)] += fact));
  paragraphs[placeholders - 1] = closing + paragraphs[placeholders - 1];
  let written = [...facts, closing].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  for (let i = 0; written < bytes; i = (i + 1) % placeholders) {
    const next = sentence(rand);
    paragraphs[i] += next;
    written += Buffer.byteLength(next);
  }
  return paragraphs;
}

// ---------------------------------------------------------------------------------------------
// Layouts: the template writes tables as tab-separated rows; every other layout is derived from it.

const TABLE_HEADINGS = new Set(
  SECTIONS.filter((s) => s.id === 'active' || s.id === 'requests' || s.id === 'review').map((s) => `${CHINESE_NUMERALS[s.ordinal - 1]}、${s.title}`),
);

/** Indices of the template's table lines: from the heading of 二, 三 or 四 to the next blank line. */
function tableLines(lines: string[]): Set<number> {
  const found = new Set<number>();
  let inTable = false;
  lines.forEach((line, i) => {
    if (TABLE_HEADINGS.has(line)) inTable = true;
    else if (line.trim() === '') inTable = false;
    else if (inTable) found.add(i);
  });
  return found;
}

function relayout(text: string, layout: ReportLayout, rand: Random): string {
  if (layout === 'tabs') return text;
  const lines = text.split('\n');
  const inTable = tableLines(lines);
  const out: string[] = [];
  let firstOfTable = true;
  let tableLine = 0;
  lines.forEach((line, i) => {
    if (!inTable.has(i)) {
      out.push(line);
      firstOfTable = true;
      tableLine = 0;
      return;
    }
    const cells = line.split('\t');
    tableLine++;
    switch (layout) {
      case 'cell-per-line':
        out.push(...cells.filter((c) => c !== ''), '');
        break;
      case 'pipe-cells':
        out.push(...cells.map((c) => (c === '' ? '|' : `${c} |`)), '||');
        break;
      case 'inline-pipes':
        out.push(cells.join(' | ') + ' |');
        break;
      case 'markdown':
        out.push(`| ${cells.join(' | ')} |`);
        if (firstOfTable) out.push(`|${cells.map(() => ' --- ').join('|')}|`);
        break;
      case 'pdf-text': {
        const words = cells.filter((c) => c !== '');
        const [label, ...rest] = words;
        // PDF extraction breaks long labels across lines and leaves page footers inside tables.
        if (label.length > 16 && rest.length > 0 && rand() < 0.5) {
          const cut = int(rand, 4, label.length - 4);
          out.push(label.slice(0, cut), [label.slice(cut), ...rest].join(' '));
        } else out.push(words.join(' '));
        if (tableLine === 12 && rand() < 0.5) out.push(`- ${int(rand, 2, 9)} -`);
        break;
      }
    }
    firstOfTable = false;
  });
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Planted errors, made on the tab layout so that every layout carries the same ones.

function plant(text: string, kind: PlantedKind, rand: Random): string {
  const tables = parseReport(text).tables;
  const requests = tables.find((t) => t.kind === 'requests');
  if (!requests) return text;
  const row = pick(rand, requests.rows.filter((r) => r.cells.length > 0));
  const cellText = (table: Table, rowId: string, column: number) => table.rows.find((r) => r.def.id === rowId)?.cells[column];
  switch (kind) {
    case 'row-total': {
      const total = row.cells[row.cells.length - 1];
      return applyEdits(text, [{ span: total.span, newText: String((total.value ?? 0) + int(rand, 1, 9)) }]);
    }
    case 'column-total': {
      const cell = cellText(requests, 'resultTotal', int(rand, 0, 5));
      return cell ? applyEdits(text, [{ span: cell.span, newText: String((cell.value ?? 0) + int(rand, 1, 9)) }]) : text;
    }
    case 'blank-cell':
      return applyEdits(text, [{ span: pick(rand, row.cells).span, newText: '' }]);
    case 'glued-digits': {
      // Delete the separator between the label and the first cell: "（一）予以公开12".
      const first = row.cells[0];
      return applyEdits(text, [{ span: { start: row.labelSpan.end, end: first.span.start }, newText: '' }]);
    }
    case 'label-typo': {
      const at = row.labelSpan.start + int(rand, Math.min(4, row.label.length - 1), row.label.length - 1);
      return applyEdits(text, [{ span: { start: at, end: at + 1 }, newText: '' }]);
    }
  }
}

// ---------------------------------------------------------------------------------------------

export function generateReport(seed: number, options: ReportOptions = {}): GeneratedReport {
  const rand = random(seed);
  const year = int(rand, 2021, 2025);
  const layout = options.layout ?? pick(rand, LAYOUTS);
  const body = pick(rand, BODIES);
  const values = tableValues(rand, body);
  const requests = (row: string) => values.get(`requests/${row}`)!.at(-1)!;
  const review = values.get('review/review')!;
  const facts = [
    `全年共收到政府信息公开申请${requests('new')}件，上年结转${requests('carried')}件，办结${requests('resultTotal')}件，结转下年度继续办理${requests('carryOver')}件。`,
    `本年度共发生政府信息公开行政复议${review[4]}件，行政诉讼${review[9] + review[14]}件。`,
  ];
  const template = templateReport(year, body).split('\n');
  const placeholders = template.filter((line) => line.startsWith('（请在此'));
  const prose = proseFor(placeholders.length, options.proseBytes ?? 6 * 1024, rand, facts, '本年度未收取信息处理费。');
  let next = 0;
  let text = fillNumbers(template.map((line) => (line.startsWith('（请在此') ? prose[next++] : line)).join('\n'), values);
  const planted: PlantedKind[] = [];
  for (let i = 0; i < (options.errors ?? 0); i++) {
    const kind = pick(rand, PLANTED_KINDS);
    text = plant(text, kind, rand);
    planted.push(kind);
  }
  return { text: relayout(text, layout, rand), layout, year, planted };
}

/** The bench's typical report: the template in its own tab layout, every relation holding, 6 KB of prose. */
export function typicalReport(): string {
  return generateReport(2024, { layout: 'tabs', errors: 0 }).text;
}
