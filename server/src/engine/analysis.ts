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
  /**
   * Blank totals: a total left blank is the sum of its parts, not 0. The value each takes: from the
   * parts as written, or, with a certain correction, as corrected. Absent for a blank total whose
   * parts cannot all be read.
   */
  blankTotals: Map<Cell, number>;
  /** Value each relation's cells take in arithmetic (a blank part counts as 0, a blank total as its sum). */
  valueOf(row: string, column: string): number | undefined;
  refOf(row: string, column: string): CellRef | undefined;
}

export interface Analysis {
  report: Report;
  arithmetic: TableArithmetic[];
}

/** How far the search for the fewest wrong cells goes: a mistyped row can need five or six. */
export const MAX_CORRECTION = 6;

export function analyse(report: Report): Analysis {
  const arithmetic: TableArithmetic[] = [];
  for (const table of report.tables) {
    if (table.kind !== 'requests' && table.kind !== 'review') continue;
    const relations = table.kind === 'requests' ? requestRelations(table.format) : reviewRelations();
    arithmetic.push(tableArithmetic(table, table.format, relations));
  }
  return { report, arithmetic };
}

const isTotalOf = (relation: Relation, ref: CellRef) => relation.total.row === ref.row.def.id && relation.total.column === ref.cell.column.id;

/** The relation that defines a total: a row's 总计 is its row's sum (R3), a （七） cell its column's (R2), 四's its block's (R4). */
function definingRelation(relations: Relation[], ref: CellRef): Relation | undefined {
  const own = relations.filter((r) => isTotalOf(r, ref));
  return own.find((r) => r.id === 'R3') ?? own.find((r) => r.id === 'R2') ?? own.find((r) => r.id === 'R4');
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
  let relations = allRelations.filter((relation) => relation.terms.every((term) => usable(refOf(term.row, term.column))));

  // A blank total is a free cell defined by its own relation: substitute its parts for it
  // wherever it appears, and drop the relation that defines it (it holds by definition).
  const definitions = new Map<CellRef, Relation>();
  for (const relation of relations) {
    const ref = refOf(relation.total.row, relation.total.column)!;
    if (ref.cell.kind === 'blank' && !definitions.has(ref)) {
      const defining = definingRelation(relations, ref);
      if (defining) definitions.set(ref, defining);
    }
  }
  // A blank total whose defining relation cannot be read leaves every relation through it unchecked.
  const undefinedBlank = (ref: CellRef) => ref.cell.kind === 'blank' && relations.some((r) => isTotalOf(r, ref)) && !definitions.has(ref);
  relations = relations.filter((r) => !r.terms.some((t) => undefinedBlank(refOf(t.row, t.column)!)));
  const defining = new Set(definitions.values());
  const checked = relations.filter((r) => !defining.has(r));

  const variables: CellRef[] = [];
  const indexOf = new Map<CellRef, number>();
  const variable = (ref: CellRef) => {
    let index = indexOf.get(ref);
    if (index === undefined) {
      index = variables.length;
      indexOf.set(ref, index);
      variables.push(ref);
    }
    return index;
  };
  /** A cell as a sum of written cells: itself, or for a blank total the expansion of its parts. */
  const expand = (ref: CellRef, coefficient: number, out: { variable: number; coefficient: number }[], depth = 0): void => {
    const definition = definitions.get(ref);
    if (!definition || depth > 4) {
      out.push({ variable: variable(ref), coefficient });
      return;
    }
    for (const term of definition.terms) {
      const part = refOf(term.row, term.column)!;
      if (part === ref) continue;
      // total − Σ parts = 0, so total = Σ parts: each part enters with the total's sign.
      expand(part, -term.coefficient * coefficient, out, depth + 1);
    }
  };
  const linear: LinearRelation[] = checked.map((relation) => {
    const terms: { variable: number; coefficient: number }[] = [];
    for (const term of relation.terms) {
      const ref = refOf(term.row, term.column)!;
      if (definitions.size === 0) terms.push({ variable: variable(ref), coefficient: term.coefficient });
      else expand(ref, term.coefficient, terms);
    }
    return { terms };
  });
  const values = variables.map((ref) => ref.cell.value ?? 0);
  const result = localise(values, linear, { maxChanges: MAX_CORRECTION, workBudget: 400000 });
  const failing = result.failing.map((index) => checked[index]);
  const corrections = result.corrections.map((correction) =>
    correction.changes.map((change) => ({ ref: variables[change.variable], from: change.from, to: change.to })),
  );

  // The value of every cell after the one certain correction (or as written).
  const corrected = new Map<CellRef, number>();
  if (corrections.length === 1) for (const change of corrections[0]) corrected.set(change.ref, change.to);
  const written = (ref: CellRef): number => corrected.get(ref) ?? ref.cell.value ?? 0;
  const blankTotals = new Map<Cell, number>();
  for (const ref of definitions.keys()) {
    const terms: { variable: number; coefficient: number }[] = [];
    expand(ref, 1, terms);
    blankTotals.set(ref.cell, terms.reduce((sum, t) => sum + t.coefficient * written(variables[t.variable]), 0));
  }
  const valueOf = (row: string, column: string) => {
    const ref = refOf(row, column);
    if (!ref) return undefined;
    return blankTotals.get(ref.cell) ?? ref.cell.value ?? 0;
  };
  return { table, version, relations: checked, failing, corrections, cardinality: result.cardinality, blankTotals, valueOf, refOf };
}
