// Which plain-text and Markdown documents the editor treats as reports.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { looksLikeReport } from '../../server/src/engine/detect';

// Beside the repository; found from the repository root, wherever this file was bundled to.
let root = __dirname;
while (!existsSync(path.join(root, 'package.json'))) {
  if (path.dirname(root) === root) throw new Error(`no repository above ${__dirname}`);
  root = path.dirname(root);
}
const shared = path.resolve(root, '..', 'shared');
const realReports = ['seeds', 'corpus'].flatMap((folder) =>
  readdirSync(path.join(shared, folder))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => ({ name: `${folder}/${name}`, text: readFileSync(path.join(shared, folder, name), 'utf8') })),
);

describe('looksLikeReport', () => {
  test('every seed and corpus report', () => {
    assert.ok(realReports.length > 0, `reports under ${shared}`);
    for (const { name, text } of realReports) assert.ok(looksLikeReport(text), name);
  });

  test('a title in the first lines, after the body name', () => {
    assert.ok(looksLikeReport('巨鹿县人民政府办公室\n2025年政府信息公开工作年度报告\n\n正文'));
    assert.ok(looksLikeReport('# 石龙区人民政府办公室 2023 年政府信息公开工作年度报告\n'));
    assert.ok(looksLikeReport('沭阳县发展和改革局2023年政府信息公开年度报告\n'));
    assert.ok(looksLikeReport('某某镇人民政府二〇二二年政府信息公开工作年度报告'));
  });

  test('a title far down is prose, not a title', () => {
    assert.ok(!looksLikeReport('备忘\n'.repeat(20) + '关于2025年政府信息公开工作年度报告的起草分工\n'));
  });

  test('three of the six section headings, in any heading style', () => {
    assert.ok(looksLikeReport('一、总体情况\n正文\n二、主动公开政府信息情况\n正文\n五、存在的主要问题及改进措施\n'));
    assert.ok(looksLikeReport('## 一、总体情况\n\n## 三、收到和处理政府信息公开申请情况\n\n## 六、其他需要报告的事项\n'));
    assert.ok(looksLikeReport('一、總體情況\n二、主動公開政府信息情況\n六、其他需要報告的事項\n'));
  });

  test('two headings are not enough; ordinary numbered notes are not reports', () => {
    assert.ok(!looksLikeReport('一、总体情况\n二、主动公开政府信息情况\n'));
    assert.ok(!looksLikeReport('周会纪要\n一、上周工作\n二、本周计划\n三、其他事项\n'));
    assert.ok(!looksLikeReport(''));
  });

  test('the first 第二十条 caption, in either width or script', () => {
    assert.ok(looksLikeReport('表格如下\n第二十条第（一）项\n信息内容\n'));
    assert.ok(looksLikeReport('第二十條第(一)項 | |||||'));
    assert.ok(!looksLikeReport('依据第二十条规定'));
  });

  test('a 2 MB line is answered quickly', () => {
    const started = Date.now();
    assert.ok(!looksLikeReport('2025年'.repeat(400_000)));
    assert.ok(Date.now() - started < 2_000);
  });
});
