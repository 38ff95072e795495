// Where each table sits: tables are found by their own content (a 第二十条 caption, the 勾稽关系 note
// or the first row of table 三, the 行政复议 header) rather than by the section they sit in, because
// real reports put tables under wrong or missing headings. A region runs from its anchor to the
// next heading, the next anchor of another table, or the first line of prose.
import { ACTIVE_CLAUSES, type TableKind } from '../format';
import { LineIndex, matchKey } from '../text';
import { levenshtein } from './labels';
import { isSkippedLine } from './tokens';

export interface Region {
  kind: TableKind;
  lines: number[];
  /** A line with digits other than a caption has been added: a repeated caption now starts a new table. */
  sawValues: boolean;
  /** The region ran into the end of the text rather than a heading or prose. */
  reachedEnd: boolean;
}

const ACTIVE_CAPTION = /第二十条第?\(?([一二三四五六七八九十]{1,2})\)?项/;

// A PDF table row ends in its numbers: "（二）部分公开（区分处理的，…） 447 7 0 0 0 0 454".
// With its blank cells lost it may end in one number, set apart by a wide gap: "（二）部分公开（…）    4".
const TRAILING_NUMBERS = /(?:(?:\s+[\d,.]+){3,}|\s{2,}[\d,.]+)\s*$/;

export function isProse(text: string): boolean {
  if (text.includes('\t') || text.includes('|')) return false;
  const trimmed = text.trim();
  if (/[。！？]/.test(trimmed)) return true;
  // A long label ends in its note: "规范性文件(行政机关制定发布的决定、公告,……)".
  if (/[)）]$/.test(trimmed)) return false;
  // Only the end of the line can hold a row's numbers; testing just that keeps the regex linear.
  // NFKC: full-width digits and ideographic spaces are numbers and spaces too.
  return trimmed.length > 50 && /[，,；;]/.test(trimmed) && !TRAILING_NUMBERS.test(trimmed.slice(-120).normalize('NFKC'));
}

// Words of every anchor, allowing the spaces PDF text puts between characters; checked on the raw
// line first so that prose lines never pay for a match key.
const ANCHOR_WORDS = /第\s*二\s*十\s*[条條]|勾\s*稽|申\s*[请請]\s*人\s*情|本\s*年\s*新\s*收|申\s*[请請]\s*[数數]\s*量|行\s*政\s*[复復複]\s*[议議]/;
// Table 三's first rows start it even with a typo ("一、本年新收府信息公开申请数量"): a converter may
// have dropped every header line before them.
const FIRST_ROWS = ['本年新收政府信息公开申请数量', '上年结转政府信息公开申请数量'];

// Table 四's row of fifteen numbers is its own anchor when its header was wrapped past recognition
// ("行政复" over "议" in a PDF's narrow column).
const REVIEW_ROW = /^\s*(?:\d+\s+){14}\d+\s*$/;

function anchorOf(text: string): TableKind | undefined {
  if (REVIEW_ROW.test(text)) return 'review';
  if (!ANCHOR_WORDS.test(text) || isProse(text)) return undefined;
  const key = matchKey(text);
  const caption = ACTIVE_CAPTION.exec(key);
  if (caption && key.length <= 60) return ACTIVE_CLAUSES[caption[1]];
  // A narrow first column wraps its note: "（本列  申请人情况", "勾稽关  其他组 商业企 …".
  if (key.includes('勾稽') || (key.includes('申请人情况') && key.length <= 20) || key.includes('本年新收政府信息公开申请数量')) return 'requests';
  const label = key.replace(/^[一二]/, '').replace(/\d.*$/, '');
  if (label.length <= 20 && FIRST_ROWS.some((row) => levenshtein(label, row, 2) <= 2)) return 'requests';
  if (key.startsWith('行政复议') && key.length <= 24) return 'review';
  return undefined;
}

export function findRegions(lines: LineIndex, headingLines: Set<number>): Region[] {
  const regions: Region[] = [];
  let current: Region | undefined;
  const close = (reachedEnd: boolean) => {
    if (current) {
      current.reachedEnd = reachedEnd;
      regions.push(current);
    }
    current = undefined;
  };
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (headingLines.has(line)) {
      close(false);
      continue;
    }
    if (text.trim().length === 0 || isSkippedLine(text)) {
      if (current) current.lines.push(line);
      continue;
    }
    const anchor = anchorOf(text);
    if (anchor && (!current || current.kind !== anchor || anchor.startsWith('active'))) {
      // A caption repeated inside its own table (a stray header row) does not start a new one.
      const repeatsCaption = current && current.kind === anchor && current.lines.length > 0 && anchor.startsWith('active') && !current.sawValues;
      if (!repeatsCaption) {
        close(false);
        current = { kind: anchor, lines: [], reachedEnd: false, sawValues: false };
      }
    } else if (current && isProse(text)) {
      close(false);
      continue;
    }
    if (current) {
      current.lines.push(line);
      if (!current.sawValues && /\d/.test(text) && !anchor) current.sawValues = true;
    }
  }
  close(true);
  return regions;
}
