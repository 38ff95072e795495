// A file's status in words, shared by the summary page and the CSV summary.
import type { Locale } from '../../engine';
import { counts, type FileResult } from '../results';

export function statusText(result: FileResult, locale: Locale): string {
  const en = locale === 'en';
  if (result.status === 'unreadable') return (en ? 'unreadable: ' : '无法读取：') + result.reason![locale];
  if (result.status === 'not-report') return en ? 'not a report' : '不是年度报告';
  if (result.writeError) return (en ? 'fixes not written: ' : '修正未写入：') + result.writeError[locale];
  const { errors, warnings } = counts(result);
  const state = errors > 0 ? (en ? 'errors' : '有错误') : warnings > 0 ? (en ? 'warnings' : '有警告') : en ? 'passed' : '通过';
  return result.fixed ? state + (en ? ' (fixes written)' : '（已写入修正）') : state;
}
