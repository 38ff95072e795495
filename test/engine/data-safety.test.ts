// Issue 12's defects that live in the engine, one test each, named after the defect: a fix that
// invents numbers, template text that passes, a fix that changes a number's form, invisible
// characters, units and approximations, numbers beyond 2^53, two numbers in one cell.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, checkText, fixAll, templateReport, type Finding } from '../../server/src/engine';
import { filledTemplate } from '../helpers/template';

const BODY = '青禾县档案局';
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
const rules = (findings: Finding[]) => findings.map((f) => f.rule);

/** The filled template with section 四 (and its table) taken out, and prose that counts 7 reviews. */
function withoutSectionFour(): string {
  const full = filledTemplate(2024, BODY).replace('（请在此概述本年度办理政府信息公开申请的情况，与第三部分表格的数据保持一致。）', '全年因政府信息公开被申请行政复议7件。');
  const four = full.indexOf('四、政府信息公开行政复议、行政诉讼情况');
  const five = full.indexOf('五、存在的主要问题及改进情况');
  return full.slice(0, four) + full.slice(five);
}

test('2: a missing section is never inserted by fix-all, and the section a clerk inserts has blank tables', () => {
  const draft = withoutSectionFour();
  const before = checkText(draft).findings;
  const missing = before.find((f) => f.rule === 'missing-section');
  assert.ok(missing, 'section 四 is reported missing');
  assert.ok(!missing.fixes.some((fix) => fix.preferred), 'the insertion would be applied by fix-all');
  // fix-all leaves the report failing: the numbers of 四 are the clerk's to write.
  const fixed = fixAll(draft);
  assert.ok(errors(fixed.result.findings).some((f) => f.rule === 'missing-section'));
  // The quick fix the clerk picks inserts the table with its cells blank, never zeros.
  const inserted = applyEdits(draft, missing.fixes[0].edits);
  const after = checkText(inserted);
  const review = after.report.tables.find((t) => t.kind === 'review')!;
  assert.ok(review.rows[0].cells.every((c) => c.kind === 'blank'), 'the inserted table holds numbers nobody typed');
  assert.ok(after.findings.some((f) => f.rule === 'blank-cell' && /尚未填写/.test(f.message['zh-cn'])), 'an inserted, unfilled table is not said');
});

test('2: a file holding only a title gets no rows of zeros and never passes after fix-all', () => {
  const title = `${BODY}2024年政府信息公开工作年度报告\n`;
  const fixed = fixAll(title);
  assert.equal(fixed.text, title, 'fix-all wrote into a report that is only a title');
  assert.ok(errors(fixed.result.findings).length > 0);
  for (const finding of checkText(title).findings) {
    for (const fix of finding.fixes) for (const edit of fix.edits) assert.ok(!/\t0|^0\t/m.test(edit.newText), `${finding.rule}: a fix writes zeros`);
  }
});

test('3: every instruction the template writes is a placeholder finding while it is there, and 六\'s does not state the fee', () => {
  const draft = templateReport(2024, BODY);
  const instructions = draft.match(/（请在此[^）]*）/g) ?? [];
  const placeholders = checkText(draft).findings.filter((f) => f.rule === 'placeholder');
  assert.ok(instructions.length >= 7);
  for (const instruction of instructions) {
    const at = draft.indexOf(instruction);
    assert.ok(placeholders.some((f) => f.span.start === at), `not found: ${instruction}`);
  }
  assert.ok(rules(checkText(draft).findings).includes('fee-statement'));
});

test('3: a table the clerk never filled is one finding on the table, with no fix, not one per cell', () => {
  const draft = templateReport(2024, BODY);
  const blank = checkText(draft).findings.filter((f) => f.rule === 'blank-cell');
  assert.equal(blank.length, 6, 'one finding per table');
  assert.ok(blank.every((f) => f.severity === 'warning' && f.fixes.length === 0 && /尚未填写/.test(f.message['zh-cn'])));
});

test('6: a fix writes the number in the form the cell used: full-width digits, thousands separators', () => {
  const full = filledTemplate(2024, BODY)
    .replace('（一）予以公开\t0\t0\t0\t0\t0\t0\t0', '（一）予以公开\t８６\t0\t0\t0\t0\t0\t８６')
    .replace('一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0', '一、本年新收政府信息公开申请数量\t1,088\t0\t0\t0\t0\t0\t1,088')
    .replace('（七）总计\t0\t0\t0\t0\t0\t0\t0', '（七）总计\t1,088\t0\t0\t0\t0\t0\t1,088')
    .replace('2.重复申请\t0\t0\t0\t0\t0\t0\t0', '2.重复申请\t1,002\t0\t0\t0\t0\t0\t1,002');
  const arithmetic = (findings: Finding[]) => findings.filter((f) => ['row-total', 'column-total', 'balance', 'cell-value'].includes(f.rule));
  assert.deepEqual(arithmetic(checkText(full).findings), []);
  // One wrong total in each form: the fix keeps the form.
  const wrong = full.replace('（一）予以公开\t８６\t0\t0\t0\t0\t0\t８６', '（一）予以公开\t８６\t0\t0\t0\t0\t0\t８７').replace('2.重复申请\t1,002\t0\t0\t0\t0\t0\t1,002', '2.重复申请\t1,002\t0\t0\t0\t0\t0\t1,003');
  assert.equal(fixAll(wrong).text, full);
});

test('13: invisible characters beside a number, inside a label or before a heading are nothing', () => {
  const full = filledTemplate(2024, BODY).replace('（一）予以公开\t0\t0\t0\t0\t0\t0\t0', '（一）予以公开\t56\t0\t0\t0\t0\t0\t56')
    .replace('一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0', '一、本年新收政府信息公开申请数量\t56\t0\t0\t0\t0\t0\t56')
    .replace('（七）总计\t0\t0\t0\t0\t0\t0\t0', '（七）总计\t56\t0\t0\t0\t0\t0\t56');
  const clean = checkText(full).findings;
  for (const invisible of ['\u200b', '\u2060', '\ufeff', '\u00ad']) {
    const text = full
      .replace('（一）予以公开\t56', `（一）予以公开\t${invisible}56`)
      .replace('2.重复申请', `2.重${invisible}复申请`)
      .replace('四、政府信息公开行政复议、行政诉讼情况', `${invisible}四、政府信息公开行政复议、行政诉讼情况`);
    assert.deepEqual(rules(checkText(text).findings), rules(clean), `U+${invisible.charCodeAt(0).toString(16).toUpperCase()}`);
  }
});

test('14: a fee written with the header\'s unit is a value; "约" is a finding on that cell, not a missing row', () => {
  const full = filledTemplate(2024, BODY);
  const withUnit = checkText(full.replace('行政事业性收费\t0', '行政事业性收费\t0.15万元')).findings;
  assert.deepEqual(withUnit.filter((f) => f.rule === 'cell-value' || f.rule === 'missing-row'), []);
  const approximate = checkText(full.replace('行政事业性收费\t0', '行政事业性收费\t约0.15')).findings;
  assert.deepEqual(rules(approximate.filter((f) => ['cell-value', 'missing-row', 'table-shape'].includes(f.rule))), ['cell-value']);
  assert.match(approximate.find((f) => f.rule === 'cell-value')!.message['zh-cn'], /约数/);
});

test('15: a value beyond 2^53 is said to be too large to check, never rounded, never a "fix" of a correct cell', () => {
  const big = '100000000000000000000001';
  const full = filledTemplate(2024, BODY).replace('1.结果维持', '1.结果维持');
  const text = full.replace(/^0\t0\t0\t0\t0\t/m, `${big}\t0\t0\t0\t${big}\t`);
  const findings = checkText(text).findings;
  assert.ok(findings.every((f) => !/e\+\d/.test(f.message['zh-cn']) && !/e\+\d/.test(f.message.en)), 'a message shows 1e+23');
  assert.ok(findings.every((f) => f.fixes.every((fix) => fix.edits.every((e) => !/e\+/.test(e.newText)))));
  assert.deepEqual(rules(findings.filter((f) => f.rule === 'review-total')), [], 'a correct block is reported wrong');
  assert.equal(findings.filter((f) => f.rule === 'cell-value' && /过大/.test(f.message['zh-cn'])).length, 2);
});

test('16: "8 7" or "1 2" inside one tab or pipe cell is a cell-value finding, never read as 87 or 12', () => {
  const full = filledTemplate(2024, BODY);
  for (const [written, layout] of [['8 7', 'tab'], ['1 2', 'pipe']] as const) {
    let text = full.replace('行政许可\t0', `行政许可\t${written}`);
    if (layout === 'pipe') text = text.replace('行政许可\t1 2', '行政许可 | 1 2 |');
    const report = checkText(text).report;
    const cell = report.tables.find((t) => t.kind === 'active-5')!.rows[0].cells[0];
    assert.equal(cell.kind, 'invalid', `${written}: read as ${cell.value}`);
    const finding = checkText(text).findings.find((f) => f.rule === 'cell-value');
    assert.match(finding!.message['zh-cn'], /两个数/);
  }
});
