// `--format csv`: one line per finding (or, with --summary, one per report) for Excel and scripts.
// RFC 4180 quoting, CRLF line ends, and a UTF-8 byte-order mark, without which Excel on a Chinese
// Windows reads UTF-8 as GBK and shows nonsense.
import type { Locale } from '../../engine';
import { counts, formatLabel, locationText, proposedFix, severityName, type FileResult } from '../results';
import { statusText } from './status';

const HEADERS = {
  findings: {
    'zh-cn': ['文件', '单位', '年度', '规则', '级别', '位置', '说明', '修正'],
    en: ['file', 'body', 'year', 'rule', 'severity', 'location', 'message', 'fix'],
  },
  summary: {
    'zh-cn': ['文件', '单位', '年度', '表格格式', '错误', '警告', '其他', '状态', '读取说明'],
    en: ['file', 'body', 'year', 'format', 'errors', 'warnings', 'other', 'status', 'reading notes'],
  },
};

export function toCsv(results: FileResult[], locale: Locale, summary: boolean): string {
  const rows: (string | number)[][] = [];
  if (summary) {
    rows.push(HEADERS.summary[locale]);
    for (const r of results) {
      const tally = counts(r);
      const notes = (r.warnings ?? []).map((w) => w[locale]).join(locale === 'en' ? '; ' : '；');
      rows.push([r.file, r.body ?? '', r.year ?? '', formatLabel(r), tally.errors, tally.warnings, tally.others, statusText(r, locale), notes]);
    }
  } else {
    rows.push(HEADERS.findings[locale]);
    for (const r of results) {
      for (const d of r.diagnostics) {
        rows.push([r.file, r.body ?? '', r.year ?? '', d.rule, severityName(d.severity, locale), locationText(d, locale), d.message[locale], proposedFix(d, locale)]);
      }
    }
  }
  return '\uFEFF' + rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: string | number): string {
  if (typeof value === 'number') return String(value);
  // A cell starting with = + - @ is a formula to Excel: a hostile file name or cell text must stay text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
