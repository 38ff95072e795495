// Work shared by several checks, done once per run: the arithmetic relations of each table, which
// of them fail, and the fewest cells whose change makes all of them hold (error localisation).
import { requestRelations, reviewRelations, type FormatVersion, type Relation } from './format';
import { localise, type LinearRelation } from './localize';
import type { Cell, Report, Row, Table } from './model';

export interface CellRef {
  table: Table;
  row: Row;
  cell: Cell;
}

export interface CellChange {
  ref: CellRef;
  from: number;
  to: number;
}

export interface TableArithmetic {
  table: Table;
  version: FormatVersion;
  /** Relations whose every cell is present and readable. */
  relations: Relation[];
  failing: Relation[];
  /** Every smallest set of cell changes that makes all relations hold; one entry means it is certain. */
  corrections: CellChange[][];
  /** Size of the corrections, null when no small correction exists. */
  cardinality: number | null;
  /** Value each relation's cells take in arithmetic (blank counts as 0). */
  valueOf(row: string, column: string): number | undefined;
  refOf(row: string, column: string): CellRef | undefined;
}

export interface Analysis {
  report: Report;
  arithmetic: TableArithmetic[];
}

export function analyse(report: Report): Analysis {
  const arithmetic: TableArithmetic[] = [];
  for (const table of report.tables) {
    if (table.kind !== 'requests' && table.kind !== 'review') continue;
    const version: FormatVersion = table.format;
    const relations = table.kind === 'requests' ? requestRelations(version) : reviewRelations();
    arithmetic.push(tableArithmetic(table, version, relations));
  }
  return { report, arithmetic };
}

function tableArithmetic(table: Table, version: FormatVersion, allRelations: Relation[]): TableArithmetic {
  // Row id → column id → cell: two lookups of interned ids, where a "row/column" key would build
  // and hash a new string for each of the ~1,000 terms of table 三's relations.
  const refs = new Map<string, Map<string, CellRef>>();
  for (const row of table.rows) {
    const byColumn = new Map<string, CellRef>();
    for (const cell of row.cells) byColumn.set(cell.column.id, { table, row, cell });
    refs.set(row.def.id, byColumn);
  }
  const refOf = (row: string, column: string) => refs.get(row)?.get(column);
  const usable = (ref: CellRef | undefined) => ref !== undefined && ref.cell.kind !== 'invalid';
  const relations = allRelations.filter((relation) => relation.terms.every((term) => usable(refOf(term.row, term.column))));

  const variables: CellRef[] = [];
  const indexOf = new Map<CellRef, number>();
  const linear: LinearRelation[] = relations.map((relation) => ({
    terms: relation.terms.map((term) => {
      const ref = refOf(term.row, term.column)!;
      let variable = indexOf.get(ref);
      if (variable === undefined) {
        variable = variables.length;
        indexOf.set(ref, variable);
        variables.push(ref);
      }
      return { variable, coefficient: term.coefficient };
    }),
  }));
  const values = variables.map((ref) => ref.cell.value ?? 0);
  const result = localise(values, linear);
  const failing = result.failing.map((index) => relations[index]);
  const corrections = result.corrections.map((correction) =>
    correction.changes.map((change) => ({ ref: variables[change.variable], from: change.from, to: change.to })),
  );
  return {
    table,
    version,
    relations,
    failing,
    corrections,
    cardinality: result.cardinality,
    valueOf: (row, column) => {
      const ref = refOf(row, column);
      return ref ? ref.cell.value ?? 0 : undefined;
    },
    refOf,
  };
}
