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

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe('looksLikeReport', () => {
  test('every seed and corpus report', () => {
    assert.ok(realReports.length > 0, `reports under ${shared}`);
    for (const { name, text } of realReports) assert.ok(looksLikeReport(text), name);
  });

  test('every report fixture (all but the one that is deliberately no report)', () => {
    const fixtures = filesUnder(path.join(root, 'test', 'fixtures')).filter((file) => file.endsWith('.txt'));
    assert.ok(fixtures.length > 100);
    for (const file of fixtures) {
      const text = readFileSync(file, 'utf8');
      assert.equal(looksLikeReport(text), !file.endsWith('no-structure.txt'), path.relative(root, file));
    }
  });

  // Issue 12.4: the CLI's folder --fix rewrote these; the CLI and the editor now share this one test.
  test("this project's rule pages are not reports, though they quote headings and captions", () => {
    const pages = readdirSync(path.join(root, 'docs', 'rules'));
    assert.ok(pages.length > 20);
    for (const page of pages) assert.ok(!looksLikeReport(readFileSync(path.join(root, 'docs', 'rules', page), 'utf8')), page);
  });

  test("a reviewer's note quoting rows of table 三 is not a report", () => {
    const note = [
      '# 审阅意见',
      '请核对表三以下四行：',
      '一、本年新收政府信息公开申请数量\t10\t1\t0\t0\t0\t0\t11',
      '二、上年结转政府信息公开申请数量\t1\t1\t0\t0\t0\t0\t2',
      '三、本年度办理结果',
      '（一）予以公开\t9\t2\t0\t0\t0\t0\t11',
    ].join('\n');
    assert.ok(!looksLikeReport(note));
  });

  test('section headings and captions inside a code block are quotations', () => {
    const fenced = '# 说明\n\n```\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n第二十条第（一）项\n```\n';
    assert.ok(!looksLikeReport(fenced));
    assert.ok(looksLikeReport(fenced.replace(/```\n/g, '')), 'the same lines outside the block are a report');
  });

  test('a caption mentioned in a sentence or beside other cells is not a table', () => {
    assert.ok(!looksLikeReport('| 第二十条第（一）项 | 本年新制作数量、本年新公开数量 | 本年制发件数 |\n'));
    assert.ok(!looksLikeReport('见第二十条第（一）项的说明。'));
    assert.ok(looksLikeReport('### 第二十条第（一）项\n'));
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
    assert.ok(looksLikeReport('\t第二十条 第(一)项\r\n信息内容'));
    assert.ok(!looksLikeReport('依据第二十条规定'));
  });

  test('a 2 MB line is answered quickly', () => {
    const started = Date.now();
    assert.ok(!looksLikeReport('2025年'.repeat(400_000)));
    assert.ok(Date.now() - started < 2_000);
  });
});
