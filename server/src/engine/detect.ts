// Whether a plain-text or Markdown document is an annual report at all, so the editor checks
// reports without lecturing every other note the user opens. Cheap by design: it runs on every
// change of every such document, so it reads lines with regular expressions, never the parser.
import { SECTIONS } from './format';
import { matchKey } from './text';

/** How far down the title may sit: a body name, a date or a blank line often precede it. */
const TITLE_LINES = 10;
/** Longer lines are prose, not a title; the cap also keeps the pattern linear on a huge line. */
const TITLE_MAX_LENGTH = 120;
const ENOUGH_SECTIONS = 3;

// Matched against a line's match key (simplified, half-width, no spaces or punctuation). Some
// bodies drop 工作 from the title.
const TITLE = /(?:\d{4}|[〇零一二三四五六七八九]{4})年.*政府信息公开(?:工作)?年度报告/;
const FIRST_CAPTION = /第\s*二\s*十\s*[条條]\s*第\s*[（(]\s*一\s*[)）]\s*[项項]/;
// A line that starts with a section ordinal, after any Markdown heading or emphasis marks.
const SECTION_HEADING = /^[ \t\u3000#>*]*[一二三四五六]\s*[、.．,，]\s*(\S.*)$/gm;

const SECTION_KEYS = SECTIONS.map((section) => ({
  id: section.id,
  keys: [section.title, ...section.variants].map(matchKey),
}));

export function looksLikeReport(text: string): boolean {
  return hasTitle(text) || FIRST_CAPTION.test(text) || sectionHeadingCount(text) >= ENOUGH_SECTIONS;
}

function hasTitle(text: string): boolean {
  let start = 0;
  for (let line = 0; line < TITLE_LINES && start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (TITLE.test(matchKey(text.slice(start, Math.min(end, start + TITLE_MAX_LENGTH))))) return true;
    start = end + 1;
  }
  return false;
}

/** Distinct sections whose official or accepted title heads a line, whatever its ordinal. */
function sectionHeadingCount(text: string): number {
  const found = new Set<string>();
  for (const match of text.matchAll(SECTION_HEADING)) {
    const key = matchKey(match[1].slice(0, TITLE_MAX_LENGTH));
    const section = SECTION_KEYS.find((s) => s.keys.some((k) => key.startsWith(k)));
    if (section) found.add(section.id);
    if (found.size >= ENOUGH_SECTIONS) break;
  }
  return found.size;
}
