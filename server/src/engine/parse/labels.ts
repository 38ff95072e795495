// Row labels: which row of the format a piece of text names. A stream of cells (one cell per line,
// PDF text) is matched by its tail, because a label there may span several cells; a cell of a
// delimited row is matched whole, because there it is the entire label.
import { TABLES, type RowDef } from '../format';
import { keyed, matchKey, type Keyed } from '../text';
import type { Span } from '../types';
import type { Token } from './tokens';

export interface LabelMatch {
  def: RowDef;
  labelSpan: Span;
  label: string;
  /** The core wording was matched approximately: a typo. */
  mismatch: boolean;
  /** The wording matched was an alias (older format wording). */
  alias?: string;
  /** The label's parenthetical note differs from the official one (and is not merely cut short). */
  noteMismatch?: boolean;
  glued?: { raw: string; span: Span };
  /** The label goes on after the row's numbers (PDF text): `label` is all of it, `labelSpan` its first part only. */
  wrapped?: boolean;
  /** Digits glued to an earlier label of the chunk, e.g. the group label in "三、本年度办理结果0 / （一）予以公开". */
  innerGlued: { raw: string; span: Span; label: string }[];
}

// Two rows of the distance table, reused: every text cell that names no row is compared with
// every label of the format at several lengths.
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

export function levenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(b.length + 1);
    currentRow = new Int32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = previous[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/**
 * Where the run of ASCII digits that ends `text` starts (text.length when it ends in no digit).
 * A backward scan: /\d+$/ retries from every digit of a long run that text follows, which is quadratic.
 */
export function trailingDigits(text: string): number {
  let at = text.length;
  while (at > 0 && text.charCodeAt(at - 1) >= 48 && text.charCodeAt(at - 1) <= 57) at--;
  return at;
}

/**
 * Where the parenthetical notes at the end of a key start ("部分公开(区分处理的…)" → after "部分公开").
 * A note a converter cut short ("部分公开(区分处理的只计这一") counts as a note too.
 */
function trailingNotesStart(key: string): number {
  let end = key.length;
  for (;;) {
    if (end > 0 && key[end - 1] === ')') {
      let depth = 0;
      let i = end - 1;
      for (; i >= 0; i--) {
        if (key[i] === ')') depth++;
        else if (key[i] === '(' && --depth === 0) break;
      }
      if (i <= 0) {
        // A note whose opening bracket was lost ("部分公开区分处理的，只计…情形）"): known by its words.
        const body = noteBodies().find((note) => key.slice(0, end - 1).endsWith(note));
        return body ? end - 1 - body.length : end;
      }
      end = i;
      continue;
    }
    const open = key.lastIndexOf('(', end - 1);
    if (open > 0 && key.indexOf(')', open) < 0 && end - open > 3) {
      end = open;
      continue;
    }
    return end;
  }
}

let NOTE_BODIES: string[] | undefined;
/** The words of the format's row notes, without brackets. */
function noteBodies(): string[] {
  NOTE_BODIES ??= TABLES.flatMap((table) => table.rows)
    .map((def) => officialNote(def).slice(1, -1))
    .filter((body) => body.length >= 6);
  return NOTE_BODIES;
}

/** A row's label as a match key, ordinal included ("(一)予以公开"). */
export function labelKey(def: RowDef): string {
  return matchKey(def.ordinal) + def.core;
}

/** What may stand before a label's own words in one cell: its ordinal, or a group label with its ordinal. */
const ORDINAL_KEY = /^(?:\(?[一二三四五六七八九十]{1,2}\)?|\d{1,2})$/;

export const MAX_LABEL_TOKENS = 16;

const OFFICIAL_NOTES = new Map<string, string>();

/** The key of a row's official parenthetical note, if it has one ("(区分处理的只计这一情形不计其他情形)"). */
function officialNote(def: RowDef): string {
  let note = OFFICIAL_NOTES.get(def.id);
  if (note === undefined) {
    const key = matchKey(def.label);
    note = key.slice(trailingNotesStart(key));
    OFFICIAL_NOTES.set(def.id, note);
  }
  return note;
}

export class LabelMatcher {
  private readonly candidates: { def: RowDef; core: string; alias?: string }[];
  private readonly groupKeys: string[];
  private readonly groupCores: string[];

  constructor(readonly rows: RowDef[]) {
    this.candidates = rows
      .flatMap((def) => [{ def, core: def.core }, ...(def.aliases ?? []).map((alias) => ({ def, core: matchKey(alias), alias }))])
      .sort((a, b) => b.core.length - a.core.length);
    // Group labels, and rows that head items in one format (（六）其他处理 in 2021).
    const heads = rows.filter((r) => r.group || rows.some((item) => item.id !== r.id && item.id.startsWith(r.id) && /\d$/.test(item.id)));
    this.groupKeys = heads.map(labelKey);
    this.groupCores = heads.map((r) => r.core);
  }

  private readonly keys = new WeakMap<Token, Keyed>();

  private keyOf(t: Token): Keyed {
    let k = this.keys.get(t);
    if (!k) {
      k = keyed(t.text, t.start);
      this.keys.set(t, k);
    }
    return k;
  }

  /**
   * The row whose label the chunk ends with. `fuzzy` also accepts a near miss (a typo), but only
   * for the few rows expected next, and only when values follow: a guess costs trust elsewhere.
   */
  match(chunk: Token[], previous: RowDef | undefined, matched: ReadonlySet<string>, fuzzy = false): LabelMatch | undefined {
    if (chunk.length === 0) return undefined;
    // A label ends the chunk and never spans more cells than a vertical one (八 characters and an
    // item): matching only the tail keeps long runs of text linear.
    const tokens = chunk.length > MAX_LABEL_TOKENS ? chunk.slice(-MAX_LABEL_TOKENS) : chunk;
    const { key, offsets, ends } = this.joined(tokens);
    const { end: beforeGlued, glued } = this.gluedAtEnd(tokens, key, offsets);
    const end = trailingNotesStart(key.slice(0, beforeGlued));
    const head = key.slice(0, end);
    for (const candidate of this.candidates) {
      if (!head.endsWith(candidate.core)) continue;
      const start = end - candidate.core.length;
      if (candidate.def.needsOrdinal && !this.ordinalPrecedes(head, start, candidate.def, previous)) continue;
      return this.result(candidate.def, tokens, offsets, ends, start, end, beforeGlued, key, false, candidate.alias, glued);
    }
    if (!fuzzy) return undefined;
    // A label with a typo ("其他法律行政止公开"): the closest of the next unmatched rows within a small edit distance.
    const expected = new Set(this.expectedNext(previous, matched));
    const best = this.closest(head, end, key.slice(end, beforeGlued), (def) => expected.has(def));
    if (!best) return undefined;
    // PDF text interleaves a vertical group label with the row beside it ("…要他处理求缴纳…"): that is
    // the extraction's doing, not a typo of the report.
    const typo = !this.interleavesGroup(head.slice(best.start, end), best.def.core);
    return this.result(best.def, tokens, offsets, ends, best.start, end, beforeGlued, key, typo, undefined, glued);
  }

  /** Whether taking a piece of a group label (two characters or more) out of `written` leaves `core`. */
  private interleavesGroup(written: string, core: string): boolean {
    for (const group of this.groupCores) {
      for (let from = 0; from < group.length - 1; from++) {
        for (let to = from + 2; to <= group.length; to++) {
          const piece = group.slice(from, to);
          const at = written.indexOf(piece);
          if (at >= 0 && written.slice(0, at) + written.slice(at + piece.length) === core) return true;
        }
      }
    }
    return false;
  }

  /**
   * The row a whole cell of a delimited row names: the cell holds the label and nothing else but
   * its ordinal (or a group label in front, "三、本年度办理结果（一）予以公开"). A typo is accepted in
   * any row here, since the cell's bounds are certain.
   */
  matchCell(cell: Token, previous: RowDef | undefined, fuzzy: boolean): LabelMatch | undefined {
    const { key, offsets, ends } = this.joined([cell]);
    const { end: beforeGlued, glued } = this.gluedAtEnd([cell], key, offsets);
    const end = trailingNotesStart(key.slice(0, beforeGlued));
    const head = key.slice(0, end);
    if (head.length === 0) return undefined;
    for (const candidate of this.candidates) {
      if (!head.endsWith(candidate.core)) continue;
      const start = end - candidate.core.length;
      if (!this.isPrefix(head.slice(0, start))) continue;
      if (candidate.def.needsOrdinal && !this.ordinalPrecedes(head, start, candidate.def, previous)) continue;
      const match = this.result(candidate.def, [cell], offsets, ends, start, end, beforeGlued, key, false, candidate.alias, glued);
      const inner = this.gluedInPrefix(head.slice(0, start));
      if (inner && inner[1] > inner[0]) {
        const span = { start: offsets[inner[0]], end: ends[inner[1] - 1] };
        match.innerGlued.push({ raw: cell.text.slice(span.start - cell.start, span.end - cell.start), span, label: cell.text.slice(0, span.start - cell.start) });
      }
      // The row's own label starts after a group label merged into its cell.
      if (inner && inner[1] < start) {
        const labelStart = offsets[inner[1]];
        match.label = match.label.slice(labelStart - match.labelSpan.start);
        match.labelSpan = { start: labelStart, end: match.labelSpan.end };
      }
      return match;
    }
    if (!fuzzy) return undefined;
    // A typo: the label's own words within a small edit distance of one row's, after its ordinal.
    const best = this.closest(head, end, key.slice(end, beforeGlued), (def) => !def.group, (start) => this.isPrefix(head.slice(0, start)));
    if (best) return this.result(best.def, [cell], offsets, ends, best.start, end, beforeGlued, key, true, undefined, glued);
    return undefined;
  }

  /** Whether a whole label of `def`, written out, has a parenthetical note worded otherwise than the official one. */
  noteDiffers(def: RowDef, label: string): boolean {
    const key = matchKey(label);
    const note = key.slice(trailingNotesStart(key));
    const official = officialNote(def);
    return official.length > 0 && note.endsWith(')') && note !== official;
  }

  /** Whether `t` is the first piece of the label of a row expected next ("行政" of "行政规范性文件", cut by a narrow column). */
  beginsExpected(t: Token, previous: RowDef | undefined, matched: ReadonlySet<string>): boolean {
    const key = this.keyOf(t).key;
    if (key.length < 2) return false;
    return this.expectedNext(previous, matched).some((r) => labelKey(r).startsWith(key) || r.core.startsWith(key));
  }

  /** The few data rows not read yet that come next after `previous`: the only ones a guess may name. */
  private expectedNext(previous: RowDef | undefined, matched: ReadonlySet<string>): RowDef[] {
    const from = previous ? this.rows.indexOf(previous) + 1 : 0;
    return this.rows.slice(from).filter((r) => !matched.has(r.id) && !r.group).slice(0, 3);
  }

  /** Whether a cell's key names a group row ("三、本年度办理结果", "（三）不予公开"). */
  isGroupKey(key: string): boolean {
    return this.groupKeys.some((group) => key === group || key.endsWith(group) && ORDINAL_KEY.test(key.slice(0, -group.length)));
  }

  private isPrefix(prefix: string): boolean {
    return prefix === '' || ORDINAL_KEY.test(prefix) || this.gluedInPrefix(prefix) !== undefined;
  }

  /**
   * "三本年度办理结果(一)": a group label, then the row's ordinal. Digits glued to the group label
   * ("三、本年度办理结果0（一）予以公开", a converter's merge of two cells) sit between them: returns
   * where those digits are in the prefix ([start, end), empty when there are none).
   */
  private gluedInPrefix(prefix: string): [number, number] | undefined {
    for (const group of this.groupKeys) {
      if (!prefix.startsWith(group)) continue;
      const rest = prefix.slice(group.length);
      const digits = rest.length - rest.replace(/^\d+/, '').length;
      const after = rest.slice(digits);
      // Digits right before the label's words are its ordinal ("（三）不予公开1.属于国家秘密").
      if (after === '') return [group.length, group.length];
      if (ORDINAL_KEY.test(after)) return [group.length, group.length + digits];
    }
    return undefined;
  }

  private closest(head: string, end: number, note: string, allowed: (def: RowDef) => boolean, prefixOk: (start: number) => boolean = () => true) {
    let best: { def: RowDef; distance: number; start: number } | undefined;
    for (const candidate of this.candidates) {
      const core = candidate.core;
      // A short label is trusted with a slip only when its note is the official one, word for word ("（二）部公开（区分处理的，…）").
      const minimum = note.length >= 8 && note === officialNote(candidate.def) ? 3 : 5;
      if (candidate.alias || core.length < minimum || !allowed(candidate.def)) continue;
      // "其他法律行政止公开" drops three characters of twelve; short labels allow one slip only.
      const limit = core.length >= 12 ? 3 : core.length >= 8 ? 2 : 1;
      for (let length = core.length - limit; length <= core.length + limit; length++) {
        if (length <= 0 || length > head.length || !prefixOk(end - length)) continue;
        const distance = levenshtein(head.slice(end - length), core, limit);
        if (distance <= limit && (!best || distance < best.distance)) best = { def: candidate.def, distance, start: end - length };
      }
    }
    return best;
  }

  private joined(tokens: Token[]): Keyed {
    // A cell of a delimited row is matched alone: its key is the token's own.
    if (tokens.length === 1) return this.keyOf(tokens[0]);
    let key = '';
    const offsets: number[] = [];
    const ends: number[] = [];
    for (const t of tokens) {
      const k = this.keyOf(t);
      key += k.key;
      for (let i = 0; i < k.offsets.length; i++) {
        offsets.push(k.offsets[i]);
        ends.push(k.ends[i]);
      }
    }
    return { key, offsets, ends };
  }

  /** Digits sharing the last cell with label text ("三、本年度办理结果0"); digits in a cell of their own are a value. */
  private gluedAtEnd(tokens: Token[], key: string, offsets: number[]): { end: number; glued?: LabelMatch['glued'] } {
    const lastToken = tokens[tokens.length - 1];
    const lastKey = this.keyOf(lastToken).key;
    const lastDigitsAt = trailingDigits(lastKey);
    if (lastDigitsAt > 0 && lastDigitsAt < lastKey.length && /\d$/.test(lastToken.text.normalize('NFKC'))) {
      const digitsAt = key.length - (lastKey.length - lastDigitsAt);
      const span = { start: offsets[digitsAt], end: lastToken.end };
      return { end: digitsAt, glued: { raw: lastToken.text.slice(span.start - lastToken.start), span } };
    }
    return { end: key.length };
  }

  /** Earlier cells of the chunk that are a known label with digits stuck to its end. */
  private innerGlued(tokens: Token[]): LabelMatch['innerGlued'] {
    const found: LabelMatch['innerGlued'] = [];
    for (const t of tokens.slice(0, -1)) {
      const text = t.text.normalize('NFKC');
      const digitsAt = trailingDigits(text);
      if (digitsAt === 0 || digitsAt === text.length || text.length !== t.text.length) continue;
      const head = matchKey(text.slice(0, digitsAt));
      if (this.candidates.some((c) => head.endsWith(c.core) && c.core.length >= 4)) {
        found.push({ raw: t.text.slice(digitsAt), span: { start: t.start + digitsAt, end: t.end }, label: t.text.slice(0, digitsAt) });
      }
    }
    return found;
  }

  private ordinalPrecedes(head: string, start: number, def: RowDef, previous: RowDef | undefined): boolean {
    const ordinal = def.needsOrdinal!;
    const before = head.slice(Math.max(0, start - ordinal.length - 2), start).replace(/[()]/g, '');
    if (before.endsWith(ordinal)) return true;
    const index = this.rows.indexOf(def);
    return previous !== undefined && index > 0 && this.rows.slice(0, index).includes(previous) && this.rows.indexOf(previous) >= index - 3;
  }

  private result(
    def: RowDef,
    tokens: Token[],
    offsets: number[],
    ends: number[],
    start: number,
    end: number,
    notesEnd: number,
    key: string,
    mismatch: boolean,
    alias: string | undefined,
    glued: LabelMatch['glued'],
  ): LabelMatch {
    const matchStart = offsets[start];
    const matchEnd = ends[end - 1];
    // Widen to the start of the cell holding the match, so the ordinal ("（三）", "1.") is part of the label.
    const holder = tokens.find((t) => t.start <= matchStart && matchStart < t.end);
    const labelStart = holder ? holder.start : matchStart;
    let labelEnd = matchEnd;
    const closing = tokens.find((t) => t.start < matchEnd && matchEnd <= t.end);
    if (closing && !glued) labelEnd = closing.end;
    else if (closing && glued) labelEnd = Math.max(matchEnd, glued.span.start);
    const label = tokens
      .filter((t) => t.end > labelStart && t.start < labelEnd)
      .map((t) => t.text.slice(Math.max(0, labelStart - t.start), labelEnd - t.start))
      .join('');
    // A note written in full but worded differently is a typo; one cut short by a converter is not.
    const note = key.slice(end, notesEnd);
    const official = officialNote(def);
    const noteMismatch = official.length > 0 && note.endsWith(')') && note !== official && !alias;
    return {
      def,
      labelSpan: { start: labelStart, end: labelEnd },
      label,
      mismatch,
      alias,
      ...(noteMismatch ? { noteMismatch } : {}),
      glued,
      innerGlued: this.innerGlued(tokens),
    };
  }
}
