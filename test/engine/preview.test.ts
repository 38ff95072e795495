// The table preview's model: the official grid with its merges, every row of the format in order,
// values as written, wrong cells with the value that makes the relations hold (only where the
// editor shows the finding), ambiguous corrections said as such, blank and missing marked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkText } from '../../server/src/engine';
import { filledTemplate } from '../helpers/template';
import { analyse } from '../../server/src/engine/analysis';
import { previewModel, type PreviewTable } from '../../server/src/engine/preview';

// Bundled into out/test/engine/: the repository is three folders up, shared/ beside it.
const SEED_003 = readFileSync(join(__dirname, '..', '..', '..', '..', 'shared', 'seeds', '003_bb67cb1c2b4a6a16.txt'), 'utf8');

function preview(text: string, shown?: (findings: ReturnType<typeof checkText>['findings']) => typeof findings, locale: 'zh-cn' | 'en' = 'zh-cn') {
  const { report, findings } = checkText(text);
  return previewModel(report, analyse(report), shown ? shown(findings) : findings, locale);
}

const requests = (tables: PreviewTable[]) => tables.find((t) => t.kind === 'requests')!;
const cellOf = (table: PreviewTable, row: string, column: string) => table.rows.find((r) => r.id === row)!.cells.find((c) => c.column === column)!;

describe('preview of seed 003', () => {
  const model = preview(SEED_003);
  const table = requests(model.tables);

  test('the two wrong 总计 cells in red with the values that make the relations hold', () => {
    const wrong = table.rows.flatMap((row) => row.cells.filter((c) => c.state !== 'ok').map((c) => `${row.id}/${c.column}:${c.state}:${c.text}→${c.expected}`));
    assert.deepEqual(wrong, ['partial/total:wrong:0→2', 'declined2/total:wrong:0→1']);
    const cell = cellOf(table, 'partial', 'total');
    assert.deepEqual(cell.range, { start: { line: 113, character: 1 }, end: { line: 113, character: 2 } });
    assert.match(cell.tooltip, /行合计：总计 = 自然人 2 \+ 商业企业 0 .* = 2，填报 0，相差 2/);
    assert.match(cell.tooltip, /应为 2/);
    assert.equal(table.summary, '2 格有误');
  });

  test('the official header, merged, and the group labels spanning their items', () => {
    assert.deepEqual(table.header.map((row) => row.map((c) => `${c.text}${c.colSpan}x${c.rowSpan}`)), [
      ['3x3', '申请人情况7x1'],
      ['自然人1x2', '法人或其他组织5x1', '总计1x2'],
      ['商业企业1x1', '科研机构1x1', '社会公益组织1x1', '法律服务机构1x1', '其他1x1'],
    ]);
    const labels = (id: string) => table.rows.find((r) => r.id === id)!.labels.map((l) => `${l.text}${l.colSpan}x${l.rowSpan}`);
    assert.deepEqual(labels('new'), ['一、本年新收政府信息公开申请数量3x1']);
    assert.deepEqual(labels('granted'), ['三、本年度办理结果1x22', '（一）予以公开2x1']);
    assert.deepEqual(labels('withheld1'), ['（三）不予公开1x8', '1.属于国家秘密1x1']);
    assert.deepEqual(labels('resultTotal'), ['（七）总计2x1']);
    // Every label column of every row is covered exactly once.
    let open: number[] = [];
    for (const row of table.rows) {
      const used = open.filter((left) => left > 0).length;
      assert.equal(used + row.labels.reduce((n, l) => n + l.colSpan, 0), 3, row.id);
      open = [...open.map((left) => left - 1).filter((left) => left > 0), ...row.labels.filter((l) => l.rowSpan > 1).map((l) => l.rowSpan - 1)];
    }
    assert.equal(table.rows.length, 25);
    assert.ok(table.rows.every((r) => r.cells.length === 7 && r.state === 'present'));
  });

  test('every table in the format\'s order, table 四 as its three blocks', () => {
    assert.deepEqual(model.tables.map((t) => t.kind), ['active-1', 'active-5', 'active-6', 'active-8', 'requests', 'review']);
    const review = model.tables.find((t) => t.kind === 'review')!;
    assert.deepEqual(review.header[0].map((c) => `${c.text}${c.colSpan}`), ['行政复议5', '行政诉讼10']);
    assert.deepEqual(review.header[1].slice(5).map((c) => `${c.text}${c.colSpan}`), ['未经复议直接起诉5', '复议后起诉5']);
    assert.equal(review.header[2].length, 10);
    assert.equal(review.rows[0].cells.length, 15);
  });

  test('a finding the editor does not show (held while typing, ignored, or off) leaves its cell unmarked', () => {
    const held = preview(SEED_003, (findings) => findings.filter((f) => !(f.rule === 'row-total' && f.span.start === findings.find((g) => g.rule === 'row-total')!.span.start)));
    assert.equal(cellOf(requests(held.tables), 'partial', 'total').state, 'ok');
    assert.equal(cellOf(requests(held.tables), 'declined2', 'total').state, 'wrong');
  });

  test('tooltips in English', () => {
    const english = requests(preview(SEED_003, undefined, 'en').tables);
    assert.match(cellOf(english, 'partial', 'total').tooltip, /Row total: .*Should be 2/s);
  });
});

describe('preview of drafts', () => {
  const template = filledTemplate(2024, '青禾县农业农村局');

  test('several equally small corrections: ambiguous, with the candidate values', () => {
    const text = template.replace('一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0', '一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1');
    const table = requests(preview(text).tables);
    const states = table.rows.flatMap((row) => row.cells.filter((c) => c.state !== 'ok').map((c) => `${row.id}/${c.column}:${c.state}:${(c.candidates ?? []).join(',')}`));
    assert.ok(states.includes('new/natural:candidate:0'), states.join('\n'));
    assert.ok(states.includes('carryOver/natural:candidate:1'), states.join('\n'));
    assert.ok(states.some((s) => s.includes(':ambiguous:')), states.join('\n'));
    assert.ok(!states.some((s) => s.includes(':wrong:')), 'nothing is called certain');
  });

  test('a missing row and a missing table are drawn as missing, in place; a blank cell is marked', () => {
    const text = template
      .replace('2.重复申请\t0\t0\t0\t0\t0\t0\t0\n', '')
      .replace(/第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t0\n行政强制\t0\n/, '')
      .replace('行政许可\t0', '行政许可\t/');
    const model = preview(text);
    assert.deepEqual(model.tables.map((t) => `${t.kind}${t.missing ? ' missing' : ''}`), ['active-1', 'active-5', 'active-6 missing', 'active-8', 'requests', 'review']);
    const table = requests(model.tables);
    const repeated = table.rows.find((r) => r.id === 'declined2')!;
    assert.equal(repeated.state, 'missing');
    assert.ok(repeated.cells.every((c) => c.state === 'missing' && c.range === undefined));
    assert.match(table.summary, /缺 1 行/);
    assert.equal(model.tables.find((t) => t.kind === 'active-5')!.rows[0].cells[0].state, 'blank');
  });
});
