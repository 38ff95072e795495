// What a check derives from parts of a report (the overview's prose and its sentences, the
// placeholders of a stretch of text, a table's arithmetic), kept by what it depends on: a stretch of
// text (with its place when the value holds offsets), or an object of the model that a session
// reuses (a table, the overview's prose). A checking session keeps one memo for all its checks, so
// a part an edit did not touch is not derived again; a report checked on its own gets one for that
// check, dropped with it. (Module-level weak maps would do the same, but V8's young-generation
// collector keeps what they hold for a short-lived key and promotes it: a full check in a loop
// then fills the old generation with analyses.)

/**
 * A short stand-in for a long text as a map key. A map hashes every character of a key it is given,
 * and a slice of a new text is a new key on every check: hashing a few kilobytes costs many times
 * what comparing them with the text kept costs, so entries are found by this and then compared.
 */
export function fingerprint(text: string): string {
  return text.length <= 64 ? text : `${text.length}\u0000${text.slice(0, 24)}\u0000${text.slice(-24)}`;
}

/** What one check derived; values are never undefined. */
class Derived {
  readonly byText = new Map<string, { text: string; value: unknown }[]>();
  readonly byOwner = new Map<object, Map<string, unknown>>();

  textValue(kind: string, text: string): unknown {
    return this.byText.get(`${kind}\u0000${fingerprint(text)}`)?.find((entry) => entry.text === text)?.value;
  }

  setTextValue(kind: string, text: string, value: unknown): void {
    const key = `${kind}\u0000${fingerprint(text)}`;
    const list = this.byText.get(key);
    if (list) list.push({ text, value });
    else this.byText.set(key, [{ text, value }]);
  }

  ownedValue(owner: object, kind: string): unknown {
    return this.byOwner.get(owner)?.get(kind);
  }

  setOwnedValue(owner: object, kind: string, value: unknown): void {
    let values = this.byOwner.get(owner);
    if (!values) this.byOwner.set(owner, (values = new Map()));
    values.set(kind, value);
  }
}

export class Memo {
  /** A session's memo lasts from check to check: derived values are worth cutting into reusable parts. */
  constructor(readonly acrossChecks: boolean) {}

  private previous = new Derived();
  private current = new Derived();

  /** The value this check or the last one derived from `text`, else `derive()`. */
  get<T>(kind: string, text: string, derive: () => T): T {
    let value = this.current.textValue(kind, text) as T | undefined;
    if (value === undefined) {
      value = (this.previous.textValue(kind, text) as T | undefined) ?? derive();
      this.current.setTextValue(kind, text, value);
    }
    return value;
  }

  /**
   * The value this check or the last one derived from `owner`, else `derive()`; `isCurrent` says
   * whether a value kept still fits what else it was derived from.
   */
  of<T>(owner: object, kind: string, derive: () => T, isCurrent: (value: T) => boolean = () => true): T {
    let value = this.current.ownedValue(owner, kind) as T | undefined;
    if (value === undefined || !isCurrent(value)) {
      const kept = this.previous.ownedValue(owner, kind) as T | undefined;
      value = kept !== undefined && isCurrent(kept) ? kept : derive();
      this.current.setOwnedValue(owner, kind, value);
    }
    return value;
  }

  /** A check begins: what the last one used is kept for it, the rest dropped, so the memo holds one document's parts. */
  startRun(): void {
    this.previous = this.current;
    this.current = new Derived();
  }
}
