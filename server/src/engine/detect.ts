// Whether a text is an annual report at all: the one test the editor (which documents it checks) and
// the CLI (which files of a folder it checks, and which it may ever write with --fix) share. Strict
// enough that a note quoting a few rows of a table, or a page of documentation quoting section
// headings in a code block, is not a report; loose enough for every excerpt of a real report.
// Cheap by design: it runs on every change of every open document, so it reads lines with regular
// expressions, never the parser, and stops as soon as it knows.
import { SECTIONS } from './format';
import { matchKey } from './text';

/** How far down the title may sit: a body name, a date or a blank line often precede it. */
const TITLE_LINES = 10;
/** Longer lines are prose, not a title or a heading; the cap also keeps the patterns linear on a huge line. */
const MAX_LINE = 120;
const ENOUGH_SECTIONS = 3;

// Matched against a line's match key (simplified, half-width, no spaces or punctuation). Some
// bodies drop 工作 from the title.
const TITLE = /(?:\d{4}|[〇零一二三四五六七八九]{4})年.*政府信息公开(?:工作)?年度报告/;
// The first table's caption on a line of its own (table cell marks and heading marks around it are
// layout); quoted inside a sentence or beside other cells, it is a mention, not a table.
const FIRST_CAPTION = /^[\s#>*|]*第\s*二\s*十\s*[条條]\s*第\s*[（(]\s*一\s*[)）]\s*[项項][\s|*]*$/;
// A line that starts with a section ordinal, after any Markdown heading or emphasis marks.
const SECTION_HEADING = /^[ \t\u3000#>*]*[一二三四五六]\s*[、.．,，]\s*(\S.*)$/;
// A Markdown code fence: what it encloses is quoted text, not the document's own structure.
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

const SECTION_KEYS = SECTIONS.map((section) => ({
  id: section.id,
  keys: [section.title, ...section.variants].map(matchKey),
}));

export function looksLikeReport(text: string): boolean {
  const sections = new Set<string>();
  let fence: string | undefined;
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const content = text.slice(start, Math.min(end, start + MAX_LINE)).replace(/\r$/, '');
    const complete = end - start <= MAX_LINE;
    start = end + 1;
    const fenceMark = FENCE.exec(content)?.[1];
    if (fenceMark && (!fence || (fenceMark[0] === fence[0] && fenceMark.length >= fence.length))) {
      fence = fence ? undefined : fenceMark;
      continue;
    }
    if (fence) continue;
    if (line < TITLE_LINES && TITLE.test(matchKey(content))) return true;
    if (complete && FIRST_CAPTION.test(content)) return true;
    const heading = SECTION_HEADING.exec(content);
    if (heading) {
      const key = matchKey(heading[1]);
      const section = SECTION_KEYS.find((s) => s.keys.some((k) => key.startsWith(k)));
      if (section) sections.add(section.id);
      if (sections.size >= ENOUGH_SECTIONS) return true;
    }
  }
  return false;
}
