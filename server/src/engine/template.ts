// A new report draft in the 2021 format, and the table skeletons other code inserts into a report.
// Every label comes from format.ts; this file only adds the prose a clerk replaces.
// Tables are written one row per line with tab-separated cells: the layout an office suite
// produces when a table is pasted as text, and the one with no ambiguity about which number
// belongs to which column.
import {
  ACTIVE_TABLES,
  BASIS_2021,
  CHINESE_NUMERALS,
  REVIEW_BLOCKS,
  SECTIONS,
  requestDataRows,
  tableDef,
  type FormatVersion,
  type SectionId,
  type TableKind,
} from './format';

const TAB = '\t';

/** The format's header note of table 三, printed inside the table itself. */
const REQUESTS_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const APPLICANTS = '申请人情况';
/** Merged header over every applicant column between 自然人 and 总计. */
const ORGANISATIONS = '法人或其他组织';
/** Header of the label column of the 第二十条 sub-tables. */
const CONTENT = '信息内容';

/** The five topics the 2021 format lists for 一、总体情况, each with what the clerk writes there. */
const OVERVIEW_TOPICS: [heading: string, hint: string][] = [
  ['主动公开', '概述本年度主动公开政府信息的情况：公开的主要内容、渠道和数量，政策解读和回应关切情况。'],
  ['依申请公开', '概述本年度办理政府信息公开申请的情况，与第三部分表格的数据保持一致。'],
  ['政府信息管理', '概述政府信息公开属性认定、发布前审查、动态更新等管理制度的执行情况。'],
  ['政府信息公开平台建设', '概述政府网站、政务新媒体等公开平台的建设和管理情况。'],
  ['监督保障', '概述考核、培训、社会评议和责任追究等监督保障情况。'],
];

/**
 * An instruction the template writes for the clerk to replace ("（请在此概述…）"): while one is left
 * in, the report is not finished, and its words (信息处理费 in 六) say nothing about the report.
 */
export const TEMPLATE_INSTRUCTION = /[（(]请在此[^（()）\n]{0,300}[）)]/g;

const SECTION_PROSE: Partial<Record<SectionId, string>> = {
  overview: '（请在此概述本年度政府信息公开工作的总体情况。）',
  problems: '（请在此说明上一年度存在问题的整改情况、本年度存在的主要问题及改进措施。）',
  other: '（请在此说明本年度收取信息处理费的情况，例如：本年度未收取信息处理费。没有其他需要报告的事项的，请写明“无”。）',
};

function sectionHeading(id: SectionId): string {
  const section = SECTIONS.find((s) => s.id === id)!;
  return `${CHINESE_NUMERALS[section.ordinal - 1]}、${section.title}`;
}

const blanks = (count: number): string[] => Array<string>(count).fill('');
/** One header line; empty cells at the end are left out, as a spreadsheet copied as text does. */
const line = (cells: string[]): string => {
  let end = cells.length;
  while (end > 1 && cells[end - 1] === '') end--;
  return cells.slice(0, end).join(TAB) + '\n';
};
/** One data row with every value cell blank: its tabs are kept, each blank is a cell to fill. */
const blankRow = (label: string | undefined, count: number): string => [...(label === undefined ? [] : [label]), ...blanks(count)].join(TAB) + '\n';

/**
 * The text of one table in the given format: header rows with the column labels, then one line
 * per row ("label<TAB><TAB>…", every value cell blank, as the official Word template leaves them:
 * a number the clerk did not type is never written for them), group rows as a label alone.
 * Every line ends in "\n".
 */
export function tableSkeleton(kind: TableKind, version: FormatVersion = '2021'): string {
  const def = tableDef(kind);
  const columns = def.columns[version];
  if (columns.length === 0) throw new Error(`table ${kind} does not exist in the ${version} format`);
  switch (kind) {
    case 'requests': {
      const dataRows = new Set(requestDataRows(version).map((r) => r.id));
      const middle = columns.slice(1, -1).map((c) => c.label);
      let text =
        line([REQUESTS_NOTE, APPLICANTS]) +
        line(['', columns[0].label, ORGANISATIONS, ...blanks(middle.length - 1), columns[columns.length - 1].label]) +
        line(['', '', ...middle]);
      for (const row of def.rows.filter((r) => r.versions.includes(version))) {
        text += dataRows.has(row.id) ? blankRow(row.label, columns.length) : line([row.label]);
      }
      return text;
    }
    case 'review': {
      // The format prints "行政诉讼（未经复议直接起诉）" as 行政诉讼 spanning both litigation blocks,
      // over 未经复议直接起诉 and 复议后起诉.
      const parts = columns.length / REVIEW_BLOCKS.length;
      const blocks = REVIEW_BLOCKS.map((block) => /^(.+?)(?:（(.+)）)?$/.exec(block.label)!);
      const top = blocks.flatMap(([, group], i) => [i > 0 && blocks[i - 1][1] === group ? '' : group, ...blanks(parts - 1)]);
      const sub = blocks.flatMap(([, , detail]) => [detail ?? '', ...blanks(parts - 1)]);
      return line(top) + line(sub) + line(columns.map((c) => c.label)) + blankRow(undefined, columns.length);
    }
    default: {
      let text = line([def.caption]) + line([CONTENT, ...columns.map((c) => c.label)]);
      for (const row of def.rows.filter((r) => r.versions.includes(version))) {
        text += blankRow(row.label, columns.length);
      }
      return text;
    }
  }
}

/**
 * A complete new report on `year` in the 2021 format, every table present with its value cells
 * blank and every paragraph an instruction "（请在此…）" that `placeholder` reports until replaced.
 */
export function templateReport(year: number, body = ''): string {
  const contact = body || '本机关';
  const partList = SECTIONS.map((s) => s.title).join('、');
  const paragraphs: string[] = [
    `${body}${year}年政府信息公开工作年度报告\n`,
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（${BASIS_2021}）要求编制，` +
      `包括${partList}，共${CHINESE_NUMERALS[SECTIONS.length - 1]}部分。` +
      `本报告中所列数据的统计期限为${year}年1月1日至${year}年12月31日。如对本报告有疑问，请与${contact}联系。\n`,
    sectionHeading('overview') + '\n' + SECTION_PROSE.overview + '\n' +
      OVERVIEW_TOPICS.map(([heading, hint], i) => `（${CHINESE_NUMERALS[i]}）${heading}\n（请在此${hint}）\n`).join(''),
    sectionHeading('active') + '\n' + ACTIVE_TABLES['2021'].map((kind) => tableSkeleton(kind)).join(''),
    sectionHeading('requests') + '\n' + tableSkeleton('requests'),
    sectionHeading('review') + '\n' + tableSkeleton('review'),
    sectionHeading('problems') + '\n' + SECTION_PROSE.problems + '\n',
    sectionHeading('other') + '\n' + SECTION_PROSE.other + '\n',
  ];
  return paragraphs.join('\n');
}
