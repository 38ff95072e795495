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
    const version: FormatVersion = table.version ?? (report.year !== undefined && report.year < 2021 ? '2019' : '2021');
    const relations = table.kind === 'requests' ? requestRelations(version) : reviewRelations();
    arithmetic.push(tableArithmetic(table, version, relations));
  }
  return { report, arithmetic };
}

function tableArithmetic(table: Table, version: FormatVersion, allRelations: Relation[]): TableArithmetic {
  const refs = new Map<string, CellRef>();
  for (const row of table.rows) {
    for (const cell of row.cells) refs.set(`${row.def.id}/${cell.column.id}`, { table, row, cell });
  }
  const usable = (ref: CellRef | undefined) => ref !== undefined && ref.cell.kind !== 'invalid';
  const relations = allRelations.filter((relation) => relation.terms.every((term) => usable(refs.get(`${term.row}/${term.column}`))));

  const variables: string[] = [];
  const indexOf = new Map<string, number>();
  for (const relation of relations) {
    for (const term of relation.terms) {
      const key = `${term.row}/${term.column}`;
      if (!indexOf.has(key)) {
        indexOf.set(key, variables.length);
        variables.push(key);
      }
    }
  }
  const values = variables.map((key) => refs.get(key)!.cell.value ?? 0);
  const linear: LinearRelation[] = relations.map((relation) => ({
    terms: relation.terms.map((term) => ({ variable: indexOf.get(`${term.row}/${term.column}`)!, coefficient: term.coefficient })),
  }));
  const result = localise(values, linear);
  const failing = result.failing.map((index) => relations[index]);
  const corrections = result.corrections.map((correction) =>
    correction.changes.map((change) => ({ ref: refs.get(variables[change.variable])!, from: change.from, to: change.to })),
  );
  return {
    table,
    version,
    relations,
    failing,
    corrections,
    cardinality: result.cardinality,
    valueOf: (row, column) => {
      const ref = refs.get(`${row}/${column}`);
      return ref ? ref.cell.value ?? 0 : undefined;
    },
    refOf: (row, column) => refs.get(`${row}/${column}`),
  };
}
