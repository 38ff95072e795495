// .html: decoded by its byte-order mark, else its <meta charset>, else UTF-8 when the bytes are valid
// UTF-8 and GB18030 when not (government sites often serve gb2312/GBK); parsed with htmlparser2
// (never run: scripts are skipped like del/s/strike); rendered as a browser's copy of the page would
// be, then cut down to the report itself, found by its title and its six sections.
import { Parser } from 'htmlparser2';
import { DomHandler, type ChildNode, type Element } from 'domhandler';
import type { Localized, Span } from '../engine';
import { LineIndex } from '../engine/text';
import { render, unitAt, unreadable, type Block, type CellBlock, type DocumentLocation, type DocumentRead, type ParagraphBlock, type Rendered, type RowBlock, type TableBlock } from './model';

const SKIPPED = new Set(['script', 'style', 'del', 's', 'strike', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'embed', 'svg', 'canvas', 'select', 'textarea', 'button', 'audio', 'video', 'map']);
const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'section', 'article', 'header', 'footer', 'nav', 'aside', 'main',
  'blockquote', 'pre', 'form', 'dl', 'dt', 'dd', 'hr', 'address', 'figure', 'figcaption', 'fieldset', 'center', 'caption', 'body', 'html', 'tr', 'table',
]);

/** The charset a page declares in its first bytes (<meta charset> or http-equiv Content-Type). */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const match = /<meta[^>]{0,400}?charset\s*=\s*["']?\s*([a-z0-9_\-:.]{1,40})/i.exec(head);
  return match?.[1].toLowerCase();
}

export function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const declared = declaredCharset(bytes);
  if (declared && !/^utf-?8$/.test(declared)) {
    // gb2312 and gbk pages routinely hold characters outside their charset: GB18030 is the superset.
    const label = /^(?:gb2312|gbk|gb_2312.*|x-gbk|cp936|euc-cn|hz-gb-2312|gb18030)$/.test(declared) ? 'gb18030' : declared;
    try {
      return { text: new TextDecoder(label).decode(bytes), encoding: label };
    } catch {
      // An unknown label: fall through to the byte test.
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

const MAX_DEPTH = 1000;

/**
 * The DOM builder, refusing a page nested deeper than any real one: the parser keeps its open
 * elements in a list it shifts at every tag (quadratic in the depth), and the reader walks the tree
 * recursively. Counted on the parser's own open and close events, so implied closes count as it does.
 */
class BoundedDomHandler extends DomHandler {
  private depth = 0;

  override onopentag(name: string, attributes: Record<string, string>): void {
    if (++this.depth > MAX_DEPTH) {
      throw unreadable(`网页的元素嵌套超过 ${MAX_DEPTH} 层，不是正常的网页，不予读取`, `The page nests its elements more than ${MAX_DEPTH} deep, which no real page does: not read`);
    }
    super.onopentag(name, attributes);
  }

  override onclosetag(): void {
    this.depth--;
    super.onclosetag();
  }
}

const hidden = (element: Element) =>
  element.attribs.hidden !== undefined || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(element.attribs.style ?? '');

function toBlocks(nodes: ChildNode[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: ParagraphBlock | undefined;
  const flush = () => {
    if (paragraph) blocks.push(paragraph);
    paragraph = undefined;
  };
  const current = () => (paragraph ??= { kind: 'paragraph', pieces: [] });

  const walk = (node: ChildNode) => {
    if (node.type === 'text') {
      const exact = node.endIndex !== null && node.startIndex !== null && node.endIndex - node.startIndex + 1 === node.data.length;
      // Where entities were decoded the characters no longer line up: point at the text's start.
      if (exact || node.startIndex === null) current().pieces.push({ text: node.data, at: node.startIndex ?? undefined });
      else for (const ch of node.data) current().pieces.push({ text: ch, at: node.startIndex });
      return;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return;
    const element = node as Element;
    const name = element.name.toLowerCase();
    if (SKIPPED.has(name) || hidden(element)) return;
    if (name === 'br') {
      current().pieces.push({ text: '', lineBreak: true });
      return;
    }
    if (name === 'table') {
      flush();
      blocks.push(...table(element));
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    element.children.forEach(walk);
    if (block) flush();
  };
  nodes.forEach(walk);
  flush();
  return blocks;
}

const elementChildren = (element: Element) => element.children.filter((c): c is Element => c.type === 'tag');

/** A <table> → its caption as a paragraph, then the table (thead rows first, tfoot rows last). */
function table(element: Element): Block[] {
  const out: Block[] = [];
  const head: Element[] = [];
  const body: Element[] = [];
  const foot: Element[] = [];
  for (const child of elementChildren(element)) {
    const name = child.name.toLowerCase();
    if (name === 'caption') out.push(...toBlocks([child]));
    else if (name === 'tr') body.push(child);
    else if (name === 'thead' || name === 'tbody' || name === 'tfoot') {
      const rows = elementChildren(child).filter((r) => r.name.toLowerCase() === 'tr');
      (name === 'thead' ? head : name === 'tfoot' ? foot : body).push(...rows);
    }
  }
  const rows: RowBlock[] = [...head, ...body, ...foot]
    .filter((tr) => !hidden(tr))
    .map((tr, r) => ({
      number: r + 1,
      cells: elementChildren(tr)
        .filter((td) => /^t[dh]$/i.test(td.name) && !hidden(td))
        .map((td, c): CellBlock => ({ number: c + 1, blocks: toBlocks(td.children) })),
    }));
  const tableBlock: TableBlock = { kind: 'table', rows };
  out.push(tableBlock);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The report inside the page

const SECTION_HEADING = /^([一二三四五六])\s*[、.．,，]\s*(?:[^\t]{0,6}(?:总体情况|概述|主动公开|收到和处理|依申请|行政复议|行政诉讼|存在的主要问题|问题|其他需要报告|其他事项|其他))/;
const TITLE = /年度报告|年报/;
const CHROME =
  /^(?:附件(?:下载)?\s*[:：]?|相关附件|相关(?:链接|文章|信息|阅读|推荐)|【?\s*(?:打印|关闭|收藏)|打印本页|关闭窗口|分享到|分享至|扫一扫|上一篇|下一篇|责任编辑|编辑[:：]|版权所有|主办单位|承办单位|网站标识码|网站地图|联系我们|返回顶部|我要纠错|【\s*字体|字号[:：]|浏览次数|阅读次数|访问量)|ICP备|公网安备/;

interface Range {
  start: number;
  end: number;
}

/** Lines [start, end) of the report: from its title (or section 一) to the end of its last section. */
function reportLines(lines: string[]): Range | undefined {
  const headings = lines.map((line, i) => ({ i, ordinal: SECTION_HEADING.exec(line)?.[1] })).filter((h) => h.ordinal);
  const first = headings.find((h) => h.ordinal === '一');
  if (!first) return undefined;
  const last = headings.filter((h) => h.i >= first.i).at(-1)!;
  let start = first.i;
  for (let i = first.i - 1; i >= Math.max(0, first.i - 20); i--) {
    if (TITLE.test(lines[i]) && lines[i].length <= 80 && !CHROME.test(lines[i])) {
      start = i;
      break;
    }
  }
  let end = last.i + 1;
  while (end < lines.length && !CHROME.test(lines[end].trim())) end++;
  // Trailing blank lines belong to the chrome.
  while (end > last.i + 1 && lines[end - 1].trim() === '') end--;
  return { start, end };
}

function slice(rendered: Rendered, from: number, to: number): Rendered {
  return {
    text: rendered.text.slice(from, to),
    origins: rendered.origins.slice(from, to),
    units: rendered.units
      .filter((u) => u.start >= from && u.end <= to)
      .map((u) => ({ ...u, start: u.start - from, end: u.end - from, sources: u.sources.map((s) => ({ at: s.at, rendered: s.rendered < 0 ? -1 : s.rendered - from })) })),
  };
}

export function readHtml(bytes: Uint8Array): DocumentRead {
  const { text: source, encoding } = decodeHtml(bytes);
  const handler = new BoundedDomHandler(undefined, { withStartIndices: true, withEndIndices: true });
  new Parser(handler, { decodeEntities: true, lowerCaseTags: true }).end(source);
  const document = handler.root;
  const page = render(toBlocks(document.children), { collapseProse: true });
  const warnings: Localized[] = [];
  const lines = page.text.split('\n');
  const range = reportLines(lines);
  let rendered = page;
  if (range && (range.start > 0 || range.end < lines.length)) {
    const offsets = [0];
    for (const line of lines) offsets.push(offsets[offsets.length - 1] + line.length + 1);
    const left = lines.filter((line, i) => (i < range.start || i >= range.end) && line.trim() !== '').length;
    rendered = slice(page, offsets[range.start], Math.min(page.text.length, offsets[range.end] - 1));
    if (left > 0) {
      warnings.push({
        'zh-cn': `网页中报告以外的内容（导航、分享按钮、附件下载、页脚等 ${left} 行）未作检查`,
        en: `${left} line(s) of the page outside the report (navigation, share buttons, attachments, footer) were left out`,
      });
    }
  }
  if (encoding !== 'utf-8' && encoding !== 'utf-16le' && encoding !== 'utf-16be' && !declaredCharset(bytes)) {
    warnings.push({ 'zh-cn': '网页未声明编码，按 GB18030 读取', en: 'The page declares no encoding: read as GB18030' });
  }
  const lineIndex = new LineIndex(source);
  return {
    kind: 'html',
    text: rendered.text,
    warnings,
    writable: false,
    locate(span: Span): DocumentLocation | undefined {
      let at = rendered.origins[Math.min(span.start, rendered.origins.length - 1)] ?? -1;
      if (at < 0) {
        const unit = unitAt(rendered.units, span.start);
        at = unit?.sources.find((s) => s.at >= 0)?.at ?? -1;
      }
      if (at < 0) return undefined;
      const { line, character } = lineIndex.positionAt(at);
      return { kind: 'html', line: line + 1, column: character + 1 };
    },
  };
}
