// Rows rebuilt from a stream of cells, for layouts whose text does not delimit rows: one cell per
// line, cells ending in " |", PDF text with a label and its numbers on a line (rows broken across
// lines, page footers inside). Rows are rebuilt from the labels, not from line breaks, because real
// layouts break rows anywhere; every row read here is inferred, never exact.
import type { RowDef } from '../format';
import { matchKey, normalizeValue } from '../text';
import { MAX_LABEL_TOKENS, type LabelMatch, type LabelMatcher } from './labels';
import { opensLabel, type PendingRow, type RowState } from './rows';
import type { Token } from './tokens';

export class StreamRows {
  private pendingText: Token[] = [];
  private current: PendingRow | undefined;
  /** The text of the last row of values that named no row: the rest of its label may follow them. */
  private orphanLabel: Token[] | undefined;
  /** The fields of that row when it was a delimited one: they are the row's cells, blank ones too. */
  private orphanFields: Token[] | undefined;
  /** Lines of text after that row that may be the rest of its label, wrapped over several lines in a narrow column. */
  private continuation: Token[] = [];
  /** Pending text (and its length) that an empty cell already failed to match. */
  private unmatched: Token[] | undefined;
  private unmatchedLength = 0;

  constructor(
    private readonly matcher: LabelMatcher,
    private readonly state: RowState,
    /** Columns a row of this def has, for deciding whether text among its values is one of them. */
    private readonly columnsOf: (def: RowDef) => number,
    /** The table's header words (keys): a header repeated after a page break is no cell. */
    private readonly headerWords: readonly string[] = [],
  ) {}

  push(t: Token): void {
    const { matcher, state } = this;
    // PDF text that wraps a label around its numbers: "5.要求行政机关确认 0 0 …" then "或重新出具已获取信息",
    // or in a narrow column "一、本 25 3 …" then "年新收", "政府信", "息公开", "申请数", "量".
    if (t.shape === 'text' && this.orphanLabel && this.pendingText.length === this.continuation.length) {
      if (this.completeOrphan([...this.continuation, t])) {
        this.pendingText = [];
        this.continuation = [];
        return;
      }
      if (this.continuation.length < MAX_CONTINUATION_LINES && !opensLabel(t)) this.continuation.push(t);
      else this.endOrphan();
    } else if (t.shape === 'text') this.endOrphan();
    else if (this.continuation.length > 0) this.endOrphan();
    if (t.shape === 'text') {
      const resolvedAlone = this.pendingText.length > 0 ? matcher.match(this.pendingText, state.previous, state.matched) : undefined;
      if (resolvedAlone?.glued && !resolvedAlone.def.group) {
        // "规章000" then the next label: digits glued to a label end it; its cells are those digits.
        this.startRow(resolvedAlone);
        this.current = undefined;
      }
      if (resolvedAlone && !resolvedAlone.def.group && t.delimited && continuesAsValue(t, this.pendingText, matcher, state)) {
        // "行政许可 | XX | 0": text where the row's first number belongs.
        this.startRow(resolvedAlone);
        this.current!.values.push(t);
        this.current!.filled++;
        return;
      }
      const current = this.current;
      if (current && this.pendingText.length === 0 && current.filled > 0 && current.match.mismatch && !opensLabel(t) && completesCore(current.match, t)) {
        // Not a typo but a label wrapped after its numbers in a narrow column: "行政规范性文 2 1 15" then "件".
        current.match = { ...current.match, label: current.match.label + t.text, mismatch: false, wrapped: true };
        return;
      }
      if (current && this.pendingText.length === 0 && current.filled > 0 && !current.match.glued && !opensLabel(t) && unbalancedClose(t.text)) {
        // Text closing a bracket it never opened is the rest of a label wrapped after its numbers
        // ("（二）部分公开（区分处理的， 6 1 …" then "只计这一情形，不计其他情形）9"): digits glued to its end
        // are the row's first cells, as they would be on the label's line.
        let at = t.text.length;
        while (at > 0 && isDigit(t.text[at - 1])) at--;
        const digits = t.text.slice(at);
        const rest = t.text.slice(0, at);
        const label = current.match.label + rest;
        current.match = { ...current.match, label, wrapped: true };
        if (!current.match.alias && this.matcher.noteDiffers(current.match.def, label)) current.match.noteMismatch = true;
        if (digits) current.match.glued = { raw: digits.normalize('NFKC'), span: { start: t.end - digits.length, end: t.end } };
        return;
      }
      if (current && this.pendingText.length === 0 && current.filled > 0 && this.isHeaderPiece(t)) return;
      if (current && this.pendingText.length === 0 && current.filled > 0 && t.delimited && !opensLabel(t)) {
        // Text among a row's values: an invalid cell, unless it begins the next label.
        const beginsLabel = matcher.match([t], state.previous, state.matched) || matcher.beginsExpected(t, state.previous, state.matched);
        if (current.filled < this.columnsOf(current.match.def) && !beginsLabel) {
          current.values.push(t);
          current.filled++;
          return;
        }
      }
      this.pendingText.push(t);
      return;
    }
    // Runs of empty cells after text that names no row (a megabyte of tabs) need not match it again.
    const unchanged = t.shape === 'empty' && this.unmatched === this.pendingText && this.unmatchedLength === this.pendingText.length;
    if (this.pendingText.length > 0 && !unchanged) {
      const match = matcher.match(this.pendingText, state.previous, state.matched, t.shape !== 'empty');
      if (!match && t.shape === 'empty') {
        this.unmatched = this.pendingText;
        this.unmatchedLength = this.pendingText.length;
      }
      if (match) this.startRow(match);
      else if (t.shape !== 'empty') {
        // Values under text that names no row: a row the format does not have. A label of the format
        // in front of it ("其他对外管理服务事项" over "行政检查") has no values of its own.
        this.current = undefined;
        this.orphanLabel = this.withoutLeadingLabel(this.pendingText);
        this.orphanFields = undefined;
        this.continuation = [];
        state.orphans.push([...this.orphanLabel, t]);
        this.pendingText = [];
        return;
      }
    }
    if (this.current) {
      this.current.values.push(t);
      if (t.shape !== 'empty') this.current.filled++;
      if (t.shape !== 'empty' && this.current.match.wrapped) this.current.afterWrap = true;
    } else if (t.shape !== 'empty' && state.orphans.length > 0) state.orphans[state.orphans.length - 1].push(t);
  }

  /**
   * The label of a delimited row that starts on the lines before it ("（二）部分公开（区分处理的，" on
   * one line, "不计其他情形） | 6 | 1 |…" on the next): the pending text and the row's label cells
   * read as one label. The pending text is used up when they do.
   */
  labelContinuedBy(cells: Token[]): LabelMatch | undefined {
    if (this.pendingText.length === 0 || cells.length === 0) return undefined;
    const match = this.matcher.match([...this.pendingText, ...cells], this.state.previous, this.state.matched, true);
    // A group label never has values.
    if (!match || match.def.group) return undefined;
    this.pendingText = [];
    this.current = undefined;
    const end = cells[cells.length - 1].end;
    return { ...match, labelSpan: { start: match.labelSpan.start, end: Math.max(end, match.labelSpan.end) } };
  }

  /**
   * A delimited row whose text names no row has values: a row the format does not have, unless the
   * text on the next line completes a label ("（六）其他处理1.申请人无正当理由逾期不补正、行 | 0 | …" then
   * "政机关不再处理其政府信息公开申请").
   */
  orphanRow(labels: Token[], fields: Token[]): void {
    this.state.orphans.push([...labels, ...fields]);
    this.current = undefined;
    this.orphanLabel = labels;
    this.orphanFields = fields;
    this.continuation = [];
  }

  /**
   * The rest of the label of the last row of values that named no row, wrapped after its numbers
   * (a line of PDF text, or a delimited row of text and blank cells: "| （四）无法提供1.本机关 | 2 | … |"
   * then "| 不掌握相关政府信息 |   | … |"): that row becomes the row the whole label names.
   */
  completeOrphan(cells: Token[]): boolean {
    const { matcher, state, orphanLabel } = this;
    if (!orphanLabel || cells.length === 0 || opensLabel(cells[0])) return false;
    // A near miss is a typo only on the label's one continuation line; over several lines each piece
    // may be followed by the rest, so only the whole label counts.
    const match = matcher.match([...orphanLabel, ...cells], state.previous, state.matched, cells.length === 1);
    const firstPartEnd = orphanLabel[orphanLabel.length - 1].end;
    if (!match || match.def.group || state.matched.has(match.def.id)) return false;
    // The label must begin before the numbers: a label wholly on the next line is a row of its own.
    // Its ordinal alone may be all that is there ("（七） 24 3 …" then "总计").
    if (match.labelSpan.start >= firstPartEnd) {
      const ordinal = orphanLabel[orphanLabel.length - 1];
      if (matchKey(ordinal.text) !== matchKey(match.def.ordinal)) return false;
      match.labelSpan = { start: ordinal.start, end: match.labelSpan.end };
    }
    const orphan = state.orphans.pop()!;
    // Its span stops before the numbers: an edit of the label must never reach them.
    // Its words are all of it, both lines; a note worded otherwise is seen only now.
    const labelEnd = match.glued?.span.start ?? Infinity;
    const label = [...orphanLabel, ...cells]
      .filter((t) => t.end > match.labelSpan.start && t.start < labelEnd)
      .map((t) => t.text.slice(Math.max(0, match.labelSpan.start - t.start), labelEnd - t.start))
      .join('');
    const noteMismatch = match.noteMismatch || (!match.alias && matcher.noteDiffers(match.def, label));
    const wrapped = { ...match, label, ...(noteMismatch ? { noteMismatch } : {}), labelSpan: { start: match.labelSpan.start, end: Math.min(match.labelSpan.end, firstPartEnd) }, wrapped: true };
    if (this.orphanFields) {
      state.rows.push({ match: wrapped, values: [], filled: 0, fields: this.orphanFields, reading: { certainty: 'inferred', how: 'label-after' } });
      state.matched.add(match.def.id);
      state.previous = match.def;
    } else {
      this.startRow(wrapped);
      for (const value of orphan.slice(orphanLabel.length)) {
        this.current!.values.push(value);
        if (value.shape !== 'empty') this.current!.filled++;
      }
    }
    // A row read with a typo stays open: its next line may complete the label ("1.属于国家秘" then "密").
    if (!wrapped.mismatch || this.orphanFields) this.current = undefined;
    this.endOrphan();
    return true;
  }

  /** A piece of the table's header ("法人或其他", "组织", "总计"), as a page break repeats it among a row's values. */
  private isHeaderPiece(t: Token): boolean {
    const key = matchKey(t.text);
    return key.length > 0 && /^[\u4e00-\u9fff]+$/.test(key) && this.headerWords.some((words) => words.includes(key));
  }

  private endOrphan(): void {
    this.orphanLabel = this.orphanFields = undefined;
    this.continuation = [];
  }

  /** A delimited row follows: the stream's row ends, and text still pending is returned as labels. */
  interrupt(): LabelMatch[] {
    this.current = undefined;
    this.endOrphan();
    return this.takeLabels();
  }

  /** The end of the table: a label with no cells after it is a row whose cells are all blank. */
  finish(): void {
    const trailing = this.pendingText.length > 0 ? this.matcher.match(this.pendingText, this.state.previous, this.state.matched) : undefined;
    if (trailing && !trailing.def.group) this.startRow(trailing);
    this.current = undefined;
    this.pendingText = [];
  }

  /**
   * The data-row labels in the pending text, in document order. Text that holds several labels and
   * no values between them ("（一）予以公开 （二）部分公开 …" before rows of numbers, as converters
   * write them) is split from its end, one label at a time.
   */
  private takeLabels(): LabelMatch[] {
    const found: LabelMatch[] = [];
    let chunk = this.pendingText;
    this.pendingText = [];
    while (chunk.length > 0) {
      // A label of the block may have a typo: the rows expected next are close enough to say so.
      const match = this.matcher.match(chunk, this.state.previous, this.state.matched, true);
      if (!match) break;
      if (!match.def.group) found.unshift(match);
      chunk = chunk.filter((t) => t.end <= match.labelSpan.start);
    }
    return found;
  }

  private withoutLeadingLabel(tokens: Token[]): Token[] {
    // The end of the previous row's note, wrapped onto the lines before this row: "…等字样的公文)".
    const closing = tokens.findIndex((t) => unbalancedClose(t.text));
    if (closing >= 0 && closing < tokens.length - 1) tokens = tokens.slice(closing + 1);
    for (let end = tokens.length - 1; end >= 1; end--) {
      const parent = this.matcher.match(tokens.slice(0, end), this.state.previous, this.state.matched);
      if (parent) {
        this.state.parents.add(parent.def.id);
        return tokens.slice(end);
      }
    }
    return tokens;
  }

  private startRow(match: LabelMatch): void {
    this.current = { match, values: [], filled: 0, reading: { certainty: 'inferred', how: 'stream' } };
    this.state.rows.push(this.current);
    this.state.matched.add(match.def.id);
    this.state.previous = match.def;
    this.pendingText = [];
  }
}

/** Whether a typo-matched label followed by `t`'s text is its row's label exactly. */
function completesCore(match: LabelMatch, t: Token): boolean {
  const key = matchKey(match.label + t.text);
  return key.endsWith(match.def.core) && !matchKey(match.label).endsWith(match.def.core);
}

/** A label in a narrow column wraps every few characters: "三、本" "年度办" "理结果". */
const MAX_CONTINUATION_LINES = 8;

const isDigit = (ch: string) => (ch >= '0' && ch <= '9') || (ch >= '０' && ch <= '９');

function unbalancedClose(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '（') depth++;
    else if ((ch === ')' || ch === '）') && --depth < 0) return true;
  }
  return false;
}

/** A text cell right after a complete label is a value cell if it does not extend or start a label. */
function continuesAsValue(t: Token, pending: Token[], matcher: LabelMatcher, state: RowState): boolean {
  if (opensLabel(t)) return false;
  if (matcher.match([t], state.previous, state.matched)) return false;
  const tail = pending.slice(-MAX_LABEL_TOKENS);
  if (matcher.match([...tail, t], state.previous, state.matched)) return false;
  const key = matchKey(tail.map((p) => p.text).join(''));
  if ((key.match(/\(/g)?.length ?? 0) > (key.match(/\)/g)?.length ?? 0)) return false;
  // Header words after a label never happen in a data row; a short token of letters or 件/条 does.
  return /^[^\u4e00-\u9fff]*$/.test(t.text) || /^[xX×＊*某若干件条个]+$/.test(normalizeValue(t.text));
}
