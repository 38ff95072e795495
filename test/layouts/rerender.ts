// A real report re-rendered: its tables read by the parser, turned into the renderer's data (labels,
// cells and glued digits as written, rows the format does not have, labels without numbers) and
// written back into the report's own text in another layout.
import { checkText, type Finding, type Report } from '../../server/src/engine';
import { REQUEST_ROWS, tableDef } from '../../server/src/engine/format';
import type { Table } from '../../server/src/engine/model';
import { matchKey } from '../../server/src/engine/text';
import { renderTable, type Layout, type TableData } from './render';

/** The tables of a parsed report as the renderer's data: labels and cell texts as written. */
export function tablesOf(report: Report, findings: Finding[] = []): TableData[] {
  const arithmetic = findings.filter((f) => ['row-total', 'column-total', 'balance', 'review-total'].includes(f.rule)).map((f) => f.span.start);
  return report.tables.map((table) => ({
    kind: table.kind,
    version: table.version ?? (report.year !== undefined && report.year < 2021 ? '2019' : '2021'),
    cutOff: table.cutOff,
    rows: table.rows.map((row) => ({
      id: row.def.id,
      label: row.label || row.def.label,
      cells: row.cells.map((cell) => cell.raw),
      glued: row.cells.filter((c) => c.gluedToLabel).length || undefined,
      gluedExtra: row.gluedDigits?.raw,
      pinned: row.cells.flatMap((cell, i) => (arithmetic.includes(cell.span.start) ? [i] : [])),
    })),
    extraRows: extraRows(report, table),
    groupGlued: groupGlued(table),
  }));
}

/** Rows the format does not have (e.g. 行政检查 under 其他对外管理服务事项), with the numbers under them. */
function extraRows(report: Report, table: Table): TableData['extraRows'] {
  const read = new Set(table.rows.map((r) => r.def.id));
  const order = tableDef(table.kind).rows.map((r) => r.id);
  // Labels the text has without numbers read under them are written as such.
  const labelsOnly = tableDef(table.kind)
    .rows.filter((def) => table.labelsSeen.has(def.id) && !read.has(def.id) && !def.group)
    .map((def) => ({ after: table.rows.filter((r) => order.indexOf(r.def.id) < order.indexOf(def.id)).at(-1)?.def.id ?? '', label: def.label, cells: [] as string[] }));
  return [...labelsOnly, ...table.problems
    .filter((p) => p.kind === 'unknown-row' && !p.row)
    .map((p) => {
      const words = report.text.slice(p.span.start, p.span.end).split(/[\s|]+/).filter(Boolean);
      const cells = words.filter((w) => /^[\d.,]+$/.test(w));
      const after = table.rows.filter((r) => r.span.start < p.span.start).at(-1)?.def.id ?? '';
      return { after, label: words.filter((w) => !/^[\d.,]+$/.test(w)).join(''), cells };
    })];
}

function groupGlued(table: Table): Record<string, string> {
  const glued: Record<string, string> = {};
  for (const problem of table.problems) {
    if (problem.kind !== 'glued-digits' || problem.row || !problem.label) continue;
    const key = matchKey(problem.label);
    const group = REQUEST_ROWS.find((r) => r.group && key.endsWith(r.core));
    if (group) glued[group.id] = problem.text ?? '';
  }
  return glued;
}

/** The report's text with every table replaced by its rendering in `layout`. */
export function rerender(text: string, report: Report, layout: Layout): string {
  const data = tablesOf(report, checkText(text).findings);
  let out = '';
  let at = 0;
  report.tables.forEach((table, i) => {
    out += text.slice(at, table.span.start) + renderTable(data[i], layout);
    at = table.span.end;
  });
  return out + text.slice(at);
}
