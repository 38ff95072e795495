// Reading the tables: each region (regions.ts) becomes a Table of rows of cells. Lines whose text
// delimits their cells are read as grid rows (grid.ts), exactly; the others as a stream of cells
// whose rows are rebuilt from their labels (stream.ts), inferred. Rows of numbers without a label
// are placed by the format's order (align.ts) or left unread; what cannot be read is said, and the
// relations that depend on it are not checked.
import {
  formatOfYear,
  REQUEST_ROWS,
  requestDataRows,
  tableDef,
  type FormatVersion,
  type RowDef,
  type TableKind,
} from '../format';
import type { Layout, Row, Section, Table } from '../model';
import { LineIndex, matchKey } from '../text';
import type { Span } from '../types';
import { placeUnlabeled } from './align';
import { alignedCells, gridCells, streamCells, type Placed } from './columns';
import { gridLine, type GridLine } from './grid';
import { LabelMatcher, labelKey } from './labels';
import { findRegions, type Region } from './regions';
import { opensLabel, splitGridRow, type PendingRow, type RowState } from './rows';
import { StreamRows } from './stream';
import { isSkippedLine, tokenizeLine, type Token } from './tokens';
import { buildCells } from './values';

interface RegionLine {
  grid?: GridLine;
  tokens: Token[];
  layout?: Layout;
}

const MARKER_KEYS = new Map<string, string>();

function versionFromMarkers(kind: TableKind, key: string): { version?: FormatVersion; evidence?: string } {
  const def = tableDef(kind);
  const markerKey = (marker: string) => {
    let found = MARKER_KEYS.get(marker);
    if (found === undefined) MARKER_KEYS.set(marker, (found = matchKey(marker)));
    return found;
  };
  for (const version of ['2021', '2019'] as FormatVersion[]) {
    const marker = def.versionMarkers[version].find((m) => key.includes(markerKey(m)));
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

const MATCHERS = new Map<TableKind, LabelMatcher>();

/** One matcher per kind of table: its candidates and keys are the format's, the same for every report. */
function matcherFor(kind: TableKind): LabelMatcher {
  let matcher = MATCHERS.get(kind);
  if (!matcher) MATCHERS.set(kind, (matcher = new LabelMatcher(kind === 'requests' ? REQUEST_ROWS : tableDef(kind).rows)));
  return matcher;
}

function readLines(lines: LineIndex, region: Region): RegionLine[] {
  const read: RegionLine[] = region.lines.map((line) => {
    if (isSkippedLine(lines.lineText(line))) return { tokens: [] };
    const grid = gridLine(lines, line);
    if (grid) return { grid, tokens: grid.fields, layout: grid.layout };
    const tokens: Token[] = [];
    const layout = tokenizeLine(lines, line, tokens);
    return { tokens, layout };
  });
  addBlankLineCells(lines, region, read);
  return read;
}

/**
 * One cell per line with a blank line after every cell (corpus 114): there an empty cell is a line
 * of its own, so a run of k blank lines between two cells holds k − 1 empty cells. Read so only
 * where the rhythm is the region's rule (nearly every gap one blank line), never guessed elsewhere.
 */
function addBlankLineCells(lines: LineIndex, region: Region, read: RegionLine[]): void {
  const gaps: { at: number; blanks: number[] }[] = [];
  let blanks: number[] = [];
  let seenContent = false;
  read.forEach((entry, i) => {
    const text = lines.lineText(region.lines[i]);
    // A line of spaces only is where a cell's text begins and the excerpt stops (" " before " 0").
    const content = entry.tokens.length > 0 || entry.grid !== undefined || (text.length > 0 && text.trim().length === 0);
    if (!content) {
      if (text.length === 0) blanks.push(region.lines[i]);
      return;
    }
    if (seenContent) gaps.push({ at: i, blanks });
    seenContent = true;
    blanks = [];
  });
  const streamGaps = gaps.filter((g) => !read[g.at].grid);
  const single = streamGaps.filter((g) => g.blanks.length === 1).length;
  if (streamGaps.length < 8 || single < streamGaps.length * 0.75) return;
  for (const gap of streamGaps) {
    const empties: Token[] = gap.blanks.slice(1).map((line) => {
      const at = lines.lineStart(line);
      return { text: '', start: at, end: at, line, shape: 'empty', explicit: true, delimited: true, blankLine: true };
    });
    read[gap.at].tokens = [...empties, ...read[gap.at].tokens];
  }
}

/** The region's text tokens in order. A loop: flatMap is many times slower on Node 20. */
function textTokens(regionLines: RegionLine[]): Token[] {
  const texts: Token[] = [];
  for (const line of regionLines) {
    for (const t of line.tokens) {
      if (t.shape !== 'text') continue;
      texts.push(t);
    }
  }
  return texts;
}

/**
 * A region read into a table. Nothing outside its lines changes how it reads, and nothing in it
 * depends on where the region sits: a session moves a table it read to wherever the same text goes.
 */
export function readTable(lines: LineIndex, region: Region, reportYear: number | undefined): Table {
  const regionLines = readLines(lines, region);
  const layouts = new Set(regionLines.map((l) => l.layout).filter((l): l is Layout => l !== undefined));
  const def = tableDef(region.kind);
  const firstLine = region.lines.find((l) => lines.lineText(l).trim().length > 0) ?? region.lines[0];
  const lastLine = region.lines[region.lines.length - 1];
  const span = { start: lines.lineStart(firstLine), end: lines.lineEnd(lastLine) };
  const texts = textTokens(regionLines);
  const firstText = texts[0];
  // The region's text cells as one key: labels anywhere in it, and the header words that tell the format.
  const textKey = matchKey(texts.map((t) => t.text).join(''));
  const captionSpan = firstText ? { start: firstText.start, end: firstText.end } : { start: span.start, end: span.start };
  const table: Table = {
    kind: region.kind,
    format: formatOfYear(reportYear),
    span,
    caption: def.caption,
    captionSpan,
    columns: [],
    rows: [],
    cutOff: false,
    labelsSeen: labelsIn(region.kind, textKey),
    problems: [],
    layout: layoutOf(layouts),
  };
  if (region.kind === 'review') readReview(table, regionLines);
  else readRows(table, regionLines, reportYear, textKey);
  if (region.reachedEnd) dropCellsPastTheEnd(table);
  const complete = isComplete(table);
  table.cutOff = region.reachedEnd && !complete;
  if (table.cutOff) {
    // Where the text stops: the end of its last written line (a line of spaces is where a cell began).
    const lastWritten = [...region.lines].reverse().find((l) => lines.lineText(l).length > 0) ?? firstLine;
    const at = lines.lineEnd(lastWritten);
    // The row the text stops in keeps the cells written before the cut, in their columns; that it
    // has too few is the cut, not the report's fault.
    const last = table.rows.reduce<Row | undefined>((found, row) => (!found || row.labelSpan.start > found.labelSpan.start ? row : found), undefined);
    const atCut = (p: Table['problems'][number]) => p.kind === 'too-few-values' && last !== undefined && p.row?.id === last.def.id;
    for (const problem of table.problems) if (atCut(problem) && problem.partial) last!.cells = problem.partial;
    table.problems = table.problems.filter((p) => !atCut(p));
    table.problems.push({ kind: 'cut-off', span: { start: at, end: at } });
  }
  return table;
}

/**
 * Blank cells a row has no field for are read as blank when the row's trailing tabs were lost; but
 * where the text itself ends in that row, the cells after the end are not written at all: cut off.
 */
function dropCellsPastTheEnd(table: Table): void {
  const last = table.rows.reduce<Row | undefined>((found, row) => (!found || row.span.end > found.span.end ? row : found), undefined);
  if (last && last.cells.some((c) => c.synthetic)) last.cells = last.cells.filter((c) => !c.synthetic);
}

/** The keys each row of a table is recognised by in its text, built once per table kind. */
const LABEL_KEYS = new Map<TableKind, { id: string; keys: string[]; needsOrdinal: boolean }[]>();

function labelKeys(kind: TableKind) {
  let found = LABEL_KEYS.get(kind);
  if (!found) {
    found = (kind === 'review' ? [] : tableDef(kind).rows).map((def) => ({
      id: def.id,
      keys: [def.needsOrdinal ? `${def.needsOrdinal}${def.core}` : def.core, ...(def.aliases ?? []).map(matchKey)],
      needsOrdinal: Boolean(def.needsOrdinal),
    }));
    LABEL_KEYS.set(kind, found);
  }
  return found;
}

/** Rows whose label appears in the text cells' key, so a label a converter scrambled is never called missing. */
function labelsIn(kind: TableKind, key: string): Set<string> {
  let withoutParentheses: string | undefined;
  const seen = new Set<string>();
  for (const { id, keys, needsOrdinal } of labelKeys(kind)) {
    const searched = needsOrdinal ? (withoutParentheses ??= key.replace(/[()]/g, '')) : key;
    if (keys.some((k) => searched.includes(k))) seen.add(id);
  }
  return seen;
}

function isComplete(table: Table): boolean {
  if (table.kind === 'review') return table.rows.length === 1 && table.rows[0].cells.length === table.columns.length;
  const expected = expectedRows(table);
  const present = new Set(table.rows.filter((r) => r.cells.length === table.columns.length).map((r) => r.def.id));
  return expected.every((r) => present.has(r.id));
}

export function expectedRows(table: Table): RowDef[] {
  const version = table.format;
  if (table.kind === 'requests') return requestDataRows(version);
  if (table.kind === 'review') return tableDef('review').rows;
  return tableDef(table.kind).rows.filter((r) => r.versions.includes(version));
}

// ---------------------------------------------------------------------------------------------
// Table 四: one row of fifteen numbers, often without a label, sometimes split in three blocks.

function readReview(table: Table, regionLines: RegionLine[]): void {
  table.columns = tableDef('review').columns['2021'];
  table.version = undefined;
  const columnCount = table.columns.length;
  const def = tableDef('review').rows[0];
  const texts = textTokens(regionLines);
  // A delimited row holding all fifteen cells is read as written; otherwise the values of the whole
  // region are pooled, as when the three blocks sit under three headers.
  const valued = regionLines.filter((l) => l.grid && l.grid.fields.some((f) => f.shape === 'number' || f.shape === 'dash'));
  const rowsWithValues = valued.length > 0 ? valued : regionLines.filter((l) => l.grid && l.grid.fields.length >= columnCount && l.grid.fields.every((f) => f.shape === 'empty'));
  let placed: Placed | undefined;
  let reading: Row['reading'] = { certainty: 'inferred', how: 'stream' };
  if (rowsWithValues.length === 1) {
    const fields = rowsWithValues[0].grid!.fields;
    const valuesFrom = fields.findIndex((f) => f.shape === 'number' || f.shape === 'dash' || f.shape === 'empty');
    const grid = gridCells(fields.slice(Math.max(0, valuesFrom)), columnCount);
    if (!grid.problem) {
      placed = grid;
      reading = { certainty: 'exact' };
    }
  }
  if (!placed) {
    const tokens = regionLines.flatMap((l) => (l.grid ? l.grid.fields : l.tokens));
    const values = tokens.filter((t) => t.shape !== 'text');
    if (values.length === 0) return;
    // Pooled values are in their columns' order only if header text never cuts a block of five
    // apart (a PDF's column-wise text interleaves "总计 72 64 178 37 结果 …": never read as a row).
    if (!blockAligned(tokens, columnCount / 3)) {
      const span = { start: values[0].start, end: values[values.length - 1].end };
      table.problems.push({ kind: 'scrambled-values', span, row: def, found: values.filter((v) => v.shape !== 'empty').length, expected: columnCount });
      return;
    }
    placed = streamCells(values, columnCount);
  }
  const { cells, problem } = placed;
  const label = texts[0];
  // Too few values, or blanks that cannot be placed: which column each value is in is unknown.
  const unplaceable = problem === 'too-few-values' || problem === 'ambiguous-blanks';
  const rowCells = unplaceable ? [] : buildCells(cells, table.columns);
  const first = rowCells[0]?.span.start ?? table.captionSpan.start;
  const last = rowCells[rowCells.length - 1]?.span.end ?? table.captionSpan.end;
  table.rows.push({
    def,
    label: label ? label.text : def.label,
    labelSpan: label ? { start: label.start, end: label.end } : { start: first, end: first },
    cells: rowCells,
    span: { start: Math.min(first, label?.start ?? first), end: last },
    reading,
  });
  if (problem) {
    const span = { start: cells[0]?.start ?? first, end: cells[cells.length - 1]?.end ?? last };
    table.problems.push({ kind: problem, span, row: def, expected: columnCount, found: cells.length, ...(unplaceable ? { partial: buildCells(cells, table.columns) } : {}) });
  }
}

/** Every run of written values between pieces of text starts at a block's first column. */
function blockAligned(tokens: Token[], block: number): boolean {
  let count = 0;
  let inRun = false;
  for (const t of tokens) {
    if (t.shape === 'text') {
      inRun = false;
      continue;
    }
    // Blank cells neither count nor break a run: in one-cell-per-line layouts a lone "|" may be either.
    if (t.shape === 'empty') continue;
    if (!inRun && count % block !== 0) return false;
    inRun = true;
    count++;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Tables 二 and 三: rows found by their labels.

function readRows(table: Table, regionLines: RegionLine[], reportYear: number | undefined, textKey: string): void {
  const def = tableDef(table.kind);
  const matcher = matcherFor(table.kind);
  const marked = versionFromMarkers(table.kind, textKey);
  const state: RowState = { rows: [], unlabeled: [], detached: [], orphans: [], matched: new Set(), parents: new Set() };
  const headerWords = headerWordsOf(table.kind);
  const stream = new StreamRows(matcher, state, (row) => columnsFor(table, marked.version, reportYear, row), headerWords);

  for (const line of regionLines) {
    const grid = line.grid && readGridRow(line.grid, matcher, state, stream);
    if (grid) continue;
    for (const t of line.tokens) stream.push(t);
  }
  stream.finish();

  const { version, evidence } = decideVersion(table, state.rows, marked);
  table.version = version;
  table.versionEvidence = evidence;
  const effective: FormatVersion = version ?? formatOfYear(reportYear);
  table.format = effective;
  table.columns = def.columns[effective];
  const dataRows = table.kind === 'requests' ? requestDataRows(effective) : def.rows.filter((r) => r.versions.includes(effective));
  const dataIds = new Set(table.kind === 'requests' ? dataRows.map((r) => r.id) : def.rows.map((r) => r.id));

  const unplacedLabels = new Set<string>();
  for (const unplaced of placeUnlabeled(state, dataRows)) {
    const values = unplaced.rows.flatMap((r) => r.fields).filter((f) => f.shape !== 'empty');
    for (const def of unplaced.labels) unplacedLabels.add(def.id);
    table.problems.push({
      kind: 'unplaced-values',
      span: { start: values[0]?.start ?? table.captionSpan.start, end: values[values.length - 1]?.end ?? table.captionSpan.end },
      found: unplaced.rows.length,
      rows: unplaced.labels,
    });
  }

  const columnsByShape = fullRowColumns(state.rows, table.columns.length);
  const seen = new Set<string>();
  for (const pending of state.rows) addRow(table, pending, effective, dataIds, seen, columnsByShape);
  distrustStreamInColumnOrder(table);
  for (const id of labelsWithTypo(regionLines, matcher, dataRows, table.rows, table.labelsSeen)) table.labelsSeen.add(id);
  // Numbers under text that names no row show labels broken up (a narrow column wrapped in PDF text,
  // its pieces interleaved with the group column's): a row whose words are there in order is there.
  const scrambled = state.orphans.some((orphan) => orphan.some((t) => t.shape === 'number'));
  if (scrambled) for (const r of dataRows) if (r.core.length >= 6 && !seen.has(r.id) && !table.labelsSeen.has(r.id) && wordsInOrder(textKey, labelKey(r))) table.labelsSeen.add(r.id);
  // A row whose label is in the text but whose cells were not read is said, never called missing.
  const unread = dataRows.filter(
    (r) => table.labelsSeen.has(r.id) && !seen.has(r.id) && !state.parents.has(r.id) && !unplacedLabels.has(r.id) && !table.problems.some((p) => p.row?.id === r.id),
  );
  if (unread.length > 0) table.problems.push({ kind: 'unread-rows', span: table.captionSpan, rows: unread });
  for (const orphan of state.orphans) {
    const numbers = orphan.filter((t) => t.shape === 'number');
    if (numbers.length === 0) continue;
    // Its own label starts at the last ordinal: group labels in front of it ("（六）其他处理⇥3.其") are not part of it.
    const allTexts = orphan.filter((t) => t.shape === 'text');
    let own = allTexts.length - 1;
    while (own > 0 && !opensLabel(allTexts[own])) own--;
    const texts = own > 0 ? allTexts.slice(own) : allTexts;
    // The first piece of a broken-up label of a row not read ("1.属于" of "1.属于国家秘密") is said with that row.
    const key = matchKey(texts.map((t) => t.text).join(''));
    if (scrambled && dataRows.some((r) => !seen.has(r.id) && key.length >= matchKey(r.ordinal).length && labelKey(r).startsWith(key))) continue;
    const span = { start: (texts[texts.length - 1] ?? numbers[0]).start, end: Math.max(...orphan.map((t) => t.end)) };
    // Numbers under the table's own header words ("本年废止件数"): text in column order, not a row the format lacks.
    if (headerWords.some((words) => words.length >= 4 && key.includes(words))) {
      const said = table.problems.find((p) => p.kind === 'unplaced-values' && p.rows?.length === 0);
      if (said) said.found = (said.found ?? 0) + 1;
      else table.problems.push({ kind: 'unplaced-values', span, found: 1, rows: [] });
      continue;
    }
    table.problems.push({
      kind: 'unknown-row',
      span,
      text: abbreviate(texts.map((t) => t.text).join('')),
    });
  }
}

/**
 * Whether `words` occur in `key` in order, all within four times their length: a label a narrow
 * column broke into pieces.
 */
function wordsInOrder(key: string, words: string): boolean {
  if (key.length > 50_000) return false;
  const window = words.length * 4;
  for (let start = key.indexOf(words[0]); start >= 0; start = key.indexOf(words[0], start + 1)) {
    let at = start;
    let found = 1;
    while (found < words.length) {
      const next = key.indexOf(words[found], at + 1);
      if (next < 0 || next - start > window) break;
      at = next;
      found++;
    }
    if (found === words.length) return true;
  }
  return false;
}

/**
 * A row rebuilt from a stream with several times the numbers a row has ("1.申请人无正当理由… 119
 * numbers") shows text written column by column, not row by row: no row of that stream is trusted.
 */
function distrustStreamInColumnOrder(table: Table): void {
  const columnOrder = table.problems.some((p) => p.kind === 'too-many-values' && p.inferred && (p.found ?? 0) > 2 * (p.expected ?? Infinity));
  if (!columnOrder) return;
  const streamRows = table.rows.filter((r) => r.reading.certainty === 'inferred' && r.cells.length > 0);
  if (streamRows.length === 0) return;
  for (const row of streamRows) row.cells = [];
  table.problems.push({ kind: 'scrambled-values', span: table.captionSpan });
}

/** Header words above the columns: table 三's group header, and table 二's first column. */
const HEADER_GROUP_WORDS = ['申请人情况', '法人或其他组织', '信息内容'];

/** A table kind's header words as keys (every format's column labels and the group headers), built once per kind. */
const HEADER_WORDS = new Map<TableKind, string[]>();

function headerWordsOf(kind: TableKind): string[] {
  let found = HEADER_WORDS.get(kind);
  if (!found) {
    found = [...Object.values(tableDef(kind).columns).flat().map((c) => matchKey(c.label)), ...HEADER_GROUP_WORDS];
    HEADER_WORDS.set(kind, found);
  }
  return found;
}

/** Longer than any label with its note: prose, not a label. */
const MAX_TYPO_LABEL = 120;

/**
 * Rows not read whose label is there with a typo ("1.信访举报投诉申请"), a line of its own between the
 * rows around it: in a layout that cannot tell blank cells (a .doc, one cell per line) such a row
 * has no values to anchor it, but it is there and must not be called missing.
 */
function labelsWithTypo(regionLines: RegionLine[], matcher: LabelMatcher, dataRows: RowDef[], rows: Row[], labelsSeen: ReadonlySet<string>): string[] {
  const matched = new Set([...rows.map((r) => r.def.id), ...labelsSeen]);
  if (dataRows.every((r) => matched.has(r.id))) return [];
  const found: string[] = [];
  for (const t of textTokens(regionLines)) {
    if (t.text.length > MAX_TYPO_LABEL || !opensLabel(t)) continue;
    // The rows expected next are those after the last row read before it.
    const previous = rows.reduce<Row | undefined>((last, r) => (r.labelSpan.start < t.start && (!last || r.labelSpan.start > last.labelSpan.start) ? r : last), undefined)?.def;
    const match = matcher.match([t], previous, matched, true);
    if (!match || match.def.group || matched.has(match.def.id)) continue;
    found.push(match.def.id);
    matched.add(match.def.id);
  }
  return found;
}
/**
 * A delimited line that is a row of the table: its label cells and values become a row (or an
 * unlabeled row of numbers). Returns false for lines that are not rows (headers, captions, a label
 * whose values follow on the next lines), which the stream reads instead.
 */
function readGridRow(grid: GridLine, matcher: LabelMatcher, state: RowState, stream: StreamRows): boolean {
  const split = splitGridRow(grid.fields, matcher, state.previous);
  const valued = split.values.some((f) => f.shape === 'number' || f.shape === 'dash');
  if (!valued && stream.completeOrphan(grid.fields.filter((f) => f.shape === 'text'))) return true;
  if (!split.match && split.labels.length > 0 && valued) split.match = stream.labelContinuedBy(split.labels);
  const dataLabel = split.match && !split.match.def.group;
  const blankRow = dataLabel && split.values.length > 0 && split.values.every((f) => f.shape === 'empty');
  if (!valued && !blankRow) {
    // A header row ("| 类别 | 数据1 | … | 总计 |", "信息内容⇥本年制发件数⇥…"): three or more cells of text, none
    // a row's label. Its words are no part of a label, and its digits ("数据1") are not glued values.
    const texts = grid.fields.filter((f) => f.shape === 'text');
    if (texts.length >= 3 && !split.match) {
      state.detached.push(...stream.interrupt());
      return true;
    }
    return false;
  }
  const pendingLabels = stream.interrupt();
  if (split.match) {
    state.detached.push(...pendingLabels);
    state.rows.push({ match: split.match, values: [], filled: 0, fields: split.values, shape: split.shape, reading: { certainty: 'exact' } });
    state.matched.add(split.match.def.id);
    state.previous = split.match.def;
    return true;
  }
  if (split.labels.length > 0) {
    // Values under text that names no row: a row the format does not have. A label just before it
    // heads it ("其他对外管理服务事项" over "行政检查"), with no values of its own.
    for (const label of pendingLabels) state.parents.add(label.def.id);
    stream.orphanRow(split.labels, split.values);
    return true;
  }
  const last = state.rows[state.rows.length - 1];
  const afterLabelsOnly = last !== undefined && !(last.fields ?? last.values).some((f) => f.shape !== 'empty');
  if (pendingLabels.length === 1 && !afterLabelsOnly) {
    // "（一）予以公开" on the line before its numbers (not the last of a block of labels written
    // before their numbers, which the rows before it, labels with blank cells, would show).
    const match = pendingLabels[0];
    state.rows.push({ match, values: [], filled: 0, fields: split.values, shape: split.shape, reading: { certainty: 'inferred', how: 'label-before' } });
    state.matched.add(match.def.id);
    state.previous = match.def;
    return true;
  }
  state.detached.push(...pendingLabels);
  // Dashes alone under no label are a converter's filler ("| - | - |"), not a row of values.
  // Blank cells before its first number are cells too ("|   | 0 | 17 |"): the table's width decides.
  if (split.values.some((f) => f.shape === 'number')) state.unlabeled.push({ fields: grid.fields, line: grid.line });
  return true;
}

function decideVersion(table: Table, rows: PendingRow[], marked: { version?: FormatVersion; evidence?: string }) {
  // Version: from the table's own rows first (the （六） rows of table 三), then its header words.
  let { version, evidence } = marked;
  const def = tableDef(table.kind);
  const cellsOf = (r: PendingRow) => r.fields ?? r.values;
  if (table.kind === 'requests') {
    const items = rows.some((r) => r.match.def.id.startsWith('otherHandling') && r.match.def.id !== 'otherHandling');
    const single = rows.find((r) => r.match.def.id === 'otherHandling' && cellsOf(r).some((v) => v.shape !== 'empty' || v.explicit));
    if (items) {
      version = '2021';
      evidence = '（六）其他处理 has items 1–3';
    } else if (single) {
      version = '2019';
      evidence = '（六）其他处理 is one data row';
    }
  } else if (!version) {
    // No header: the number of values per row tells 2021 (one) from 2019 (three) in (五)/(六).
    const counts = rows.map((r) => cellsOf(r).filter((v) => v.shape !== 'empty').length);
    const columns2019 = def.columns['2019'].length;
    const columns2021 = def.columns['2021'].length;
    if (columns2019 !== columns2021 && counts.length > 0) {
      if (counts.every((c) => c === columns2019)) {
        version = '2019';
        evidence = `${columns2019} values per row`;
      } else if (counts.every((c) => c === columns2021)) {
        version = '2021';
        evidence = `${columns2021} value per row`;
      }
    }
    const specific = rows.find((r) => r.match.def.versions.length === 1);
    if (specific) {
      version = specific.match.def.versions[0];
      evidence = 'rows';
    }
  }
  return { version, evidence };
}

/** Where the values start in delimited rows written in full, by row shape, where all rows of the shape agree. */
function fullRowColumns(rows: PendingRow[], columnCount: number): Map<string, number> {
  const starts = new Map<string, Set<number>>();
  for (const row of rows) {
    if (!row.fields || !row.shape) continue;
    const placed = gridCells(row.fields, columnCount);
    if (!placed.full || placed.from === undefined) continue;
    starts.set(row.shape, (starts.get(row.shape) ?? new Set()).add(placed.from));
  }
  const agreed = new Map<string, number>();
  for (const [shape, set] of starts) if (set.size === 1) agreed.set(shape, [...set][0]);
  return agreed;
}

function addRow(table: Table, pending: PendingRow, effective: FormatVersion, dataIds: Set<string>, seen: Set<string>, columnsByShape: Map<string, number>): void {
  for (const inner of pending.match.innerGlued) {
    table.problems.push({ kind: 'glued-digits', span: inner.span, text: inner.raw, label: inner.label });
  }
  const rowDef = pending.match.def;
  const written = pending.fields ?? pending.values;
  const hasNumbers = written.some((v) => v.shape !== 'empty');
  if (rowDef.group || !dataIds.has(rowDef.id)) {
    if (hasNumbers) {
      const first = written.find((v) => v.shape !== 'empty')!;
      const last = written[written.length - 1];
      // Numbers a stream put after a group label may be the next row's (column-wise PDF text): said, not an error.
      const inferred = pending.reading.certainty === 'inferred' ? { inferred: true } : {};
      table.problems.push({ kind: 'unknown-row', span: { start: first.start, end: last.end }, row: rowDef, text: pending.match.label, ...inferred });
    }
    if (pending.match.glued) table.problems.push({ kind: 'glued-digits', span: pending.match.glued.span, row: rowDef, text: pending.match.glued.raw, label: pending.match.label });
    return;
  }
  if (seen.has(rowDef.id)) {
    table.problems.push({ kind: 'duplicate-row', span: pending.match.labelSpan, row: rowDef, text: pending.match.label });
    return;
  }
  seen.add(rowDef.id);
  const columnCount = table.columns.length;
  let glued = pending.match.glued;
  let gluedCells: Token[] = [];
  let values = written;
  let rowIsFull = true;
  if (glued) {
    // "3.危及“三安全一稳定”0 | 0 | …" one number short: the glued digits are the first cell;
    // "规章000" with no number after it: three cells, when the digits split into them one way only.
    // A delimited row's fields are all cells, blank ones too; a stream row's blanks are not written.
    const present = pending.fields ? written.length : written.filter((v) => v.shape !== 'empty').length;
    // A stream row does not write its blank cells: beside other values, digits that would have to be
    // several cells ("（一）予以公开18 7 0 0 5 3" seven columns short of two) may as well be one cell
    // and a blank, so they are split only where they are the whole row or one cell.
    const missing = columnCount - present;
    if (pending.fields || present === 0 || missing === 1) gluedCells = splitGlued(glued, missing);
    rowIsFull = present >= columnCount;
    values = [...gluedCells, ...written];
  }
  let placed = pending.fields ? gridCells(values, columnCount) : streamCells(values, columnCount);
  let reading = pending.reading;
  if (placed.problem === 'ambiguous-blanks' && pending.fields && pending.shape && gluedCells.length === 0) {
    const aligned = alignedCells(values, columnCount, columnsByShape.get(pending.shape));
    if (!aligned.problem) {
      placed = aligned;
      reading = { certainty: 'inferred', how: 'columns' };
    }
  }
  const { cells } = placed;
  // Values after a wrapped label's last line may be any of the row's cells: the row is not read.
  const problem = placed.problem ?? (pending.afterWrap ? 'values-after-wrap' : undefined);
  const row: Row = {
    def: rowDef,
    label: pending.match.label,
    labelSpan: pending.match.labelSpan,
    cells: buildCells(cells, table.columns),
    span: { start: pending.match.labelSpan.start, end: Math.max(pending.match.labelSpan.end, ...cells.map((c) => c.end)) },
    reading,
  };
  if (gluedCells.length > 0 && row.cells.length > 0) {
    for (let i = 0; i < gluedCells.length; i++) row.cells[i].gluedToLabel = true;
    glued = undefined;
  }
  // Digits glued to a label are extra only beside a full row; beside a row short of cells they may
  // be its cells or not, and the row is unread (said by table-shape).
  if (glued && rowIsFull) row.gluedDigits = glued;
  if (pending.match.mismatch || pending.match.noteMismatch) row.labelMismatch = true;
  if (pending.match.wrapped) row.labelWrapped = true;
  if (pending.match.alias && rowDef.labels && rowDef.labels[effective] !== pending.match.alias) row.labelMismatch = true;
  table.rows.push(row);
  if (problem) {
    const from = cells[0]?.start ?? written[0]?.start ?? row.labelSpan.end;
    const to = cells[cells.length - 1]?.end ?? written[written.length - 1]?.end ?? row.labelSpan.end;
    table.problems.push({
      kind: problem,
      span: problem === 'too-many-values' ? spanOfExtra(values, columnCount) ?? { start: from, end: to } : { start: row.labelSpan.start, end: Math.max(to, row.labelSpan.end) },
      row: rowDef,
      expected: columnCount,
      // Digits glued to the label and left unsplit are a number the reader sees too.
      found: values.filter((v) => v.shape !== 'empty').length + (glued && gluedCells.length === 0 ? 1 : 0),
      // In a delimited row the count is the report's; in a rebuilt one it may be the reading's.
      ...(reading.certainty === 'inferred' ? { inferred: true } : {}),
    });
    if (problem === 'too-few-values') table.problems[table.problems.length - 1].partial = row.cells;
    // Which of too many numbers are the row's is never guessed: the row is left out.
    row.cells = [];
  }
}

/**
 * Glued digits as `count` cells, when they split into that many numbers in exactly one way
 * (no number but 0 itself starts with 0): "000" → 0 0 0, "120" into three → 1 2 0. None otherwise.
 */
function splitGlued(glued: { raw: string; span: Span }, count: number): Token[] {
  if (count < 1 || count > 15) return [];
  const digits = glued.raw;
  const splits: number[][] = [];
  const walk = (from: number, cuts: number[]) => {
    if (splits.length > 1) return;
    if (cuts.length === count - 1) {
      if (from < digits.length && (digits[from] !== '0' || from === digits.length - 1)) splits.push(cuts);
      return;
    }
    if (digits[from] === '0') {
      walk(from + 1, [...cuts, from + 1]);
      return;
    }
    for (let end = from + 1; end < digits.length; end++) walk(end, [...cuts, end]);
  };
  if (!/^\d+$/.test(digits)) return [];
  walk(0, []);
  if (splits.length !== 1) return [];
  const bounds = [0, ...splits[0], digits.length];
  return bounds.slice(0, -1).map((from, i) => {
    const start = glued.span.start + from;
    const end = glued.span.start + bounds[i + 1];
    return { text: digits.slice(from, bounds[i + 1]), start, end, line: 0, shape: 'number', explicit: true, delimited: true };
  });
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

/** Reads one region of the document into a table; a checking session passes one that reuses unchanged regions. */
export type RegionReader = (lines: LineIndex, region: Region, reportYear: number | undefined) => Table;

/** Where a region's text is: its lines run unbroken from the first to the last. */
export function regionSpan(lines: LineIndex, region: Region): Span {
  return { start: lines.lineStart(region.lines[0]), end: lines.lineEnd(region.lines[region.lines.length - 1]) };
}

export function findTables(
  lines: LineIndex,
  sections: Section[],
  reportYear: number | undefined,
  read: RegionReader = readTable,
): { tables: Table[]; truncated: boolean } {
  const headingLines = new Set(sections.map((s) => lines.lineOf(s.headingSpan.start)));
  const regions = findRegions(lines, headingLines);
  const tables = regions.filter((r) => r.lines.length > 0).map((region) => read(lines, region, reportYear));
  const last = tables[tables.length - 1];
  return { tables, truncated: Boolean(last?.cutOff) };
}
