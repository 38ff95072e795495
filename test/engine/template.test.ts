import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, fixAll, templateReport, type Finding } from '../../server/src/engine';
import { tableSkeleton } from '../../server/src/engine/template';
import {
  ACTIVE_TABLES,
  BASIS_2021,
  CHINESE_NUMERALS,
  SECTIONS,
  TABLES,
  requestDataRows,
  type FormatVersion,
  type TableKind,
} from '../../server/src/engine/format';
import type { Table } from '../../server/src/engine/model';

const BODY = '青禾县农业农村局';
const draft = templateReport(2025, BODY);
const lines = draft.split('\n');

/** The kinds a report in this format must contain, in document order. */
const requiredKinds = (version: FormatVersion): TableKind[] => [...ACTIVE_TABLES[version], 'requests', 'review'];

/** How many rows carrying numbers a table of this kind has in this format. */
function dataRowCount(kind: TableKind, version: FormatVersion): number {
  if (kind === 'requests') return requestDataRows(version).length;
  return TABLES.find((t) => t.kind === kind)!.rows.filter((r) => r.versions.includes(version)).length;
}

test('the draft has the title, the legal basis, the statistics period and the six sections in order', () => {
  assert.equal(lines[0], `${BODY}2025年政府信息公开工作年度报告`);
  assert.match(draft, /《中华人民共和国政府信息公开条例》/);
  assert.ok(draft.includes(BASIS_2021));
  assert.ok(draft.includes('本报告中所列数据的统计期限为2025年1月1日至2025年12月31日'));
  const headings = SECTIONS.map((s) => lines.indexOf(`${CHINESE_NUMERALS[s.ordinal - 1]}、${s.title}`));
  assert.ok(headings.every((at) => at > 0), `section heading missing: ${headings}`);
  assert.deepEqual([...headings].sort((a, b) => a - b), headings);
});

test('section 一 has the five sub-headings （一）…（五）', () => {
  const start = lines.indexOf('一、总体情况');
  const end = lines.indexOf('二、主动公开政府信息情况');
  const ordinals = lines.slice(start, end).flatMap((l) => /^（([一二三四五六七八九十])）/.exec(l)?.[1] ?? []);
  assert.deepEqual(ordinals, ['一', '二', '三', '四', '五']);
});

test('without a body name the title starts with the year', () => {
  assert.equal(templateReport(2024).split('\n')[0], '2024年政府信息公开工作年度报告');
});

test('the draft holds every table of the 2021 format, in order, as tableSkeleton writes it', () => {
  let from = 0;
  for (const kind of requiredKinds('2021')) {
    const at = draft.indexOf(tableSkeleton(kind), from);
    assert.ok(at >= from, `table ${kind} missing or out of order`);
    from = at + 1;
  }
});

for (const version of ['2021', '2019'] as const) {
  test(`every ${version} table skeleton has every row label and column label of format.ts, and blank value cells`, () => {
    for (const kind of requiredKinds(version)) {
      const def = TABLES.find((t) => t.kind === kind)!;
      const text = tableSkeleton(kind, version);
      const rows = text.split('\n').map((l) => l.split('\t'));
      for (const row of def.rows.filter((r) => r.versions.includes(version))) {
        if (kind === 'review') continue; // its one data row has no label in the format
        assert.ok(rows.some((cells) => cells[0] === row.label), `${kind}: row ${row.label} missing`);
      }
      for (const column of def.columns[version]) {
        assert.ok(rows.some((cells) => cells.includes(column.label)), `${kind}: column ${column.label} missing`);
      }
      // A data row: its label (table 四's has none), then one empty field per column, nothing typed.
      const columns = def.columns[version].length;
      const blankRows = rows.filter((cells) => cells.length === columns + (kind === 'review' ? 0 : 1) && cells.slice(cells.length - columns).every((c) => c === '') && (kind === 'review' || cells[0] !== ''));
      assert.equal(blankRows.length, dataRowCount(kind, version), `${kind}: data rows`);
      assert.ok(!/\t0|^0/m.test(text), `${kind}: a value was written`);
    }
  });
}

test('a table that the format does not have is refused', () => {
  assert.throws(() => tableSkeleton('active-9', '2021'), /active-9/);
});

function assertAllBlank(tables: Table[], version: FormatVersion): void {
  assert.deepEqual(tables.map((t) => t.kind), requiredKinds(version));
  for (const table of tables) {
    // Table 四 is the same in both formats, so nothing in it tells the version.
    if (table.kind !== 'review') assert.equal(table.version, version, `${table.kind}: version`);
    assert.deepEqual(table.problems, [], `${table.kind}: shape problems`);
    const dataRows = table.rows.filter((r) => !r.def.group && r.cells.length > 0);
    assert.equal(dataRows.length, dataRowCount(table.kind, version), `${table.kind}: data rows read`);
    for (const row of dataRows) {
      assert.equal(row.cells.length, table.columns.length, `${table.kind} ${row.def.id}: cells`);
      for (const cell of row.cells) assert.equal(cell.kind, 'blank', `${table.kind} ${row.def.id} ${cell.column.id}: ${cell.raw}`);
    }
  }
}

/** What an untouched draft is told: every table not filled in, every instruction still there, nothing else. */
function assertUnfinished(findings: Finding[], tables: number): void {
  const errors = findings.filter((f) => f.severity === 'error');
  const unfilled = findings.filter((f) => f.rule === 'blank-cell');
  const instructions = errors.filter((f) => f.rule === 'placeholder');
  assert.equal(unfilled.length, tables, 'one finding per table not filled in');
  assert.ok(unfilled.every((f) => f.fixes.length === 0), 'a fix would invent the numbers');
  assert.ok(instructions.length >= 7, `every instruction of the template is found (${instructions.length})`);
  assert.deepEqual(errors.filter((f) => f.rule !== 'blank-cell' && f.rule !== 'placeholder').map((f) => `${f.rule}: ${f.message.en}`), []);
  // Nothing fix-all can do makes the draft pass: the numbers and the prose are the clerk's to write.
  assert.ok(findings.filter((f) => f.fixes.some((fix) => fix.preferred)).every((f) => f.severity !== 'error'));
}

test('the checker reads the draft: every table blank and said to be unfilled, every instruction found', () => {
  const { report, findings } = checkText(draft);
  assert.equal(report.year, 2025);
  assert.equal(report.body, BODY);
  assert.deepEqual(report.sections.map((s) => s.ordinal), [1, 2, 3, 4, 5, 6]);
  assertAllBlank(report.tables, '2021');
  assertUnfinished(findings, 6);
  // The instruction in 六 mentions 信息处理费: it does not count as the report's fee statement.
  assert.ok(findings.some((f) => f.rule === 'fee-statement'));
  const filled = fixAll(draft).result.findings;
  assert.ok(filled.some((f) => f.severity === 'error'), 'fix-all turned the empty draft into a passing report');
});

test('the checker reads the 2019 skeletons in a report on 2020 as 2019 tables, every cell blank', () => {
  let text = templateReport(2020, BODY);
  for (const kind of requiredKinds('2021')) text = text.replace(tableSkeleton(kind), tableSkeleton(kind, '2019'));
  text = text.replace(tableSkeleton('active-8', '2019'), tableSkeleton('active-8', '2019') + tableSkeleton('active-9', '2019'));
  const { report, findings } = checkText(text);
  assertAllBlank(report.tables, '2019');
  assertUnfinished(findings, 7);
});
