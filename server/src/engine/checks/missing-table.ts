import { ACTIVE_TABLES, formatOfYear, SECTIONS, tableDef, type FormatVersion, type TableKind } from '../format';
import type { Report } from '../model';
import type { Check } from '../rule';
import { localized } from '../rule';
import { tableSkeleton } from '../template';

const ORDER: TableKind[] = ['active-1', 'active-5', 'active-6', 'active-8', 'active-9', 'requests', 'review'];

/** The format of section 二 this report uses: its own tables' majority, else its year's. */
export function activeVersion(report: Report): FormatVersion {
  const versions = report.tables.filter((t) => t.kind.startsWith('active') && t.version).map((t) => t.version!);
  const old = versions.filter((v) => v === '2019').length;
  if (versions.length > 0) return old * 2 > versions.length ? '2019' : '2021';
  return formatOfYear(report.year);
}

export const missingTable: Check = {
  id: 'missing-table',
  defaultSeverity: 'error',
  fixable: true,
  description: localized('缺少必需的表格（或第二十条的某个子表）。', 'A required table (or a 第二十条 sub-table) is absent.'),
  messages: {
    missing: localized('缺少“{caption}”表格。', 'The table “{caption}” is missing.'),
    unreadable: localized(
      '“{caption}”表格无法读取：本部分有数字，但找不到表头和行标签（文字可能在转换时被打乱）。请核对原文件。',
      'The table “{caption}” could not be read: this section has numbers but no recognisable header or row labels (the text may have been scrambled in conversion). Check the original file.',
    ),
  },
  check: function missingTable(context) {
    const { report } = context;
    // A text with no report structure at all is not a report missing everything.
    if (report.tables.length === 0 && report.sections.length === 0 && !report.title) return;
    const present = new Set(report.tables.map((t) => t.kind));
    const version = activeVersion(report);
    const required: TableKind[] = [...ACTIVE_TABLES[version], 'requests', 'review'];
    const lastPresent = Math.max(-1, ...report.tables.map((t) => ORDER.indexOf(t.kind)));
    for (const kind of required) {
      if (present.has(kind)) continue;
      // Past the point where an excerpt stops, a table is cut off, not missing.
      if (report.truncated && ORDER.indexOf(kind) > lastPresent) continue;
      const def = tableDef(kind);
      const sectionOrdinal = SECTIONS.find((s) => s.id === def.section)!.ordinal;
      const section = report.sections.find((s) => s.titleId === def.section) ?? report.sections.find((s) => s.ordinal === sectionOrdinal);
      const span = section ? section.headingSpan : { start: 0, end: 0 };
      // Table 三 or 四 alone makes its section: numbers there are that table, unread, not a missing one.
      if (section && (kind === 'requests' || kind === 'review') && numbersIn(report, section) >= MIN_TABLE_NUMBERS) {
        context.emit({ message: 'unreadable', args: { caption: def.caption }, span, severity: 'warning' });
        continue;
      }
      const anchor = insertionPoint(report, kind, section?.headingSpan.end);
      context.emit({
        message: 'missing',
        args: { caption: kind.startsWith('active') ? def.caption : def.caption },
        span,
        fixes:
          anchor === undefined
            ? []
            : [
                {
                  title: localized(`插入“${def.caption}”空表（数字空白，待填写）`, `Insert an empty “${def.caption}” table (cells blank, to fill in)`),
                  edits: [{ span: { start: anchor, end: anchor }, newText: tableText(kind, version, report, anchor) }],
                },
              ],
      });
    }
  },
};

/** Numbers standing alone, four or more (a row of table 四 with its blanks lost), are a table, not figures in prose. */
const MIN_TABLE_NUMBERS = 4;

/** Numbers standing alone (between spaces or on a line of their own) in the section's text outside its tables' spans. */
function numbersIn(report: Report, section: Report['sections'][number]): number {
  let count = 0;
  const tables = report.tables.filter((t) => t.span.start < section.span.end && t.span.end > section.span.start);
  const text = report.text.slice(section.headingSpan.end, section.span.end);
  const alone = /(?<=^|[ \t\u3000|])[0-9０-９]+(?=$|[ \t\u3000|])/gm;
  for (let m = alone.exec(text); m; m = alone.exec(text)) {
    const at = section.headingSpan.end + m.index;
    if (!tables.some((t) => at >= t.span.start && at < t.span.end)) count++;
  }
  return count;
}

/** After the table that precedes this one, else after the section heading line. */
function insertionPoint(report: Report, kind: TableKind, headingEnd: number | undefined): number | undefined {
  const before = report.tables.filter((t) => ORDER.indexOf(t.kind) < ORDER.indexOf(kind) && tableDef(t.kind).section === tableDef(kind).section);
  if (before.length > 0) return lineEndAfter(report, before[before.length - 1].span.end);
  return headingEnd === undefined ? undefined : lineEndAfter(report, headingEnd);
}

function lineEndAfter(report: Report, offset: number): number {
  const line = report.lines.lineOf(offset);
  return report.lines.lineEnd(line);
}

function tableText(kind: TableKind, version: FormatVersion, report: Report, at: number): string {
  const tableVersion: FormatVersion = kind.startsWith('active') ? version : formatOfYear(report.year);
  const skeleton = tableSkeleton(kind, tableVersion).replace(/\n$/, '');
  return (at > 0 ? '\n' : '') + skeleton;
}
