// What the checks derive from parts of a report (the overview's prose, the placeholders of a stretch
// of text), kept by a key that holds everything the value depends on: its text, and its position
// when the value holds offsets. A checking session keeps one memo for all its checks, so a part an
// edit did not touch is not derived again; a report checked on its own gets a memo of its own.
import type { Report } from './model';

/**
 * A short stand-in for a long text as a map key. A map hashes every character of a key it is given,
 * and a slice of a new text is a new key on every check: hashing a few kilobytes costs many times
 * what comparing them with the text kept costs, so entries are found by this and then compared.
 */
export function fingerprint(text: string): string {
  return text.length <= 64 ? text : `${text.length}\u0000${text.slice(0, 24)}\u0000${text.slice(-24)}`;
}

/** Values by kind and text; a value is never undefined. */
class TextMap<V> {
  private readonly entries = new Map<string, { text: string; value: V }[]>();

  get(kind: string, text: string): V | undefined {
    return this.entries.get(`${kind}\u0000${fingerprint(text)}`)?.find((entry) => entry.text === text)?.value;
  }

  set(kind: string, text: string, value: V): void {
    const key = `${kind}\u0000${fingerprint(text)}`;
    const list = this.entries.get(key);
    if (list) list.push({ text, value });
    else this.entries.set(key, [{ text, value }]);
  }
}

export class Memo {
  /** A session's memo lasts from check to check: derived values are worth cutting into reusable parts. */
  constructor(readonly acrossChecks: boolean) {}

  private previous = new TextMap<unknown>();
  private current = new TextMap<unknown>();

  /** The value this run or the last one derived for `text`, else `derive()`. */
  get<T>(kind: string, text: string, derive: () => T): T {
    let value = this.current.get(kind, text) as T | undefined;
    if (value === undefined) {
      value = (this.previous.get(kind, text) as T | undefined) ?? derive();
      this.current.set(kind, text, value);
    }
    return value;
  }

  /** A check begins: what the last one used is kept for it, the rest dropped, so the memo holds one document's parts. */
  startRun(): void {
    this.previous = this.current;
    this.current = new TextMap();
  }
}

const memos = new WeakMap<Report, Memo>();

/** The session's memo for a report it checks (`attach`), else one for this report alone. */
export function memoOf(report: Report): Memo {
  let memo = memos.get(report);
  if (!memo) memos.set(report, (memo = new Memo(false)));
  return memo;
}

export function attachMemo(report: Report, memo: Memo): void {
  memos.set(report, memo);
}
