// An error as what it is about, so that two readings of the same report compare even when one of
// them names a relation the other could not check.
import { checkText } from '../../server/src/engine';

const ARITHMETIC = new Set(['row-total', 'column-total', 'balance', 'review-total']);
/**
 * What an error is about: an arithmetic one its cell (row, column, written value), whatever relations
 * it names, or, when no cell could be blamed, the relation; any other its message. The report's
 * errors also stand for every relation they name.
 */
export function errorKeys(text: string): { own: string[]; covered: Set<string> } {
  const own: string[] = [];
  const covered = new Set<string>();
  for (const f of checkText(text).findings) {
    if (f.severity !== 'error') continue;
    const message = f.message['zh-cn'];
    if (!ARITHMETIC.has(f.rule)) {
      own.push(`${f.rule} ${message}`);
      covered.add(own[own.length - 1]);
      continue;
    }
    const relations = [...message.matchAll(/“([^”]+)”(?=、|不成立)/g)].map((m) => `relation ${m[1]}`);
    const cell = /“([^”]+)”行“([^”]+)”列填报 ?([^，,]+)，(应为)?/.exec(message);
    const cellKey = cell && `arithmetic ${cell[1]}/${cell[2]}: ${cell[3]}`;
    own.push(cell?.[4] ? cellKey! : relations[0]);
    // A relation the report breaks covers a correction of the cell it names, found once rows are placed.
    for (const key of [cellKey, ...relations]) if (key) covered.add(key);
  }
  return { own, covered };
}
