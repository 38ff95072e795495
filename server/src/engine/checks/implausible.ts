import type { Cell, Report, Row, Table } from '../model';
import type { Check, CheckContext } from '../rule';
import { localized } from '../rule';
import type { BodyLevel, Localized } from '../types';
import { cellName, writeCell } from './shared';

// Only 省级人民政府 and 设区的市、自治州人民政府 make 规章 (《立法法》). A township, a
// county or a district, or any of their departments never does. A 市 is left alone: a county-level
// city and a city with districts cannot be told apart by name.
const TOWNSHIP = /(?:镇|乡|街道)(?:人民政府|政府|办事处)|街道办|[镇乡]$/;
const COUNTY_GOVERNMENT = /[县旗区](?:人民政府|政府)/;
const COUNTY_DEPARTMENT = /[县旗区][^省市县区旗]{0,20}(?:局|委员会|管委会|委|办公室)$/;
// Words that contain 区 or 乡 without naming a county-level area.
const NOT_AN_AREA = /自治区|社区|园区|景区|小区|片区|校区|城乡/g;

export const implausible: Check = {
  id: 'implausible',
  defaultSeverity: 'warning',
  fixable: false,
  description: localized(
    '数值对该机关不可能成立，例如乡镇、县级机关填报了规章，或本年废止的文件多于上年现行有效与本年制发之和。',
    'A value that cannot be right for the body: 规章 from a township or a county-level body, or more documents repealed than were in force plus made.',
  ),
  messages: {
    regulations: localized(
      '{body}是{level}，无权制定规章，但“规章”行填写了 {values}。',
      '{body} is {levelEn} and cannot make 规章, yet the 规章 row reads {values}.',
    ),
    repealed: localized(
      '{cell}为 {repealed}，多于上年（{previousYear} 年度）现行有效的 {previousValid} 件与本年制发的 {made} 件之和。',
      '{cell} is {repealed}: more than the {previousValid} in force last year ({previousYear}) plus the {made} made this year.',
    ),
  },
  check: function implausible(context) {
    const { report } = context;
    const active = activeOne(report);
    if (!active) return;
    checkRegulations(context, report, active);
    const previous = context.options.previousYear;
    if (previous && report.year !== undefined && previous.year === report.year - 1) {
      const last = activeOne(previous);
      if (last && last.version === '2021' && active.version === '2021') checkRepealed(context, active, last, previous.year);
    }
  },
};

function activeOne(report: Report): Table | undefined {
  return report.tables.find((t) => t.kind === 'active-1');
}

const TOWNSHIP_LEVEL = localized('乡镇人民政府或街道办事处', 'a township government or a street office');
const COUNTY_LEVEL = localized('县级机关', 'a county-level body');

/** The level that cannot make 规章: as the project file states it, else as the body's name says. */
function levelOf(report: Report, stated: BodyLevel | undefined): Localized | undefined {
  if (stated === '乡镇') return TOWNSHIP_LEVEL;
  if (stated === '县级') return COUNTY_LEVEL;
  if (stated === '市级' || stated === '省级') return undefined;
  const name = (report.body ?? report.title?.text ?? '').replace(NOT_AN_AREA, '省');
  if (TOWNSHIP.test(name)) return TOWNSHIP_LEVEL;
  if (COUNTY_GOVERNMENT.test(name) || COUNTY_DEPARTMENT.test(name)) return COUNTY_LEVEL;
  return undefined;
}

function checkRegulations(context: CheckContext, report: Report, table: Table): void {
  const row = table.rows.find((r) => r.def.id === 'regulations');
  if (!row) return;
  const filled = row.cells.filter((c) => c.kind === 'number' && c.value !== null && c.value > 0);
  if (filled.length === 0) return;
  const level = levelOf(report, context.options.level);
  if (!level) return;
  context.emit({
    message: 'regulations',
    args: {
      body: report.body ?? report.title?.text ?? localized('本机关', 'This body'),
      level,
      levelEn: level.en,
      values: filled.map((c) => `${c.column.short} ${c.raw}`).join('、'),
    },
    span: row.labelSpan,
    fixes: [
      {
        title: localized('将“规章”行改为 0', 'Set the 规章 row to 0'),
        edits: filled.map((c) => writeCell(report, c, '0')),
      },
    ],
  });
}

function value(row: Row | undefined, column: string): { cell: Cell; value: number } | undefined {
  const cell = row?.cells.find((c) => c.column.id === column);
  return cell && cell.kind === 'number' && cell.value !== null ? { cell, value: cell.value } : undefined;
}

/** A document repealed this year was in force at the end of last year or made this year. */
function checkRepealed(context: CheckContext, table: Table, last: Table, previousYear: number): void {
  for (const row of table.rows) {
    const previousRow = last.rows.find((r) => r.def.id === row.def.id);
    const repealed = value(row, 'repealed');
    const made = value(row, 'made');
    const previousValid = value(previousRow, 'valid');
    if (!repealed || !made || !previousValid) continue;
    if (repealed.value <= previousValid.value + made.value) continue;
    context.emit({
      message: 'repealed',
      args: { cell: cellName(row, repealed.cell), repealed: repealed.value, previousYear, previousValid: previousValid.value, made: made.value },
      span: repealed.cell.span,
    });
  }
}
