// The same tables written in every layout real reports arrive in. A table is given as data (kind,
// format, rows with their labels as written and their cells as written); the renderer writes it as
// a web page copies to text (tab rows, merged group cells, blank cells), as Word copies it (padded
// tab rows), pipe rows, Markdown, one cell per line, PDF text with rows broken across lines and page
// footers, and as a PDF→Markdown converter scrambles it (labels detached from their numbers, broken
// across lines, numbers without labels, a stray header row). Each layout is how real reports do it;
// none is how the parser happens to like it.
import { REQUEST_ROWS, tableDef, type FormatVersion, type TableKind } from '../../server/src/engine/format';

export const LAYOUTS = ['tabs-web', 'tabs-word', 'tabs-filled', 'pipes', 'markdown', 'cell-per-line', 'pdf-text', 'pdf-fullwidth', 'scrambled-markdown'] as const;
/** Layouts that lose what a cell is: read with fewer cells, never with an error the report lacks. */
export const LOSSY_LAYOUTS = ['spaces'] as const;
export type Layout = (typeof LAYOUTS)[number] | (typeof LOSSY_LAYOUTS)[number];

export interface RowData {
  id: string;
  /** The label as the report writes it. */
  label: string;
  /** Cell texts as written; '' for a blank cell. Fewer than the columns for a row the text cuts off. */
  cells: string[];
  /** How many leading cells are glued to the label ("规章000", "3.危及“三安全一稳定”0"). */
  glued?: number;
  /** Digits glued to the label that are no cell ("三、本年度办理结果0" style, on a data row). */
  gluedExtra?: string;
  /** Cells written as they are in every layout: a wrong 0 total stays 0, or its error would vanish. */
  pinned?: number[];
}

export interface TableData {
  kind: TableKind;
  version: FormatVersion;
  rows: RowData[];
  /** Rows the format does not have, with their numbers: written where they stood. */
  extraRows?: { after: string; label: string; cells: string[] }[];
  /** Digits glued to a group label ("三、本年度办理结果0"), by group row id. */
  groupGlued?: Record<string, string>;
  /** The text stops inside this table: nothing may follow it. */
  cutOff?: boolean;
}

/** One logical line of a table: header cells, or a data row's label parts and cells. */
interface Line {
  /** Group label cell in front of the row's own label (first row of a group only). */
  group?: string;
  label: string;
  cells: string[];
  header?: boolean;
  glued?: number;
  gluedExtra?: string;
  /** The row the text stops in. */
  last?: boolean;
  pinned?: number[];
}

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

const isResultRow = (id: string) => id === 'granted' || id === 'partial' || /^(withheld|unable|declined|otherHandling)\d?$/.test(id);
const innerGroup = (id: string) => /^(withheld|unable|declined|otherHandling)\d$/.exec(id)?.[1];

function groupLabel(id: string, table: TableData): string {
  const def = REQUEST_ROWS.find((r) => r.id === id)!;
  return def.ordinal + def.core + (table.groupGlued?.[id] ?? '');
}

/** The table as logical lines: caption and header lines, then one line per row, group labels attached to first rows. */
function logicalLines(table: TableData): Line[] {
  const def = tableDef(table.kind);
  const columns = def.columns[table.version];
  const lines: Line[] = [];
  if (table.kind === 'requests') {
    lines.push({ label: NOTE, cells: ['申请人情况'], header: true });
    lines.push({ label: '自然人', cells: ['法人或其他组织', '总计'], header: true });
    lines.push({ label: '商业企业', cells: ['科研机构', '社会公益组织', '法律服务机构', '其他'], header: true });
  } else if (table.kind === 'review') {
    lines.push({ label: '行政复议', cells: ['行政诉讼'], header: true });
    lines.push({ label: '结果维持', cells: ['结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉'], header: true });
    lines.push({ label: '结果维持', cells: ['结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'], header: true });
  } else {
    lines.push({ label: def.caption, cells: [], header: true });
    lines.push({ label: '信息内容', cells: columns.map((c) => c.label), header: true });
  }
  const opened = new Set<string>();
  const open = (id: string) => (opened.has(id) ? [] : (opened.add(id), [groupLabel(id, table)]));
  table.rows.forEach((row, index) => {
    const chain = table.kind !== 'requests' ? [] : [...(isResultRow(row.id) ? open('results') : []), ...(innerGroup(row.id) ? open(innerGroup(row.id)!) : [])];
    const last = table.cutOff && index === table.rows.length - 1;
    lines.push({ label: row.label, cells: row.cells, glued: row.glued, gluedExtra: row.gluedExtra, group: chain.join('\u0000') || undefined, last, pinned: row.pinned });
    // A row the format does not have keeps its numbers as written: blank, it would say nothing.
    for (const extra of table.extraRows ?? []) if (extra.after === row.id) lines.push({ label: extra.label, cells: extra.cells, pinned: extra.cells.map((_, i) => i) });
  });
  return lines;
}

/** A group label without digits glued to it ("三、本年度办理结果0" → "三、本年度办理结果"). */
const clean = (label: string) => label.replace(/\d+$/, '');
const groups = (line: Line) => (line.group ? line.group.split('\u0000') : []);
const zeroAsBlank = (cell: string) => (cell.trim() === '0' ? '' : cell);
const blankAsDash = (cell: string) => (cell.trim() === '' ? '—' : cell);

/** The label with its glued cells: "规章000", "3.危及“三安全一稳定”0". */
function labelWithGlue(line: Line): { label: string; cells: string[] } {
  const glued = line.glued ?? 0;
  return { label: line.label + (line.gluedExtra ?? '') + line.cells.slice(0, glued).join(''), cells: line.cells.slice(glued) };
}

export function renderTable(table: TableData, layout: Layout): string {
  const lines = logicalLines(table);
  const out: string[] = [];
  const isReview = table.kind === 'review';
  switch (layout) {
    case 'tabs-web':
      // A browser's copy: one field per cell element, a rowspan cell only in its first row, 0 and blank alike left blank.
      for (const line of lines) {
        const { label, cells } = labelWithGlue(line);
        const glued = line.glued ?? 0;
        const values = line.header ? cells : cells.map((c, i) => (line.pinned?.includes(i + glued) ? c : zeroAsBlank(c)));
        out.push([...groups(line), ...(isReview && !line.header ? [] : [label]), ...values].join('\t'));
      }
      break;
    case 'tabs-word':
      // Word's copy of a table: the group column is a field in every row, empty under a vertical merge.
      for (const line of lines) {
        const { label, cells } = labelWithGlue(line);
        if (line.header) out.push(['', label, ...cells].join('\t'));
        else if (isReview) out.push(cells.join('\t'));
        else out.push([groups(line).join(' '), label, ...cells].join('\t'));
      }
      break;
    case 'spaces':
      // A viewer or editor that turns each cell boundary into spaces: a blank cell only widens a gap.
      return renderTable(table, 'tabs-word').replace(/\t/g, '  ');
    case 'tabs-filled': {
      // An exporter that fills merged cells down: every row of a group repeats its group labels, in
      // fixed columns (the outer group, the inner group or an empty field, the label, the values).
      // The copies below a group's first row carry the label as the format writes it.
      let outer = '';
      let inner = '';
      for (const line of lines) {
        const { label, cells } = labelWithGlue(line);
        if (line.header || isReview) {
          out.push(isReview && !line.header ? cells.join('\t') : [label, ...cells].join('\t'));
          continue;
        }
        const opened = groups(line);
        const opensOuter = opened.some((g) => /^三、/.test(g));
        const opensInner = opened.some((g) => !/^三、/.test(g));
        if (opensOuter) outer = opened.find((g) => /^三、/.test(g))!;
        if (opensInner) inner = opened.find((g) => !/^三、/.test(g))!;
        else if (!/^\d/.test(line.label.normalize('NFKC'))) inner = '';
        if (/^(一|二|四)、|^（七）/.test(line.label)) [outer, inner] = ['', ''];
        out.push([opensOuter ? outer : clean(outer), opensInner ? inner : clean(inner), label, ...cells].join('\t'));
      }
      break;
    }
    case 'pipes':
      for (const line of lines) {
        const { label, cells } = labelWithGlue(line);
        const fields = isReview && !line.header ? cells : [...groups(line), label, ...cells];
        out.push(fields.map((c) => (c === '' ? ' ' : c)).join(' | ') + ' |');
      }
      break;
    case 'markdown': {
      let first = true;
      for (const line of lines) {
        const { label, cells } = labelWithGlue(line);
        const fields = isReview && !line.header ? cells : [...groups(line), label, ...cells];
        out.push(`| ${fields.join(' | ')} |`);
        if (first) out.push(`|${fields.map(() => '---').join('|')}|`);
        first = false;
      }
      break;
    }
    case 'cell-per-line':
      for (const line of lines) {
        const { label, cells } = labelWithGlue(line);
        if (!(isReview && !line.header)) out.push(...groups(line), label);
        out.push(...(line.header ? cells : cells.map(blankAsDash)));
      }
      break;
    case 'pdf-text': {
      // PDF text: a row's label and numbers on one line, long labels wrapped after the numbers, page footers inside.
      let count = 0;
      for (const line of lines) {
        const { label, cells } = labelWithGlue(line);
        const values = line.header ? cells : cells.map(blankAsDash);
        out.push(...groups(line));
        if (isReview && !line.header) out.push(values.join(' '));
        else if (!line.header && label.length > 18 && values.length > 0) {
          const cut = Math.floor(label.length / 2);
          out.push(`${label.slice(0, cut)} ${values.join(' ')}`, label.slice(cut));
        } else out.push([label, ...values].join(' '));
        if (++count === 14) out.push('- 3 -');
      }
      break;
    }
    case 'pdf-fullwidth':
      // PDF text from a font with full-width digits and cells set apart by ideographic spaces.
      for (const line of lines) {
        const { label, cells } = labelWithGlue(line);
        const values = (line.header ? cells : cells.map(blankAsDash)).map((c) => (line.header ? c : c.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))));
        out.push(...groups(line));
        out.push(isReview && !line.header ? values.join('\u3000') : [label, ...values].join('\u3000'));
      }
      break;
    case 'scrambled-markdown':
      out.push(...scrambled(table, lines));
      break;
  }
  return out.join('\n');
}

/**
 * What PDF→Markdown converters do to table 三 (and what they keep): a stray header row with the wrong
 * column names, the group label inside the first data row, long labels broken over two rows, and a
 * block of item labels with empty cells followed by their rows of numbers without labels. The rows
 * of numbers stay in the format's order.
 */
function scrambled(table: TableData, lines: Line[]): string[] {
  const out: string[] = [];
  const width = table.kind === 'review' ? 15 : tableDef(table.kind).columns[table.version].length;
  const blanks = Array(width).fill(' ');
  const md = (cells: string[]) => `| ${cells.join(' | ')} |`;
  // Converters keep captions as headings; the first header row comes out with made-up column names.
  if (table.kind === 'review') out.push('### 行政复议、行政诉讼');
  else if (table.kind !== 'requests') out.push(`### ${tableDef(table.kind).caption}`);
  out.push(md(['项目', ...Array.from({ length: width }, (_, i) => `数据${i + 1}`)]), `|${Array(width + 1).fill('---').join('|')}|`);
  if (table.kind !== 'requests') {
    for (const line of lines) {
      if (line.header) continue;
      const { label, cells } = labelWithGlue(line);
      out.push(md(table.kind === 'review' ? cells : [label, ...cells]));
    }
    return out;
  }
  let i = 0;
  const data = lines.filter((l) => !l.header);
  while (i < data.length) {
    const line = data[i];
    const outer = groups(line);
    // A block of items under （三）–（六）: their labels first, then their numbers.
    const block: Line[] = [line];
    if (outer.length > 0 && /^（[三四五六]）/.test(outer[outer.length - 1]) && !table.cutOff) {
      while (i + block.length < data.length && groups(data[i + block.length]).length === 0 && /^\d/.test(data[i + block.length].label)) block.push(data[i + block.length]);
    }
    if (block.length > 1 && block.every((l) => (l.glued ?? 0) === 0 && !l.gluedExtra && l.cells.length === width)) {
      out.push(md([outer.join(''), ...blanks]));
      for (const item of block) out.push(md([item.label, ...blanks]));
      for (const item of block) out.push(md(item.cells.map((c) => (c === '' ? ' ' : c))));
      i += block.length;
      continue;
    }
    const { label, cells } = labelWithGlue(line);
    const full = outer.join('') + label;
    // A label is broken over two rows, but never between it and digits glued to it.
    if (full.length > 20 && cells.length > 0 && !line.glued && !line.gluedExtra) {
      const cut = Math.floor(full.length * 0.6);
      out.push(md([full.slice(0, cut), ...cells.map((c) => (c === '' ? ' ' : c))]), md([full.slice(cut), ...blanks]));
    } else out.push(md([full, ...cells.map((c) => (c === '' ? ' ' : c))]));
    i++;
  }
  return out;
}
