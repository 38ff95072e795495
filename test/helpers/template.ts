// The new-report template with every table filled in with zeros: the template leaves its value
// cells blank (a number nobody typed is never written), and tests that vary one table start from
// a report whose other tables are complete.
import { templateReport } from '../../server/src/engine';

export function filledTemplate(year: number, body: string): string {
  return templateReport(year, body)
    .split('\n')
    .map((line) => (/^\t{2,}$/.test(line) ? '0' + line.replace(/\t/g, '\t0') : /^[^\t]+\t+$/.test(line) ? line.replace(/\t/g, '\t0') : line))
    .join('\n');
}
