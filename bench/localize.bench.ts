// Median time of localise on table 三 (2021 format) — it runs on every keystroke, so it must stay
// far below a millisecond. Prints figures only. Run: node esbuild.mjs --tests && node out/bench/localize.bench.js
import { performance } from 'node:perf_hooks';
import { localise, type LinearRelation } from '../server/src/engine/localize';
import { APPLICANT_COLUMNS, requestDataRows, requestRelations } from '../server/src/engine/format';

const rows = requestDataRows('2021').map((r) => r.id);
const columns = APPLICANT_COLUMNS.map((c) => c.id);
const index = (row: string, column: string) => rows.indexOf(row) * columns.length + columns.indexOf(column);
const relations: LinearRelation[] = requestRelations('2021').map((relation) => ({
  terms: relation.terms.map((t) => ({ variable: index(t.row, t.column), coefficient: t.coefficient })),
}));

function table(given: Record<string, number[]>): number[] {
  const values = new Array<number>(rows.length * columns.length).fill(0);
  for (const [row, cells] of Object.entries(given)) cells.forEach((value, c) => (values[index(row, columns[c])] = value));
  return values;
}

const consistent = table({
  new: [13, 1, 0, 0, 2, 0, 16],
  carried: [1, 0, 0, 0, 0, 0, 1],
  granted: [10, 1, 0, 0, 2, 0, 13],
  partial: [2, 0, 0, 0, 0, 0, 2],
  declined2: [1, 0, 0, 0, 0, 0, 1],
  resultTotal: [13, 1, 0, 0, 2, 0, 16],
  carryOver: [1, 0, 0, 0, 0, 0, 1],
});
const exampleA = table({
  new: [13, 1, 0, 0, 2, 0, 16],
  granted: [10, 1, 0, 0, 2, 0, 13],
  partial: [2, 0, 0, 0, 0, 0, 0],
  declined2: [1, 0, 0, 0, 0, 0, 0],
  resultTotal: [13, 1, 0, 0, 2, 0, 16],
});
const withChanges = (changes: [string, string, number][]) => {
  const values = consistent.slice();
  for (const [row, column, value] of changes) values[index(row, column)] = value;
  return values;
};

const cases: [string, number[]][] = [
  ['consistent table', consistent],
  ['example A (two wrong totals)', exampleA],
  ['one wrong cell', withChanges([['granted', 'natural', 11]])],
  ['three wrong cells', withChanges([['granted', 'natural', 11], ['unable2', 'research', 4], ['carryOver', 'commercial', 3]])],
  ['totals column not yet filled', consistent.map((value, i) => (i % columns.length === columns.length - 1 ? 0 : value))],
  ['no correction within 4 cells', withChanges([['granted', 'natural', 11], ['unable2', 'research', 4], ['carryOver', 'commercial', 3], ['declined1', 'nonprofit', 2], ['withheld5', 'otherOrg', 7]])],
];

const runs = 2000;
for (const [name, values] of cases) {
  for (let i = 0; i < 200; i++) localise(values, relations);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    localise(values, relations);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const result = localise(values, relations);
  const micro = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(
    `${name.padEnd(30)} median ${micro(times[runs >> 1]).padStart(10)}   p95 ${micro(times[Math.floor(runs * 0.95)]).padStart(10)}` +
      `   (failing ${result.failing.length}, cardinality ${result.cardinality}, corrections ${result.corrections.length}${result.truncated ? ', truncated' : ''})`,
  );
}
