// Hovers on seed 003's cells: names for every cell, formulas with the document's values on totals.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { checkText, type Locale } from '../../server/src/engine';
import { hoverAt } from '../../server/src/engine/hover';

let root = __dirname;
while (!existsSync(path.join(root, 'package.json'))) {
  if (path.dirname(root) === root) throw new Error(`no repository above ${__dirname}`);
  root = path.dirname(root);
}
const SEED_003 = readFileSync(path.resolve(root, '..', 'shared', 'seeds', '003_bb67cb1c2b4a6a16.txt'), 'utf8');

/** The hover at a 0-based line of the text, on the first non-tab character. */
function hoverOn(text: string, line: number, locale: Locale = 'zh-cn'): string | undefined {
  const { report } = checkText(text);
  const character = text.split('\n')[line].search(/[^\t ]/);
  return hoverAt(report, report.lines.offsetAt({ line, character }), locale);
}

function withLine(text: string, line: number, content: string): string {
  const lines = text.split('\n');
  lines[line] = content;
  return lines.join('\n');
}

describe('hoverAt', () => {
  test('a wrong row total: the sum of its six cells and the difference', () => {
    assert.equal(
      hoverOn(SEED_003, 113),
      '**（二）部分公开 · 总计**\n\n' +
        '行合计：总计 = 自然人 2 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 2，填报 0，相差 2',
    );
  });

  test('in English, with the document labels kept', () => {
    assert.equal(
      hoverOn(SEED_003, 256, 'en'),
      '**（五）2.重复申请 · 总计**\n\n' +
        'Row total: 总计 = 自然人 1 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 1, written 0, off by 1',
    );
  });

  test('a cell that is no total: its row and column only', () => {
    assert.equal(hoverOn(SEED_003, 107), '**（二）部分公开 · 自然人**');
    assert.equal(hoverOn(SEED_003, 25), '**行政规范性文件 · 本年制发件数**');
  });

  test('（七）总计 · 总计: the balance, the column total (non-zero rows listed) and the row total', () => {
    assert.equal(
      hoverOn(SEED_003, 332),
      '**（七）总计 · 总计**\n\n' +
        '勾稽关系：一 + 二 = 16 + 0 = 16；（七） + 四 = 16 + 0 = 16\n\n' +
        '列合计：（七）总计 = （一）予以公开 13 + 其余 20 项 0 = 13，填报 16，相差 3\n\n' +
        '行合计：总计 = 自然人 13 + 商业企业 1 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 2 + 其他 0 = 16，填报 16',
    );
  });

  test('a cell of 一: the balance of its column', () => {
    assert.equal(
      hoverOn(SEED_003, 78),
      '**一、本年新收政府信息公开申请数量 · 自然人**\n\n勾稽关系：一 + 二 = 13 + 0 = 13；（七） + 四 = 13 + 0 = 13',
    );
  });

  test('table 四: a block total', () => {
    assert.equal(
      hoverOn(SEED_003, 388),
      '**行政复议·总计**\n\n合计：总计 = 结果维持 1 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 1，填报 1',
    );
  });

  test('a blank part counts as 0 and says so', () => {
    const text = withLine(SEED_003, 251, '\t—');
    assert.match(hoverOn(text, 256) ?? '', /商业企业 0（空）/);
  });

  test('prose has no hover', () => {
    assert.equal(hoverOn(SEED_003, 5), undefined);
  });
});
