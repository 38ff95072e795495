import type { RowDef } from '../format';
import type { ShapeProblemKind } from '../model';
import type { Check } from '../rule';
import { localized } from '../rule';
import { expectedRows } from '../parse/tables';
import { tableName } from './shared';

export const missingRow: Check = {
  id: 'missing-row',
  defaultSeverity: 'error',
  fixable: true,
  description: localized('表格中缺少格式规定的行。', 'A required row is absent from a table.'),
  messages: {
    missing: localized('{table}缺少“{row}”行。', 'The {table} lacks the row “{row}”.'),
    notFound: localized(
      '{table}中找不到“{row}”行；表中有无法确定读出的部分，此行可能在其中，请核对。',
      'The row “{row}” was not found in the {table}; part of the table could not be read with certainty and the row may be there: check it.',
    ),
  },
  check: function missingRow(context) {
    for (const table of context.report.tables) {
      if (table.cutOff || table.kind === 'review') continue;
      const expected = expectedRows(table);
      // A row whose label is anywhere in the table's text is there: if its cells could not be read,
      // that is a table-shape finding (what could not be read), never a missing row.
      const present = new Set([...table.rows.map((r) => r.def.id), ...table.labelsSeen]);
      for (const problem of table.problems) if (problem.row) present.add(problem.row.id);
      // Where part of the table could not be read, a row not found may be in that part: said, not an error.
      const uncertain = table.problems.some((p) => !READ_IN_FULL.has(p.kind));
      let previousEnd = table.captionSpan.end;
      for (const def of expected) {
        const row = table.rows.find((r) => r.def.id === def.id);
        if (row) {
          previousEnd = row.span.end;
          continue;
        }
        if (present.has(def.id)) continue;
        const line = context.report.lines.lineOf(previousEnd);
        const anchor = context.report.lines.lineEnd(line);
        const rowOnOneLine = table.layout === 'tabs' || table.layout === 'inline-pipes' || table.layout === 'markdown';
        const args = { table: tableName(table), row: label(def, table.version) };
        const span = { start: context.report.lines.lineStart(line), end: anchor };
        if (uncertain) {
          context.emit({ message: 'notFound', args, span, severity: 'warning' });
          continue;
        }
        context.emit({ message: 'missing', args, span, fixes: rowOnOneLine ? [insertRow(def, table.layout, table.columns.length, anchor, table.version)] : [] });
      }
    }
  },
};

// Problems that leave nothing of the table unread; every other kind (one added later too) may hide a row.
const READ_IN_FULL = new Set<ShapeProblemKind>(['cut-off', 'glued-digits', 'duplicate-row']);

function label(def: RowDef, version: '2019' | '2021' | undefined): string {
  return (version && def.labels?.[version]) || def.label;
}

function insertRow(def: RowDef, layout: string, columns: number, at: number, version: '2019' | '2021' | undefined) {
  // The row's cells are left blank: a number nobody typed is never written.
  const cells = [label(def, version), ...Array<string>(columns).fill('')];
  const text = layout === 'tabs' ? cells.join('\t') : layout === 'markdown' ? `| ${cells.join(' | ')} |` : `${cells.join(' | ')} |`;
  return {
    title: localized(`插入“${label(def, version)}”行（数字空白，待填写）`, `Insert the row “${label(def, version)}” (cells blank, to fill in)`),
    edits: [{ span: { start: at, end: at }, newText: '\n' + text }],
  };
}
