// Finding the tables and reading their rows. Tables are found by their own content (a 第二十条
// caption, the 勾稽关系 note or the first row of table 三, the 行政复议 header) rather than by the
// section they sit in, because real reports put tables under wrong or missing headings.
import {
  ACTIVE_CLAUSES,
  formatOfYear,
  REQUEST_ROWS,
  requestDataRows,
  tableDef,
  type ColumnDef,
  type FormatVersion,
  type RowDef,
  type TableKind,
} from '../format';
import type { Cell, Layout, Row, Section, Table } from '../model';
import { keyed, LineIndex, matchKey, normalizeValue, type Keyed } from '../text';
import type { Span } from '../types';
import { isSkippedLine, tokenizeLine, type Token } from './tokens';

interface Region {
  kind: TableKind;
  lines: number[];
  /** A line with digits other than a caption has been added: a repeated caption now starts a new table. */
  sawValues: boolean;
  /** The region ran into the end of the text rather than a heading or prose. */
  reachedEnd: boolean;
}

const ACTIVE_CAPTION = /第二十条第?\(?([一二三四五六七八九十]{1,2})\)?项/;

// A PDF table row ends in its numbers: "（二）部分公开（区分处理的，…） 447 7 0 0 0 0 454".
const TRAILING_NUMBERS = /(?:\s+[\d,.]+){3,}\s*$/;

function isProse(text: string): boolean {
  if (text.includes('\t') || text.includes('|')) return false;
  const trimmed = text.trim();
  if (/[。！？]/.test(trimmed)) return true;
  // Only the end of the line can hold a row's numbers; testing just that keeps the regex linear.
  return trimmed.length > 50 && /[，,；;]/.test(trimmed) && !TRAILING_NUMBERS.test(trimmed.slice(-120));
}

// Words of every anchor, allowing the spaces PDF text puts between characters; checked on the raw
// line first so that prose lines never pay for a match key.
const ANCHOR_WORDS = /第\s*二\s*十\s*[条條]|勾\s*稽|申\s*[请請]\s*人\s*情|本\s*年\s*新\s*收|行\s*政\s*[复復複]\s*[议議]/;

function anchorOf(text: string): TableKind | undefined {
  if (!ANCHOR_WORDS.test(text) || isProse(text)) return undefined;
  const key = matchKey(text);
  const caption = ACTIVE_CAPTION.exec(key);
  if (caption && key.length <= 60) return ACTIVE_CLAUSES[caption[1]];
  if (key.includes('勾稽关系') || key.startsWith('申请人情况') || key.includes('本年新收政府信息公开申请数量')) return 'requests';
  if (key.startsWith('行政复议') && key.length <= 24) return 'review';
  return undefined;
}

function findRegions(lines: LineIndex, headingLines: Set<number>): Region[] {
  const regions: Region[] = [];
  let current: Region | undefined;
  const close = (reachedEnd: boolean) => {
    if (current) {
      current.reachedEnd = reachedEnd;
      regions.push(current);
    }
    current = undefined;
  };
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (headingLines.has(line)) {
      close(false);
      continue;
    }
    if (text.trim().length === 0 || isSkippedLine(text)) {
      if (current) current.lines.push(line);
      continue;
    }
    const anchor = anchorOf(text);
    if (anchor && (!current || current.kind !== anchor || anchor.startsWith('active'))) {
      // A caption repeated inside its own table (a stray header row) does not start a new one.
      const repeatsCaption = current && current.kind === anchor && current.lines.length > 0 && anchor.startsWith('active') && !current.sawValues;
      if (!repeatsCaption) {
        close(false);
        current = { kind: anchor, lines: [], reachedEnd: false, sawValues: false };
      }
    } else if (current && isProse(text)) {
      close(false);
      continue;
    }
    if (current) {
      current.lines.push(line);
      if (!current.sawValues && /\d/.test(text) && !anchor) current.sawValues = true;
    }
  }
  close(true);
  return regions;
}

// ---------------------------------------------------------------------------------------------
// Label matching

interface LabelMatch {
  def: RowDef;
  labelSpan: Span;
  label: string;
  mismatch: boolean;
  /** The wording matched was an alias (older format wording). */
  alias?: string;
  glued?: { raw: string; span: Span };
  /** Digits glued to an earlier label of the chunk, e.g. the group label in "三、本年度办理结果0 / （一）予以公开". */
  innerGlued: { raw: string; span: Span; label: string }[];
}

function levenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * Where the run of ASCII digits that ends `text` starts (text.length when it ends in no digit).
 * A backward scan: /\d+$/ retries from every digit of a long run that text follows, which is quadratic.
 */
function trailingDigits(text: string): number {
  let at = text.length;
  while (at > 0 && text.charCodeAt(at - 1) >= 48 && text.charCodeAt(at - 1) <= 57) at--;
  return at;
}

/** Strip closed parenthetical notes from the end of a key ("部分公开(区分处理的…)" → "部分公开"). */
function stripTrailingNotes(key: string): number {
  let end = key.length;
  while (end > 0 && key[end - 1] === ')') {
    let depth = 0;
    let i = end - 1;
    for (; i >= 0; i--) {
      if (key[i] === ')') depth++;
      else if (key[i] === '(' && --depth === 0) break;
    }
    if (i <= 0) break;
    end = i;
  }
  return end;
}

const MAX_LABEL_TOKENS = 16;

class LabelMatcher {
  private readonly candidates: { def: RowDef; core: string; alias?: string }[];

  constructor(readonly rows: RowDef[]) {
    this.candidates = rows
      .flatMap((def) => [{ def, core: def.core }, ...(def.aliases ?? []).map((alias) => ({ def, core: matchKey(alias), alias }))])
      .sort((a, b) => b.core.length - a.core.length);
  }

  private readonly keys = new WeakMap<Token, Keyed>();

  private keyOf(t: Token): Keyed {
    let k = this.keys.get(t);
    if (!k) {
      k = keyed(t.text, t.start);
      this.keys.set(t, k);
    }
    return k;
  }

  /**
   * The row whose label the chunk ends with. `fuzzy` also accepts a near miss (a typo), but only
   * for the few rows expected next, and only when values follow: a guess costs trust elsewhere.
   */
  match(chunk: Token[], previous: RowDef | undefined, matched: ReadonlySet<string>, fuzzy = false): LabelMatch | undefined {
    if (chunk.length === 0) return undefined;
    // A label ends the chunk and never spans more cells than a vertical one (八 characters and an
    // item): matching only the tail keeps long runs of text linear.
    const tokens = chunk.length > MAX_LABEL_TOKENS ? chunk.slice(-MAX_LABEL_TOKENS) : chunk;
    let key = '';
    const offsets: number[] = [];
    const ends: number[] = [];
    for (const t of tokens) {
      const k = this.keyOf(t);
      key += k.key;
      for (let i = 0; i < k.offsets.length; i++) {
        offsets.push(k.offsets[i]);
        ends.push(k.ends[i]);
      }
    }
    let end = key.length;
    let glued: LabelMatch['glued'];
    const lastToken = tokens[tokens.length - 1];
    // Glued digits share a cell with label text ("三、本年度办理结果0"); digits in a cell of their own are a value.
    const lastKey = this.keyOf(lastToken).key;
    const lastDigitsAt = trailingDigits(lastKey);
    if (lastDigitsAt > 0 && lastDigitsAt < lastKey.length && /\d$/.test(lastToken.text.normalize('NFKC'))) {
      const digitsAt = key.length - (lastKey.length - lastDigitsAt);
      const span = { start: offsets[digitsAt], end: lastToken.end };
      glued = { raw: lastToken.text.slice(span.start - lastToken.start), span };
      end = digitsAt;
    }
    end = stripTrailingNotes(key.slice(0, end));
    const head = key.slice(0, end);
    for (const candidate of this.candidates) {
      if (!head.endsWith(candidate.core)) continue;
      const start = end - candidate.core.length;
      if (candidate.def.needsOrdinal && !this.ordinalPrecedes(head, start, candidate.def, previous)) continue;
      return this.result(candidate.def, tokens, offsets, ends, start, end, false, candidate.alias, glued);
    }
    if (!fuzzy) return undefined;
    // A label with a typo ("其他法律行政止公开"): the closest of the next unmatched rows within a small edit distance.
    const from = previous ? this.rows.indexOf(previous) + 1 : 0;
    const expected = new Set(this.rows.slice(from).filter((r) => !matched.has(r.id) && !r.group).slice(0, 3));
    let best: { def: RowDef; distance: number; start: number } | undefined;
    for (const candidate of this.candidates) {
      const core = candidate.core;
      if (candidate.alias || core.length < 5 || !expected.has(candidate.def)) continue;
      // "其他法律行政止公开" drops three characters of twelve; short labels allow one slip only.
      const limit = core.length >= 12 ? 3 : core.length >= 8 ? 2 : 1;
      for (let length = core.length - limit; length <= core.length + limit; length++) {
        if (length <= 0 || length > head.length) continue;
        const distance = levenshtein(head.slice(end - length), core, limit);
        if (distance <= limit && (!best || distance < best.distance)) best = { def: candidate.def, distance, start: end - length };
      }
    }
    if (best) return this.result(best.def, tokens, offsets, ends, best.start, end, true, undefined, glued);
    return undefined;
  }

  /** Earlier cells of the chunk that are a known label with digits stuck to its end. */
  private innerGlued(tokens: Token[]): LabelMatch['innerGlued'] {
    const found: LabelMatch['innerGlued'] = [];
    for (const t of tokens.slice(0, -1)) {
      const text = t.text.normalize('NFKC');
      const digitsAt = trailingDigits(text);
      if (digitsAt === 0 || digitsAt === text.length || text.length !== t.text.length) continue;
      const head = matchKey(text.slice(0, digitsAt));
      if (this.candidates.some((c) => head.endsWith(c.core) && c.core.length >= 4)) {
        found.push({ raw: t.text.slice(digitsAt), span: { start: t.start + digitsAt, end: t.end }, label: t.text.slice(0, digitsAt) });
      }
    }
    return found;
  }

  private ordinalPrecedes(head: string, start: number, def: RowDef, previous: RowDef | undefined): boolean {
    const ordinal = def.needsOrdinal!;
    const before = head.slice(Math.max(0, start - ordinal.length - 2), start).replace(/[()]/g, '');
    if (before.endsWith(ordinal)) return true;
    const index = this.rows.indexOf(def);
    return previous !== undefined && index > 0 && this.rows.slice(0, index).includes(previous) && this.rows.indexOf(previous) >= index - 3;
  }

  private result(def: RowDef, tokens: Token[], offsets: number[], ends: number[], start: number, end: number, mismatch: boolean, alias: string | undefined, glued: LabelMatch['glued']): LabelMatch {
    const matchStart = offsets[start];
    const matchEnd = ends[end - 1];
    // Widen to the start of the cell holding the match, so the ordinal ("（三）", "1.") is part of the label.
    const holder = tokens.find((t) => t.start <= matchStart && matchStart < t.end);
    const labelStart = holder ? holder.start : matchStart;
    let labelEnd = matchEnd;
    const closing = tokens.find((t) => t.start < matchEnd && matchEnd <= t.end);
    if (closing && !glued) labelEnd = closing.end;
    else if (closing && glued) labelEnd = Math.max(matchEnd, glued.span.start);
    const label = tokens
      .filter((t) => t.end > labelStart && t.start < labelEnd)
      .map((t) => t.text.slice(Math.max(0, labelStart - t.start), labelEnd - t.start))
      .join('');
    return { def, labelSpan: { start: labelStart, end: labelEnd }, label, mismatch, alias, glued, innerGlued: this.innerGlued(tokens) };
  }
}

// ---------------------------------------------------------------------------------------------
// Rows

interface PendingRow {
  match: LabelMatch;
  values: Token[];
  /** Values that are not empty cells, counted as they come. */
  filled: number;
}

function parseValue(raw: string, column: ColumnDef): { value: number | null; ok: boolean } {
  const text = normalizeValue(raw).replace(/萬/g, '万').replace(/減/g, '减');
  switch (column.type) {
    case 'count': {
      if (/^-?\d+$/.test(text) || /^\d{1,3}(,\d{3})+$/.test(text)) return { value: Number(text.replace(/,/g, '')), ok: true };
      return { value: null, ok: false };
    }
    case 'amount': {
      if (/^\d+(\.\d+)?$/.test(text) || /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return { value: Number(text.replace(/,/g, '')), ok: true };
      return { value: null, ok: false };
    }
    case 'change': {
      const match = /^(增|减|\+|-)?(\d+)$/.exec(text);
      if (!match) return { value: null, ok: false };
      const magnitude = Number(match[2]);
      return { value: match[1] === '减' || match[1] === '-' ? -magnitude : magnitude, ok: true };
    }
    case 'money': {
      const match = /^(\d+(?:\.\d+)?)(万元|万|元)?$/.exec(text.replace(/,/g, ''));
      return match ? { value: Number(match[1]), ok: true } : { value: null, ok: false };
    }
  }
}

/**
 * Decide which tokens are the row's cells. Numbers, dash markers and text in a value position
 * always are; explicit empty cells fill the gaps only when the numbers alone are too few, trimmed
 * from the ends first because separators pile up there.
 */
function assignCells(values: Token[], columnCount: number): { cells: Token[]; problem?: 'too-many-values' | 'too-few-values' | 'ambiguous-blanks' } {
  const filled = values.filter((t) => t.shape !== 'empty');
  if (filled.length === columnCount) return { cells: filled };
  if (filled.length > columnCount) return { cells: filled.slice(0, columnCount), problem: 'too-many-values' };
  // Trailing filler only stands for blank cells in a row with no value at all: in a row that is
  // merely short it would shift the total into another column.
  const candidates = values.filter((t) => t.shape !== 'empty' || t.explicit || (t.trailing && filled.length === 0));
  if (candidates.length < columnCount) return { cells: candidates, problem: 'too-few-values' };
  let from = 0;
  let to = candidates.length;
  while (to - from > columnCount) {
    if (candidates[to - 1].shape === 'empty') to--;
    else if (candidates[from].shape === 'empty') from++;
    else break;
  }
  if (to - from !== columnCount) return { cells: candidates.slice(from, to), problem: 'ambiguous-blanks' };
  return { cells: candidates.slice(from, to) };
}

function buildCells(tokens: Token[], columns: ColumnDef[]): Cell[] {
  return tokens.map((t, index) => {
    const column = columns[index];
    if (t.shape === 'empty' || t.shape === 'dash') {
      return { column, kind: 'blank', value: null, raw: t.text, span: { start: t.start, end: t.end } };
    }
    const parsed = parseValue(t.text, column);
    return { column, kind: parsed.ok ? 'number' : 'invalid', value: parsed.value, raw: t.text, span: { start: t.start, end: t.end } };
  });
}

// ---------------------------------------------------------------------------------------------
// Tables

function versionFromMarkers(kind: TableKind, key: string): { version?: FormatVersion; evidence?: string } {
  const def = tableDef(kind);
  for (const version of ['2021', '2019'] as FormatVersion[]) {
    const marker = def.versionMarkers[version].find((m) => key.includes(matchKey(m)));
    if (marker) return { version, evidence: `header "${marker}"` };
  }
  return {};
}

function layoutOf(layouts: Set<Layout>): Layout {
  if (layouts.size === 0) return 'cell-per-line';
  if (layouts.size === 1) return [...layouts][0];
  const real = [...layouts].filter((l) => l !== 'cell-per-line' && l !== 'pipe-cells');
  if (real.length === 1) return real[0];
  if (layouts.has('pipe-cells') && real.length === 0) return 'pipe-cells';
  return 'mixed';
}

function readTable(lines: LineIndex, region: Region, reportYear: number | undefined): Table {
  const tokens: Token[] = [];
  const layouts = new Set<Layout>();
  for (const line of region.lines) {
    const layout = tokenizeLine(lines, line, tokens);
    if (layout) layouts.add(layout);
  }
  const def = tableDef(region.kind);
  const firstLine = region.lines.find((l) => lines.lineText(l).trim().length > 0) ?? region.lines[0];
  const lastLine = region.lines[region.lines.length - 1];
  const span = { start: lines.lineStart(firstLine), end: lines.lineEnd(lastLine) };
  const firstText = tokens.find((t) => t.shape === 'text');
  const captionSpan = firstText ? { start: firstText.start, end: firstText.end } : { start: span.start, end: span.start };
  const table: Table = {
    kind: region.kind,
    span,
    caption: def.caption,
    captionSpan,
    columns: [],
    rows: [],
    cutOff: false,
    problems: [],
    layout: layoutOf(layouts),
  };
  if (region.kind === 'review') readReview(table, tokens);
  else readRows(table, tokens, reportYear);
  const complete = isComplete(table);
  table.cutOff = region.reachedEnd && !complete;
  if (table.cutOff) {
    const at = tokens.length ? tokens[tokens.length - 1].end : span.end;
    table.problems = table.problems.filter((p) => p.kind !== 'too-few-values' || p.span.end < at);
    table.problems.push({ kind: 'cut-off', span: { start: at, end: at } });
  }
  return table;
}

function isComplete(table: Table): boolean {
  if (table.kind === 'review') return table.rows.length === 1 && table.rows[0].cells.length === table.columns.length;
  const expected = expectedRows(table);
  const present = new Set(table.rows.filter((r) => r.cells.length === table.columns.length).map((r) => r.def.id));
  return expected.every((r) => present.has(r.id));
}

export function expectedRows(table: Table): RowDef[] {
  const version = table.version ?? '2021';
  if (table.kind === 'requests') return requestDataRows(version);
  if (table.kind === 'review') return tableDef('review').rows;
  return tableDef(table.kind).rows.filter((r) => r.versions.includes(version));
}

function readReview(table: Table, tokens: Token[]): void {
  table.columns = tableDef('review').columns['2021'];
  table.version = undefined;
  const values = tokens.filter((t) => t.shape !== 'text');
  const texts = tokens.filter((t) => t.shape === 'text');
  if (values.filter((t) => t.shape !== 'empty').length === 0 && values.length === 0) return;
  const { cells, problem } = assignCells(values, table.columns.length);
  const label = texts[0];
  const def = tableDef('review').rows[0];
  const rowCells = buildCells(cells, table.columns);
  const first = rowCells[0]?.span.start ?? table.captionSpan.start;
  const last = rowCells[rowCells.length - 1]?.span.end ?? table.captionSpan.end;
  table.rows.push({
    def,
    label: label ? label.text : def.label,
    labelSpan: label ? { start: label.start, end: label.end } : { start: first, end: first },
    cells: rowCells,
    span: { start: Math.min(first, label?.start ?? first), end: last },
  });
  if (problem) table.problems.push({ kind: problem, span: { start: first, end: last }, row: def, expected: table.columns.length, found: cells.length });
}

function readRows(table: Table, tokens: Token[], reportYear: number | undefined): void {
  const def = tableDef(table.kind);
  const candidates = table.kind === 'requests' ? REQUEST_ROWS : def.rows;
  const matcher = new LabelMatcher(candidates);
  const textKey = matchKey(tokens.filter((t) => t.shape === 'text').map((t) => t.text).join(''));
  const marked = versionFromMarkers(table.kind, textKey);

  const pendingRows: PendingRow[] = [];
  const orphans: Token[][] = [];
  let pendingText: Token[] = [];
  let current: PendingRow | undefined;
  const matched = new Set<string>();
  let previousDef: RowDef | undefined;

  const startRow = (match: LabelMatch) => {
    current = { match, values: [], filled: 0 };
    pendingRows.push(current);
    matched.add(match.def.id);
    previousDef = match.def;
    pendingText = [];
  };

  for (const t of tokens) {
    if (t.shape === 'text') {
      const resolvedAlone = pendingText.length > 0 ? matcher.match(pendingText, previousDef, matched) : undefined;
      if (resolvedAlone && !resolvedAlone.def.group && t.delimited && continuesAsValue(t, pendingText, matcher, previousDef, matched)) {
        // "行政许可 | XX | 0": text where the row's first number belongs.
        startRow(resolvedAlone);
        current!.values.push(t);
        current!.filled++;
        continue;
      }
      if (current && pendingText.length === 0 && current.filled > 0 && t.delimited && !opensLabel(t)) {
        // Text among a row's values: an invalid cell, unless it begins the next label.
        const columns = columnsFor(table, marked.version, reportYear, current.match.def);
        if (current.filled < columns && !matcher.match([t], previousDef, matched)) {
          current.values.push(t);
          current.filled++;
          continue;
        }
      }
      pendingText.push(t);
      continue;
    }
    if (pendingText.length > 0) {
      const match = matcher.match(pendingText, previousDef, matched, t.shape !== 'empty');
      if (match) startRow(match);
      else if (t.shape !== 'empty') {
        // Values under text that names no row: a row the format does not have.
        current = undefined;
        orphans.push([...pendingText, t]);
        pendingText = [];
        continue;
      }
    }
    if (current) {
      current.values.push(t);
      if (t.shape !== 'empty') current.filled++;
    } else if (t.shape !== 'empty' && orphans.length > 0) orphans[orphans.length - 1].push(t);
  }
  // A label at the very end with no cells after it ("行政事業性收費 | |||||") is a row with every cell missing.
  const trailing = pendingText.length > 0 ? matcher.match(pendingText, previousDef, matched) : undefined;
  if (trailing && !trailing.def.group) startRow(trailing);

  // Version: from the table's own rows first (the （六） rows of table 三), then its header words.
  let version = marked.version;
  let evidence = marked.evidence;
  if (table.kind === 'requests') {
    const items = pendingRows.some((r) => r.match.def.id.startsWith('otherHandling') && r.match.def.id !== 'otherHandling');
    const single = pendingRows.find((r) => r.match.def.id === 'otherHandling' && r.values.some((v) => v.shape !== 'empty' || v.explicit));
    if (items) { version = '2021'; evidence = '（六）其他处理 has items 1–3'; }
    else if (single) { version = '2019'; evidence = '（六）其他处理 is one data row'; }
  } else if (!version) {
    // No header: the number of values per row tells 2021 (one) from 2019 (three) in (五)/(六).
    const counts = pendingRows.map((r) => r.values.filter((v) => v.shape !== 'empty').length);
    const columns2019 = def.columns['2019'].length;
    const columns2021 = def.columns['2021'].length;
    if (columns2019 !== columns2021 && counts.length > 0) {
      if (counts.every((c) => c === columns2019)) { version = '2019'; evidence = `${columns2019} values per row`; }
      else if (counts.every((c) => c === columns2021)) { version = '2021'; evidence = `${columns2021} value per row`; }
    }
    if (pendingRows.some((r) => r.match.def.versions.length === 1)) {
      version = pendingRows.find((r) => r.match.def.versions.length === 1)!.match.def.versions[0];
      evidence = 'rows';
    }
  }
  table.version = version;
  table.versionEvidence = evidence;
  const effective: FormatVersion = version ?? formatOfYear(reportYear);
  table.columns = def.columns[effective];
  const dataIds = new Set(table.kind === 'requests' ? requestDataRows(effective).map((r) => r.id) : def.rows.map((r) => r.id));

  const seen = new Set<string>();
  for (const pending of pendingRows) {
    for (const inner of pending.match.innerGlued) {
      table.problems.push({ kind: 'glued-digits', span: inner.span, text: inner.raw, label: inner.label });
    }
    const rowDef = pending.match.def;
    const hasNumbers = pending.values.some((v) => v.shape !== 'empty');
    const isGroup = rowDef.group || !dataIds.has(rowDef.id);
    if (isGroup) {
      if (hasNumbers) {
        const first = pending.values.find((v) => v.shape !== 'empty')!;
        const last = pending.values[pending.values.length - 1];
        table.problems.push({ kind: 'unknown-row', span: { start: first.start, end: last.end }, row: rowDef, text: pending.match.label });
      }
      if (pending.match.glued) table.problems.push({ kind: 'glued-digits', span: pending.match.glued.span, row: rowDef, text: pending.match.glued.raw, label: pending.match.label });
      continue;
    }
    if (seen.has(rowDef.id)) {
      table.problems.push({ kind: 'duplicate-row', span: pending.match.labelSpan, row: rowDef, text: pending.match.label });
      continue;
    }
    seen.add(rowDef.id);
    const columnCount = table.columns.length;
    let values = pending.values;
    let glued = pending.match.glued;
    let gluedCell: Token | undefined;
    if (glued && values.filter((v) => v.shape !== 'empty').length === columnCount - 1) {
      // "3.危及“三安全一稳定”0 | 0 | …" with one number short: the glued digits are the first cell.
      gluedCell = { text: glued.raw, start: glued.span.start, end: glued.span.end, line: 0, shape: 'number', explicit: true, delimited: true };
      values = [gluedCell, ...values];
    }
    const { cells, problem } = assignCells(values, columnCount);
    const row: Row = {
      def: rowDef,
      label: pending.match.label,
      labelSpan: pending.match.labelSpan,
      cells: buildCells(cells, table.columns),
      span: { start: pending.match.labelSpan.start, end: Math.max(pending.match.labelSpan.end, ...cells.map((c) => c.end)) },
    };
    if (gluedCell) {
      row.cells[0].gluedToLabel = true;
      glued = undefined;
    }
    if (glued) row.gluedDigits = glued;
    if (pending.match.mismatch) row.labelMismatch = true;
    if (pending.match.alias && rowDef.labels && rowDef.labels[effective] !== pending.match.alias) row.labelMismatch = true;
    table.rows.push(row);
    if (problem) {
      const from = cells[0]?.start ?? row.labelSpan.end;
      const to = cells[cells.length - 1]?.end ?? row.labelSpan.end;
      table.problems.push({
        kind: problem,
        span: problem === 'too-many-values' ? spanOfExtra(values, columnCount) ?? { start: from, end: to } : { start: row.labelSpan.start, end: Math.max(to, row.labelSpan.end) },
        row: rowDef,
        expected: columnCount,
        found: values.filter((v) => v.shape !== 'empty').length,
      });
      if (problem !== 'too-many-values') row.cells = [];
    }
  }
  for (const orphan of orphans) {
    const numbers = orphan.filter((t) => t.shape === 'number');
    if (numbers.length === 0) continue;
    const texts = orphan.filter((t) => t.shape === 'text');
    table.problems.push({
      kind: 'unknown-row',
      span: { start: (texts[texts.length - 1] ?? numbers[0]).start, end: numbers[numbers.length - 1].end },
      text: abbreviate(texts.map((t) => t.text).join('')),
    });
  }
}

function abbreviate(text: string): string {
  return text.length > 24 ? text.slice(0, 24) + '…' : text;
}

function spanOfExtra(values: Token[], columnCount: number): Span | undefined {
  const filled = values.filter((v) => v.shape !== 'empty');
  const extra = filled.slice(columnCount);
  if (extra.length === 0) return undefined;
  return { start: extra[0].start, end: extra[extra.length - 1].end };
}

function columnsFor(table: Table, version: FormatVersion | undefined, reportYear: number | undefined, row: RowDef): number {
  if (table.kind === 'requests') return 7;
  const def = tableDef(table.kind);
  const effective = version ?? (row.versions.length === 1 ? row.versions[0] : formatOfYear(reportYear));
  return def.columns[effective].length || def.columns['2019'].length;
}

/** A text cell right after a complete label is a value cell if it does not extend or start a label. */
function continuesAsValue(t: Token, pending: Token[], matcher: LabelMatcher, previous: RowDef | undefined, matched: ReadonlySet<string>): boolean {
  if (opensLabel(t)) return false;
  if (matcher.match([t], previous, matched)) return false;
  const tail = pending.slice(-MAX_LABEL_TOKENS);
  if (matcher.match([...tail, t], previous, matched)) return false;
  const key = matchKey(tail.map((p) => p.text).join(''));
  if ((key.match(/\(/g)?.length ?? 0) > (key.match(/\)/g)?.length ?? 0)) return false;
  // Header words after a label never happen in a data row; a short token of letters or 件/条 does.
  return /^[^\u4e00-\u9fff]*$/.test(t.text) || /^[xX×＊*某若干件条个]+$/.test(normalizeValue(t.text));
}

function opensLabel(t: Token): boolean {
  const text = t.text.normalize('NFKC');
  return /^[(（]/.test(text) || /^[一二三四五六七八九十]+[、.]/.test(text) || /^\d+[.、]/.test(text);
}

export function findTables(lines: LineIndex, sections: Section[], reportYear: number | undefined): { tables: Table[]; truncated: boolean } {
  const headingLines = new Set(sections.map((s) => lines.lineOf(s.headingSpan.start)));
  const regions = findRegions(lines, headingLines);
  const tables = regions.filter((r) => r.lines.length > 0).map((region) => readTable(lines, region, reportYear));
  const last = tables[tables.length - 1];
  return { tables, truncated: Boolean(last?.cutOff) };
}
