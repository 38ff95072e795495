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
  /** The official or accepted wording the title misspells ("行政法复议" for "行政复议"). */
  titleTypoOf?: string;
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

/** Why an invalid cell could not be read as a value of its column. */
export type CellProblem = 'not-a-number' | 'two-numbers' | 'approximate' | 'too-large' | 'negative';

export interface Cell {
  column: ColumnDef;
  kind: CellKind;
  /** Set on invalid cells: what is wrong with the text. */
  problem?: CellProblem;
  /** Arithmetic value; null for blank or invalid cells. */
  value: number | null;
  raw: string;
  /** Where the cell's text sits; an empty span (start === end) for an empty cell marks where a value would go. */
  span: Span;
  /** Digits glued to the row label and read as this cell. */
  gluedToLabel?: boolean;
  /** A blank cell the text has no field for: its row's trailing tabs were lost. Writing it appends to the row. */
  synthetic?: boolean;
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
  /** The label goes on after the row's numbers: `labelSpan` is its first part only. */
  labelWrapped?: boolean;
  /**
   * How certainly the cells were read: `exact` when the text delimits every cell of the row (tab,
   * pipe or Markdown cells, blank cells included) and the label sits in the row; `inferred` when the
   * row was rebuilt from a stream of cells (one cell per line, PDF text) or placed by its order.
   */
  reading: Reading;
}

export interface Reading {
  certainty: 'exact' | 'inferred';
  /** How an inferred row was rebuilt, for `dump` and messages. */
  how?: 'stream' | 'order' | 'label-before' | 'label-after' | 'blank-lines' | 'columns';
}

export type ShapeProblemKind =
  | 'too-many-values'
  | 'too-few-values'
  | 'ambiguous-blanks'
  | 'unknown-row'
  | 'cut-off'
  | 'glued-digits'
  | 'duplicate-row'
  | 'unplaced-values'
  | 'unread-rows'
  | 'scrambled-values'
  | 'values-after-wrap';

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
  /** Rows whose label is in the text but whose cells could not be read. */
  rows?: RowDef[];
  /** A row with too few values: the cells it has, kept for the row the text stops in. */
  partial?: Cell[];
  /** The row was rebuilt from a stream of cells: its count of values may be the reading's, not the report's. */
  inferred?: boolean;
}

export interface Table {
  kind: TableKind;
  /** Detected from this table's own header and rows, independently of the report's year. */
  version?: FormatVersion;
  /** The format the cells were read in: the detected version, else the one the report's year implies. */
  format: FormatVersion;
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
  /** Rows whose label appears somewhere in the table's text, read or not: such a row is never missing. */
  labelsSeen: Set<string>;
  problems: ShapeProblem[];
  /** Layout the cells were read from, for `dump`. */
  layout: Layout;
}

export type Layout = 'cell-per-line' | 'pipe-cells' | 'inline-pipes' | 'markdown' | 'tabs' | 'pdf-text' | 'mixed';

export interface Unread {
  span: Span;
  reason: string;
}
