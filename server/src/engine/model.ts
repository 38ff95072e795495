// The typed report model the parser produces and every check reads.
import type { Span } from './types';
import type { ColumnDef, RowDef, SectionId, TableKind, FormatVersion } from './format';
import type { LineIndex } from './text';

export interface Report {
  text: string;
  lines: LineIndex;
  title?: { text: string; span: Span };
  /** The year the report is about, from the title, else the statistics period, else the first "YYYY年". */
  year?: number;
  yearSource?: 'title' | 'period' | 'text';
  /** Body name from the title ("…人民政府办公室"), used to pair a report with last year's. */
  body?: string;
  /** "统计期限为YYYY年1月1日至YYYY年12月31日" as written. */
  period?: Period;
  /** From the end of the title to the first section heading. */
  intro?: Span;
  sections: Section[];
  tables: Table[];
  /** The text stops inside a table (an excerpt): what would follow is cut off, not missing. */
  truncated: boolean;
  /** Lines that were neither prose nor anything the parser could read into a table. */
  unread: Unread[];
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export interface Period {
  span: Span;
  from: DateParts;
  to: DateParts;
}

export interface Section {
  /** The ordinal as written: 1 for 一 … 6 for 六. */
  ordinal: number;
  ordinalSpan: Span;
  /** Which of the six sections the title names, if it names one. */
  titleId?: SectionId;
  /** True when the title is an accepted variant rather than the official wording. */
  titleVariant?: boolean;
  title: string;
  titleSpan: Span;
  /** Markdown heading level (number of #), 0 for a plain line. */
  level: number;
  /** Whole heading line. */
  headingSpan: Span;
  /** From the heading to just before the next section heading (or the end). */
  span: Span;
  /** Ordinal punctuation as written, e.g. '、' or '.', to keep a fix in the document's own style. */
  separator: string;
}

export type CellKind =
  | 'number' // a value that parsed
  | 'blank' // empty, or a dash/slash marker standing for "nothing"
  | 'invalid'; // text where a number belongs

export interface Cell {
  column: ColumnDef;
  kind: CellKind;
  /** Arithmetic value; null for blank or invalid cells. */
  value: number | null;
  raw: string;
  /** Where the cell's text sits; an empty span (start === end) for an empty cell marks where a value would go. */
  span: Span;
  /** Digits glued to the row label and read as this cell. */
  gluedToLabel?: boolean;
}

export interface Row {
  def: RowDef;
  /** The label as written (normalisation aside) and where it is. */
  label: string;
  labelSpan: Span;
  cells: Cell[];
  /** From the label to the last cell. */
  span: Span;
  /** Digits stuck to the end of the label and not used as a cell, e.g. "三、本年度办理结果0". */
  gluedDigits?: { raw: string; span: Span };
  /** Set when the label was matched approximately: the label differs from the standard wording. */
  labelMismatch?: boolean;
}

export type ShapeProblemKind =
  | 'too-many-values'
  | 'too-few-values'
  | 'ambiguous-blanks'
  | 'unknown-row'
  | 'cut-off'
  | 'glued-digits'
  | 'duplicate-row';

export interface ShapeProblem {
  kind: ShapeProblemKind;
  span: Span;
  /** Row concerned, when there is one. */
  row?: RowDef;
  expected?: number;
  found?: number;
  text?: string;
  /** The label the glued digits stick to. */
  label?: string;
}

export interface Table {
  kind: TableKind;
  /** Detected from this table's own header and rows, independently of the report's year. */
  version?: FormatVersion;
  /** How the version was decided, for `dump` and messages. */
  versionEvidence?: string;
  span: Span;
  /** Caption ("第二十条第（一）项") or first header text, for messages and the outline. */
  caption: string;
  captionSpan: Span;
  columns: ColumnDef[];
  rows: Row[];
  /** The document ended inside this table: absent rows are cut off, not missing. */
  cutOff: boolean;
  problems: ShapeProblem[];
  /** Layout the cells were read from, for `dump`. */
  layout: Layout;
}

export type Layout = 'cell-per-line' | 'pipe-cells' | 'inline-pipes' | 'markdown' | 'tabs' | 'pdf-text' | 'mixed';

export interface Unread {
  span: Span;
  reason: string;
}
