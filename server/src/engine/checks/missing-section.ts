import { ACTIVE_TABLES, formatOfYear, SECTIONS, tableDef, type FormatVersion, type SectionDef, type SectionId } from '../format';
import type { Report, Table } from '../model';
import type { Check } from '../rule';
import { localized } from '../rule';
import { tableSkeleton } from '../template';
import type { Fix, Span } from '../types';
import { activeVersion } from './missing-table';
import { tableName } from './shared';
import {
  hasReportStructure,
  lineBreak,
  numeral,
  sectionLevel,
  structureOf,
  subHeadingLines,
  type SectionInfo,
  type Structure,
  type SubHeading,
} from './structure';

/** Where a missing section goes and what is inserted there. */
interface Insertion {
  def: SectionDef;
  /** Offset of a line start, or the end of the text. */
  offset: number;
  atEnd: boolean;
  /** The section's lines (heading, then body), without a final line break. */
  block: string;
  /** The table that is already there without its heading. */
  orphan?: Table;
}

/** How the document writes its section headings and placeholders, so an inserted section matches. */
interface Style {
  heading(def: SectionDef): string;
  /** A blank line after each heading (Markdown drafts). */
  blankLines: boolean;
  open: string;
  close: string;
  eol: string;
}

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}

function styleOf(report: Report, structure: Structure): Style {
  const { text, lines } = report;
  const sections = structure.sections.map((s) => s.section);
  // With no section yet, a Markdown title ("# …年度报告") puts the sections one level below it.
  const titleHashes = report.title ? /^\s*(#{1,5})\s/.exec(lines.lineText(lines.lineOf(report.title.span.start))) : null;
  const level = sections.length === 0 && titleHashes ? titleHashes[1].length + 1 : sectionLevel(report, structure);
  const separator = mostCommon(sections.map((s) => s.separator));
  const model =
    sections.find((s) => s.level === level && s.separator === separator) ?? sections.find((s) => s.level === level) ?? sections[0];
  // Copy the model's own spacing: "## " vs "##", "一、" vs "一、 ".
  const hashGap = model && model.level > 0 ? text.slice(model.headingSpan.start + model.level, model.ordinalSpan.start) : ' ';
  const afterOrdinal = model ? text.slice(model.ordinalSpan.end, model.titleSpan.start) : '、';
  const blankAfter = sections.map((s) => {
    const next = lines.lineOf(s.headingSpan.start) + 1;
    return next < lines.lineCount && lines.lineText(next).trim() === '';
  });
  const parens = structure.sections.flatMap((info) => subHeadingLines(report, info)).filter((l): l is SubHeading => l.kind === 'paren');
  const half = parens.filter((p) => p.open!.char === '(').length;
  return {
    heading: (def) => (level > 0 ? '#'.repeat(level) + hashGap : '') + numeral(def.ordinal) + afterOrdinal + def.title,
    blankLines: blankAfter.filter(Boolean).length * 2 > blankAfter.length,
    open: half * 2 > parens.length ? '(' : '（',
    close: half * 2 > parens.length ? ')' : '）',
    eol: lineBreak(report),
  };
}

const PLACEHOLDERS: Partial<Record<SectionId, string>> = {
  overview: '请在此概述本年度政府信息公开工作的总体情况。',
  problems: '请在此说明本年度政府信息公开工作存在的主要问题及改进情况。',
  other: '请在此说明其他需要报告的事项，包括信息处理费的收取情况；没有的，请写明“无”。',
};

/** The section's body: the official table skeletons (value cells blank) for 二, 三 and 四, a placeholder for the prose ones. */
function body(report: Report, def: SectionDef, style: Style): string[] {
  const byYear: FormatVersion = formatOfYear(report.year);
  const tables = (text: string) => text.replace(/\n$/, '').split('\n');
  switch (def.id) {
    case 'active': {
      const version = activeVersion(report);
      return tables(ACTIVE_TABLES[version].map((kind) => tableSkeleton(kind, version)).join(''));
    }
    case 'requests':
      return tables(tableSkeleton('requests', byYear));
    case 'review':
      return tables(tableSkeleton('review', byYear));
    default:
      return [style.open + PLACEHOLDERS[def.id]! + style.close];
  }
}

/** The text that inserts these sections' blocks at one point, keeping every existing line intact. */
function insertionText(report: Report, group: Insertion[], style: Style): string {
  const { eol } = style;
  const gap = style.blankLines ? eol + eol : eol;
  const blocks = group.map((g) => g.block).join(gap);
  if (!group[0].atEnd) return blocks + gap;
  const { text } = report;
  const endsWithBreak = /[\r\n]$/.test(text);
  const lastLine = report.lines.lineText(report.lines.lineCount - 1 - (endsWithBreak ? 1 : 0));
  const lead = (text.length > 0 && !endsWithBreak ? eol : '') + (style.blankLines && lastLine.trim() !== '' ? eol : '');
  return lead + blocks + (endsWithBreak ? eol : '');
}

/** The tables of a section's kind that no heading of that section covers. */
function orphanTable(report: Report, id: SectionId, present: SectionInfo[]): Table | undefined {
  return report.tables.find(
    (t) => tableDef(t.kind).section === id && !present.some((info) => info.id === id && t.span.start >= info.span.start && t.span.start < info.span.end),
  );
}

/** The line a finding about an insertion point sits on: the line there, or the last line with text. */
function lineSpanAt(report: Report, insertion: Insertion): Span {
  const { lines } = report;
  let line = insertion.atEnd ? lines.lineCount - 1 : lines.lineOf(insertion.offset);
  while (insertion.atEnd && line > 0 && lines.lineText(line).trim() === '') line--;
  const text = lines.lineText(line);
  const start = lines.lineStart(line) + (text.length - text.trimStart().length);
  return { start, end: Math.max(start, lines.lineEnd(line)) };
}

export const missingSection: Check = {
  id: 'missing-section',
  defaultSeverity: 'error',
  fixable: true,
  description: localized('缺少六个部分中的某一部分。', 'One of the six sections is absent.'),
  messages: {
    before: localized('缺少第{ordinal}部分“{title}”，应在此之前。', 'Part {ordinal} “{title}” is missing; it belongs before this line.'),
    after: localized('缺少第{ordinal}部分“{title}”，应在此之后。', 'Part {ordinal} “{title}” is missing; it belongs after this line.'),
    unheaded: localized(
      '缺少第{ordinal}部分的标题“{title}”：{table}前面没有这一部分的标题。',
      'Part {ordinal} has no heading “{title}”: nothing heads the {table}.',
    ),
  },
  check: function missingSection(context) {
    const { report } = context;
    if (!hasReportStructure(report)) return;
    const structure = structureOf(report);
    const present = structure.sections.filter((s) => s.id);
    const presentIds = new Set(present.map((s) => s.id!));
    const style = styleOf(report, structure);
    const { lines } = report;
    const lineStartOf = (offset: number) => lines.lineStart(lines.lineOf(offset));

    // Where each section starts (or would start): its heading, or the first of its tables left without one.
    const anchors = new Map<SectionId, number>();
    const orphans = new Map<SectionId, Table>();
    for (const def of SECTIONS) {
      const info = present.find((s) => s.id === def.id);
      if (info) anchors.set(def.id, lineStartOf(info.section.headingSpan.start));
      else {
        const orphan = orphanTable(report, def.id, present);
        if (orphan) {
          orphans.set(def.id, orphan);
          anchors.set(def.id, lineStartOf(orphan.span.start));
        }
      }
    }

    // An excerpt stops inside a table: sections after the last one it has (heading or table) are cut off, not missing.
    const lastPresent = Math.max(0, ...SECTIONS.filter((d) => anchors.has(d.id)).map((d) => d.ordinal));
    const insertions: Insertion[] = [];
    for (const def of SECTIONS) {
      if (presentIds.has(def.id)) continue;
      if (report.truncated && def.ordinal > lastPresent) continue;
      const orphan = orphans.get(def.id);
      if (orphan) {
        insertions.push({ def, offset: anchors.get(def.id)!, atEnd: false, block: style.heading(def), orphan });
        continue;
      }
      const before = SECTIONS.filter((d) => d.ordinal < def.ordinal && anchors.has(d.id)).map((d) => anchors.get(d.id)!);
      const after = SECTIONS.filter((d) => d.ordinal > def.ordinal && anchors.has(d.id)).map((d) => anchors.get(d.id)!);
      const floor = Math.max(-1, ...before);
      const next = Math.min(Infinity, ...after.filter((offset) => offset > floor));
      const block = [style.heading(def), ...(style.blankLines ? [''] : []), ...body(report, def, style)].join(style.eol);
      insertions.push(
        next === Infinity ? { def, offset: report.text.length, atEnd: true, block } : { def, offset: next, atEnd: false, block },
      );
    }

    for (const insertion of insertions) {
      const { def, orphan } = insertion;
      // Sections missing at the same point go in together, in order; one at a time would need a fix-all round each.
      const group = insertions.filter((other) => other.offset === insertion.offset && other.atEnd === insertion.atEnd);
      const single: Fix = {
        title: orphan
          ? localized(`在表格前插入标题“${style.heading(def).trim()}”`, `Insert the heading “${style.heading(def).trim()}” before the table`)
          : localized(`插入第${numeral(def.ordinal)}部分“${def.title}”`, `Insert part ${numeral(def.ordinal)} “${def.title}”`),
        edits: [{ span: { start: insertion.offset, end: insertion.offset }, newText: insertionText(report, [insertion], style) }],
      };
      const fixes: Fix[] = [];
      // Inserting a whole section writes no number (its tables' cells are blank), but it is still
      // text the clerk did not write: offered, never applied by fix-all, on save or by --fix. Only
      // a heading put over a table that is already there is safe to apply unasked.
      const safe = Boolean(orphan);
      const groupSafe = group.every((g) => g.orphan);
      if (group.length > 1 && group[0] === insertion) {
        fixes.push({
          title: localized(
            `插入缺少的第${group.map((g) => numeral(g.def.ordinal)).join('、')}部分`,
            `Insert the missing parts ${group.map((g) => numeral(g.def.ordinal)).join(', ')}`,
          ),
          edits: [{ span: { start: insertion.offset, end: insertion.offset }, newText: insertionText(report, group, style) }],
          ...(groupSafe ? { preferred: true } : {}),
        });
        fixes.push({ ...single, ...(safe && !groupSafe ? { preferred: true } : {}) });
      } else {
        fixes.push({ ...single, ...(safe ? { preferred: true } : {}) });
      }
      const args = { ordinal: numeral(def.ordinal), title: def.title, ...(orphan ? { table: tableName(orphan) } : {}) };
      context.emit({
        message: orphan ? 'unheaded' : insertion.atEnd ? 'after' : 'before',
        args,
        span: orphan ? orphan.captionSpan : lineSpanAt(report, insertion),
        fixes,
      });
    }
  },
};
