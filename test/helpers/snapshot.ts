// A check's whole result as one string: every finding (rule, severity, messages, span, fixes) and
// the report model it was found in (sections, tables, rows, cells, problems, with every span), so
// two results compare byte for byte. Format definitions are written as their ids.
import type { CheckResult } from '../../server/src/engine';
import type { Cell, Table } from '../../server/src/engine/model';

const cells = (list: Cell[] | undefined) => list?.map((cell) => ({ ...cell, column: cell.column.id }));

function tableSnapshot(table: Table) {
  return {
    ...table,
    columns: table.columns.map((c) => c.id),
    labelsSeen: [...table.labelsSeen].sort(),
    rows: table.rows.map((row) => ({ ...row, def: row.def.id, cells: cells(row.cells) })),
    problems: table.problems.map((p) => ({ ...p, row: p.row?.id, rows: p.rows?.map((r) => r.id), partial: cells(p.partial) })),
  };
}

export function snapshot(result: CheckResult): string {
  const { lines: _lines, text: _text, tables, ...report } = result.report;
  return JSON.stringify({ findings: result.findings, report: { ...report, tables: tables.map(tableSnapshot) } });
}

/** Where two snapshots first differ, with some context on both sides, for a failure message. */
export function firstDifference(actual: string, expected: string): string {
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  const around = (s: string) => s.slice(Math.max(0, at - 160), at + 160);
  return `at ${at}:\n  incremental: …${around(actual)}…\n  full check:  …${around(expected)}…`;
}
