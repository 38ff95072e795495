import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { localise, type Correction, type LinearRelation } from '../../server/src/engine/localize';
import { APPLICANT_COLUMNS, requestDataRows, requestRelations, RESULT_ROW_IDS, type FormatVersion } from '../../server/src/engine/format';

// Table 三 as the checker sees it: one variable per (data row, column), relations R1–R3 from the format.
function requestTable(version: FormatVersion) {
  const rows = requestDataRows(version).map((r) => r.id);
  const columns = APPLICANT_COLUMNS.map((c) => c.id);
  const index = (row: string, column: string) => {
    const r = rows.indexOf(row);
    const c = columns.indexOf(column);
    assert.ok(r >= 0 && c >= 0, `${row}/${column}`);
    return r * columns.length + c;
  };
  const relations: LinearRelation[] = requestRelations(version).map((relation) => ({
    terms: relation.terms.map((t) => ({ variable: index(t.row, t.column), coefficient: t.coefficient })),
  }));
  /** Values from rows given as 7 numbers each; rows not given are zero. */
  const values = (given: Record<string, number[]>) => {
    const result = new Array<number>(rows.length * columns.length).fill(0);
    for (const [row, cells] of Object.entries(given)) {
      assert.equal(cells.length, columns.length);
      cells.forEach((value, c) => (result[index(row, columns[c])] = value));
    }
    return result;
  };
  return { rows, columns, index, relations, values };
}

function holdsAll(values: readonly number[], relations: readonly LinearRelation[]): boolean {
  return relations.every((r) => r.terms.reduce((sum, t) => sum + t.coefficient * values[t.variable], 0) === 0);
}

function apply(values: readonly number[], correction: Correction): number[] {
  const result = values.slice();
  for (const change of correction.changes) result[change.variable] = change.to;
  return result;
}

const table2021 = requestTable('2021');
const table2019 = requestTable('2019');
const zeros = [0, 0, 0, 0, 0, 0, 0];

test('example A: two wrong row totals are found, the right （七） total is left alone', () => {
  const t = table2021;
  const values = t.values({
    new: [13, 1, 0, 0, 2, 0, 16],
    granted: [10, 1, 0, 0, 2, 0, 13],
    partial: [2, 0, 0, 0, 0, 0, 0],
    declined2: [1, 0, 0, 0, 0, 0, 0],
    resultTotal: [13, 1, 0, 0, 2, 0, 16],
  });
  assert.equal(values.length, 175);
  assert.equal(t.relations.length, 39);
  const result = localise(values, t.relations);
  assert.equal(result.cardinality, 2);
  assert.equal(result.truncated, false);
  assert.deepEqual(result.corrections, [
    {
      changes: [
        { variable: t.index('partial', 'total'), from: 0, to: 2 },
        { variable: t.index('declined2', 'total'), from: 0, to: 1 },
      ],
    },
  ]);
  assert.ok(holdsAll(apply(values, result.corrections[0]), t.relations));
});

test('example B (2019 format): an all-zero （七） row gets its natural-person cell and total', () => {
  const t = table2019;
  assert.equal(t.rows.length, 23);
  const values = t.values({
    new: [5, 0, 0, 0, 0, 0, 5],
    granted: [4, 0, 0, 0, 0, 0, 4],
    unable1: [1, 0, 0, 0, 0, 0, 1],
    resultTotal: zeros,
    carryOver: zeros,
  });
  const result = localise(values, t.relations);
  assert.equal(result.cardinality, 2);
  assert.deepEqual(result.corrections, [
    {
      changes: [
        { variable: t.index('resultTotal', 'natural'), from: 0, to: 5 },
        { variable: t.index('resultTotal', 'total'), from: 0, to: 5 },
      ],
    },
  ]);
});

test('example C: a consistent table has nothing to correct', () => {
  const t = table2021;
  const values = t.values({
    new: [13, 1, 0, 0, 2, 0, 16],
    carried: [1, 0, 0, 0, 0, 0, 1],
    granted: [10, 1, 0, 0, 2, 0, 13],
    partial: [2, 0, 0, 0, 0, 0, 2],
    declined2: [1, 0, 0, 0, 0, 0, 1],
    resultTotal: [13, 1, 0, 0, 2, 0, 16],
    carryOver: [1, 0, 0, 0, 0, 0, 1],
  });
  assert.deepEqual(localise(values, t.relations), { failing: [], corrections: [], cardinality: 0, truncated: false });
  assert.deepEqual(localise([], []), { failing: [], corrections: [], cardinality: 0, truncated: false });
});

// a + b - c = 0 over variables 0, 1, 2.
const sumOfTwo: LinearRelation[] = [
  { terms: [{ variable: 0, coefficient: 1 }, { variable: 1, coefficient: 1 }, { variable: 2, coefficient: -1 }] },
];

test('an ambiguous relation yields every equally small correction', () => {
  const result = localise([1, 1, 3], sumOfTwo);
  assert.deepEqual(result.failing, [0]);
  assert.equal(result.cardinality, 1);
  assert.equal(result.truncated, false);
  assert.deepEqual(result.corrections, [
    { changes: [{ variable: 0, from: 1, to: 2 }] },
    { changes: [{ variable: 1, from: 1, to: 2 }] },
    { changes: [{ variable: 2, from: 3, to: 2 }] },
  ]);
});

test('frozen variables never change', () => {
  const result = localise([1, 1, 3], sumOfTwo, { frozen: new Set([0, 2]) });
  assert.deepEqual(result.corrections, [{ changes: [{ variable: 1, from: 1, to: 2 }] }]);
  assert.equal(localise([1, 1, 3], sumOfTwo, { frozen: new Set([0, 1, 2]) }).cardinality, null);
});

test('a correction must leave every new value non-negative', () => {
  // 3 + 1 = 2 cannot be fixed through b: it would have to become -1.
  const result = localise([3, 1, 2], sumOfTwo);
  assert.deepEqual(result.corrections, [
    { changes: [{ variable: 0, from: 3, to: 1 }] },
    { changes: [{ variable: 2, from: 2, to: 4 }] },
  ]);
  assert.deepEqual(localise([5, 1, 2], sumOfTwo, { frozen: new Set([0, 2]) }).corrections, []);
});

test('fractional or non-unique solutions are not corrections', () => {
  // 3a + 5b = c with c trusted: a alone would be 4/3, b alone 6/5, and {a, b} is underdetermined.
  const relations: LinearRelation[] = [
    { terms: [{ variable: 0, coefficient: 3 }, { variable: 1, coefficient: 5 }, { variable: 2, coefficient: -1 }] },
  ];
  const strict = localise([1, 1, 9], relations, { frozen: new Set([2]) });
  assert.deepEqual(strict, { failing: [0], corrections: [], cardinality: null, truncated: false });
  const loose = localise([1, 1, 9], relations, { frozen: new Set([2]), nonNegativeIntegers: false });
  assert.equal(loose.cardinality, 1);
  assert.deepEqual(loose.corrections.map((c) => c.changes[0].to), [4 / 3, 6 / 5]);
});

test('a larger set is used when no smaller one has an admissible solution', () => {
  // a - b = 0 fails, a + b - c = 0 holds: a alone cannot satisfy both; {a, b} would need ½.
  const relations: LinearRelation[] = [
    { terms: [{ variable: 0, coefficient: 1 }, { variable: 1, coefficient: -1 }] },
    { terms: [{ variable: 0, coefficient: 1 }, { variable: 1, coefficient: 1 }, { variable: 2, coefficient: -1 }] },
  ];
  const result = localise([1, 0, 1], relations);
  assert.equal(result.cardinality, 2);
  assert.deepEqual(result.corrections, [
    { changes: [{ variable: 0, from: 1, to: 0 }, { variable: 2, from: 1, to: 0 }] },
    { changes: [{ variable: 1, from: 0, to: 1 }, { variable: 2, from: 1, to: 2 }] },
  ]);
  const loose = localise([1, 0, 1], relations, { nonNegativeIntegers: false });
  assert.equal(loose.corrections.length, 3);
  assert.deepEqual(loose.corrections[0].changes, [{ variable: 0, from: 1, to: 0.5 }, { variable: 1, from: 0, to: 0.5 }]);
});

test('maxChanges bounds the search', () => {
  const t = table2021;
  const values = t.values({ new: [13, 1, 0, 0, 2, 0, 16], partial: [2, 0, 0, 0, 0, 0, 0], declined2: [1, 0, 0, 0, 0, 0, 0] });
  values[t.index('granted', 'natural')] = 10;
  const result = localise(values, t.relations, { maxChanges: 1 });
  assert.equal(result.cardinality, null);
  assert.deepEqual(result.corrections, []);
  assert.ok(result.failing.length > 0);
});

test('maxSolutions and workBudget stop the search and say so', () => {
  const parts: LinearRelation[] = [{ terms: [0, 1, 2, 3, 4].map((variable) => ({ variable, coefficient: variable === 4 ? -1 : 1 })) }];
  const capped = localise([1, 1, 1, 1, 5], parts, { maxSolutions: 2 });
  assert.equal(capped.cardinality, 1);
  assert.equal(capped.corrections.length, 2);
  assert.equal(capped.truncated, true);
  const exact = localise([1, 1, 1, 1, 5], parts, { maxSolutions: 5 });
  assert.equal(exact.corrections.length, 5);
  assert.equal(exact.truncated, false);
  const starved = localise([1, 1, 1, 1, 5], parts, { workBudget: 2 });
  assert.equal(starved.truncated, true);
  assert.ok(starved.corrections.length <= 2);
});

test('odd input never throws', () => {
  const relations: LinearRelation[] = [
    { terms: [{ variable: 0, coefficient: 1 }, { variable: 7, coefficient: 1 }, { variable: -1, coefficient: 1 }, { variable: 1.5, coefficient: 1 }, { variable: 1, coefficient: -1 }] },
    { terms: [] },
    { terms: [{ variable: 1, coefficient: 0 }, { variable: 0, coefficient: NaN }] },
  ];
  // Out-of-range and zero or non-finite coefficient terms are ignored: relation 0 is just a = b.
  const result = localise([2, 3], relations);
  assert.deepEqual(result.failing, [0]);
  assert.deepEqual(result.corrections, [{ changes: [{ variable: 0, from: 2, to: 3 }] }, { changes: [{ variable: 1, from: 3, to: 2 }] }]);
  assert.deepEqual(localise([1, 1], relations).failing, []);
  assert.doesNotThrow(() => localise([1, 2], [null as unknown as LinearRelation, { terms: [null] } as unknown as LinearRelation]));
  assert.doesNotThrow(() => localise([1, 2], relations, { maxChanges: NaN, maxSolutions: -1, workBudget: Infinity }));
});

test('a non-finite value fails its relations and must itself be corrected', () => {
  const result = localise([1, NaN, 3], sumOfTwo);
  assert.deepEqual(result.failing, [0]);
  assert.equal(result.cardinality, 1);
  assert.equal(result.corrections.length, 1);
  assert.equal(result.corrections[0].changes[0].variable, 1);
  assert.ok(Number.isNaN(result.corrections[0].changes[0].from));
  assert.equal(result.corrections[0].changes[0].to, 2);
  assert.equal(localise([1, Infinity, 3], sumOfTwo, { frozen: new Set([1]) }).cardinality, null);
  // Two non-finite values in one relation leave it underdetermined.
  assert.equal(localise([NaN, NaN, 3], sumOfTwo).cardinality, null);
});

test('duplicate terms are merged', () => {
  // a + a - c = 0, i.e. 2a = c.
  const relations: LinearRelation[] = [
    { terms: [{ variable: 0, coefficient: 1 }, { variable: 0, coefficient: 1 }, { variable: 1, coefficient: -1 }] },
    // b - b = 0 touches nothing.
    { terms: [{ variable: 1, coefficient: 1 }, { variable: 1, coefficient: -1 }] },
  ];
  const result = localise([3, 4], relations);
  assert.deepEqual(result.failing, [0]);
  assert.deepEqual(result.corrections, [{ changes: [{ variable: 0, from: 3, to: 2 }] }, { changes: [{ variable: 1, from: 4, to: 6 }] }]);
});

test('arithmetic stays exact for large counts and fractional coefficients', () => {
  const big = 999_999_999_999;
  assert.deepEqual(localise([big, 1, big], sumOfTwo).corrections.map((c) => c.changes[0].to), [big - 1, 0, big + 1]);
  // Beyond 2^53 doubles cannot tell these apart; the residual must still be seen as non-zero.
  const huge = 2 ** 60;
  const relation: LinearRelation[] = [{ terms: [{ variable: 0, coefficient: huge }, { variable: 1, coefficient: -huge }, { variable: 2, coefficient: 1 }] }];
  assert.deepEqual(localise([1, 1, 1], relation).failing, [0]);
  // 0.1 is not exactly a tenth: 0.1 × 10 − 1 is non-zero, yet 0.5 × 4 − 2 is zero.
  const tenth: LinearRelation[] = [{ terms: [{ variable: 0, coefficient: 0.1 }, { variable: 1, coefficient: -1 }] }];
  assert.deepEqual(localise([10, 1], tenth).failing, [0]);
  const half: LinearRelation[] = [{ terms: [{ variable: 0, coefficient: 0.5 }, { variable: 1, coefficient: -1 }] }];
  assert.deepEqual(localise([4, 2], half).failing, []);
  assert.deepEqual(localise([4, 3], half).corrections, [{ changes: [{ variable: 0, from: 4, to: 6 }] }, { changes: [{ variable: 1, from: 3, to: 2 }] }]);
});

// ---------------------------------------------------------------------------------------------
// Properties over random tables.

const count = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.nat(20), weight: 4 },
  { arbitrary: fc.nat(100_000), weight: 2 },
  { arbitrary: fc.nat(100_000_000_000), weight: 1 },
);
const sixCounts = fc.array(count, { minLength: 6, maxLength: 6 });

/** A consistent 2021 table 三 from random applicant counts. */
const consistentTable = fc
  .record({
    results: fc.array(sixCounts, { minLength: 21, maxLength: 21 }),
    carryOver: sixCounts,
    carriedShare: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ results, carryOver, carriedShare }) => {
    const withTotal = (parts: number[]) => [...parts, parts.reduce((a, b) => a + b, 0)];
    const resultTotal = [0, 1, 2, 3, 4, 5].map((c) => results.reduce((sum, row) => sum + row[c], 0));
    const handled = resultTotal.map((total, c) => total + carryOver[c]);
    const carried = handled.map((h, c) => Math.floor(h * carriedShare[c]));
    const given: Record<string, number[]> = {
      new: withTotal(handled.map((h, c) => h - carried[c])),
      carried: withTotal(carried),
      resultTotal: withTotal(resultTotal),
      carryOver: withTotal(carryOver),
    };
    RESULT_ROW_IDS['2021'].forEach((id, r) => (given[id] = withTotal(results[r])));
    return table2021.values(given);
  });

function checkCorrections(values: readonly number[], corrections: Correction[], size: number) {
  for (const correction of corrections) {
    assert.equal(correction.changes.length, size);
    for (const change of correction.changes) {
      assert.ok(Number.isSafeInteger(change.to) && change.to >= 0 && change.to !== change.from);
      assert.equal(change.from, values[change.variable]);
    }
    assert.ok(holdsAll(apply(values, correction), table2021.relations));
  }
}

test('property: one wrong cell is localised and its value restored', () => {
  fc.assert(
    fc.property(consistentTable, fc.nat(174), count, (original, cell, value) => {
      assert.ok(holdsAll(original, table2021.relations));
      const values = original.slice();
      values[cell] = value === original[cell] ? value + 1 : value;
      const result = localise(values, table2021.relations);
      assert.equal(result.cardinality, 1);
      checkCorrections(values, result.corrections, 1);
      assert.ok(result.corrections.some((c) => c.changes[0].variable === cell && c.changes[0].to === original[cell]));
    }),
    { seed: 20210530, numRuns: 2500 },
  );
});

test('property: two wrong cells in different rows and columns are localised', () => {
  const { rows, columns } = table2021;
  fc.assert(
    fc.property(
      consistentTable,
      fc.nat(rows.length - 1), fc.nat(columns.length - 1), fc.nat(rows.length - 2), fc.nat(columns.length - 2),
      count, count,
      (original, row, column, rowStep, columnStep, first, second) => {
        const cells = [row * columns.length + column, ((row + 1 + rowStep) % rows.length) * columns.length + ((column + 1 + columnStep) % columns.length)];
        const values = original.slice();
        cells.forEach((cell, i) => {
          const value = i === 0 ? first : second;
          values[cell] = value === original[cell] ? value + 1 : value;
        });
        const result = localise(values, table2021.relations);
        // No single cell lies in both broken row sums, so exactly two cells must change.
        assert.equal(result.cardinality, 2);
        checkCorrections(values, result.corrections, 2);
        const restores = (c: Correction) => c.changes.every((change) => values[change.variable] !== original[change.variable] && change.to === original[change.variable]);
        if (!result.truncated) assert.ok(result.corrections.some(restores));
        if (result.corrections.length === 1 && !result.truncated) assert.ok(restores(result.corrections[0]));
      },
    ),
    { seed: 20190515, numRuns: 2000 },
  );
});

// ---------------------------------------------------------------------------------------------
// Against brute force on small random systems: every subset, solved exactly by plain elimination.

type Fraction = [bigint, bigint];

function bruteForce(values: number[], relations: LinearRelation[], frozen: Set<number>, maxChanges: number): { size: number | null; corrections: string[] } {
  const n = values.length;
  for (let size = 1; size <= maxChanges; size++) {
    const found: string[] = [];
    const subsets = (start: number, chosen: number[]): void => {
      if (chosen.length === size) {
        const to = solveSubset(values, relations, chosen);
        if (to && to.every((x, i) => x[1] === 1n && x[0] >= 0n && x[0] !== BigInt(values[chosen[i]]))) {
          found.push(chosen.map((v, i) => `${v}:${to[i][0]}`).join(' '));
        }
        return;
      }
      for (let v = start; v < n; v++) if (!frozen.has(v)) subsets(v + 1, [...chosen, v]);
    };
    subsets(0, []);
    if (found.length > 0) return { size, corrections: found.sort() };
  }
  return { size: null, corrections: [] };
}

function solveSubset(values: number[], relations: LinearRelation[], chosen: number[]): Fraction[] | null {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  const norm = ([a, b]: Fraction): Fraction => {
    if (b < 0n) [a, b] = [-a, -b];
    const g = gcd(a, b) || 1n;
    return [a / g, b / g];
  };
  const rows: Fraction[][] = relations.map((r) => {
    const row: Fraction[] = chosen.map(() => [0n, 1n]);
    let rhs = 0n;
    for (const t of r.terms) {
      const c = chosen.indexOf(t.variable);
      if (c >= 0) row[c] = norm([row[c][0] + BigInt(t.coefficient), 1n]);
      else rhs -= BigInt(t.coefficient) * BigInt(values[t.variable]);
    }
    return [...row, [rhs, 1n] as Fraction];
  });
  const k = chosen.length;
  for (let c = 0; c < k; c++) {
    const p = rows.findIndex((row, i) => i >= c && row[c][0] !== 0n);
    if (p < 0) return null;
    [rows[p], rows[c]] = [rows[c], rows[p]];
    for (let i = 0; i < rows.length; i++) {
      if (i === c || rows[i][c][0] === 0n) continue;
      const [fn, fd] = norm([rows[i][c][0] * rows[c][c][1], rows[i][c][1] * rows[c][c][0]]);
      rows[i] = rows[i].map(([a, b], j) => norm([a * fd * rows[c][j][1] - fn * rows[c][j][0] * b, b * fd * rows[c][j][1]]));
    }
  }
  if (rows.slice(k).some((row) => row[k][0] !== 0n)) return null;
  return rows.slice(0, k).map((row, c) => norm([row[k][0] * row[c][1], row[k][1] * row[c][0]]));
}

test('property: agrees with brute force on small random systems', () => {
  const system = fc.record({
    values: fc.array(fc.nat(6), { minLength: 7, maxLength: 7 }),
    relations: fc.array(
      fc.uniqueArray(fc.record({ variable: fc.nat(6), coefficient: fc.constantFrom(-2, -1, 1, 1, 2) }), { minLength: 2, maxLength: 5, selector: (t) => t.variable }),
      { minLength: 1, maxLength: 5 },
    ),
    frozen: fc.uniqueArray(fc.nat(6), { maxLength: 2 }),
  });
  fc.assert(
    fc.property(system, ({ values, relations: termLists, frozen }) => {
      const relations = termLists.map((terms) => ({ terms }));
      const frozenSet = new Set(frozen);
      const result = localise(values, relations, { frozen: frozenSet, maxChanges: 3, maxSolutions: 1000 });
      const expected = bruteForce(values, relations, frozenSet, 3);
      if (result.failing.length === 0) return;
      assert.equal(result.truncated, false);
      assert.equal(result.cardinality, expected.size);
      const got = result.corrections.map((c) => c.changes.map((ch) => `${ch.variable}:${ch.to}`).join(' ')).sort();
      assert.deepEqual(got, expected.corrections);
    }),
    { seed: 42, numRuns: 1500 },
  );
});
