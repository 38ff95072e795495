// The table preview page (runs inside the webview): draws the model the extension posts, marks the
// cell under the editor's cursor and scrolls its table into view, and asks the extension to select
// a cell in the editor when it is clicked. All text goes in through textContent: a report's cell
// text is never read as HTML.
import type { PreviewCell, PreviewModel, PreviewTable } from '../../server/src/engine/preview';

interface Strings {
  noTables: string;
  notReport: string;
  missing: string;
  blank: string;
  cutOff: string;
  legend: string;
  version: string;
}

interface Position {
  line: number;
  character: number;
}

type Message = { type: 'model'; version: number; model: PreviewModel | null; fileName: string } | ({ type: 'cursor' } & Position);

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const strings = JSON.parse(root.dataset.strings ?? '{}') as Strings;
let cursor: Position | undefined;
let tables: PreviewTable[] = [];

window.addEventListener('message', (event: MessageEvent<Message>) => {
  const message = event.data;
  if (message.type === 'model') {
    render(message.model, message.version);
    if (cursor) markCursor(cursor, false);
  } else if (message.type === 'cursor') {
    cursor = { line: message.line, character: message.character };
    markCursor(cursor, true);
  }
});

root.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-range]');
  if (target) vscode.postMessage({ type: 'reveal', range: JSON.parse(target.dataset.range!) });
});

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(model: PreviewModel | null, version: number): void {
  tables = model?.tables ?? [];
  const scroll = window.scrollY;
  root.replaceChildren();
  root.dataset.version = String(version);
  if (!model) {
    root.append(element('p', 'empty', strings.notReport));
    return;
  }
  if (model.tables.length === 0) {
    root.append(element('p', 'empty', strings.noTables));
    return;
  }
  const header = element('header');
  header.append(element('h1', undefined, model.title ?? ''), element('p', 'legend', strings.legend));
  root.append(header);
  model.tables.forEach((table, index) => root.append(renderTable(table, index)));
  window.scrollTo(0, scroll);
}

function renderTable(table: PreviewTable, index: number): HTMLElement {
  const section = element('section', table.missing ? 'table missing-table' : 'table');
  section.dataset.index = String(index);
  const heading = element('h2', undefined, table.title);
  heading.append(element('span', 'format', strings.version.replace('{0}', table.version)));
  if (table.summary) heading.append(element('span', table.missing ? 'summary' : 'summary problems', table.summary));
  if (table.range) heading.dataset.range = JSON.stringify(table.range);
  section.append(heading);
  const grid = element('table');
  const head = element('thead');
  for (const headerRow of table.header) {
    const tr = element('tr');
    for (const cell of headerRow) tr.append(spanned(element('th', undefined, cell.text), cell.colSpan, cell.rowSpan));
    head.append(tr);
  }
  const body = element('tbody');
  for (const row of table.rows) {
    const tr = element('tr', `row-${row.state}`);
    for (const label of row.labels) {
      // A group spanning several rows is printed vertically, as on the official form.
      const className = label.group ? (label.rowSpan >= 3 ? 'label group vertical' : 'label group') : 'label';
      const th = spanned(element('th', className, label.text), label.colSpan, label.rowSpan);
      th.scope = 'row';
      th.title = label.text;
      if (label.range) th.dataset.range = JSON.stringify(label.range);
      tr.append(th);
    }
    for (const cell of row.cells) tr.append(renderCell(cell));
    body.append(tr);
  }
  grid.append(head, body);
  section.append(grid);
  return section;
}

function spanned<T extends HTMLTableCellElement>(cell: T, colSpan: number, rowSpan: number): T {
  if (colSpan > 1) cell.colSpan = colSpan;
  if (rowSpan > 1) cell.rowSpan = rowSpan;
  return cell;
}

function renderCell(cell: PreviewCell): HTMLTableCellElement {
  const td = element('td', `cell ${cell.state}`);
  td.title = cell.tooltip;
  if (cell.range) td.dataset.range = JSON.stringify(cell.range);
  switch (cell.state) {
    case 'wrong':
      td.append(element('span', 'written', cell.text || strings.blank));
      if (cell.expected !== undefined) td.append(element('span', 'expected', cell.expected));
      break;
    case 'ambiguous':
    case 'candidate':
      td.append(element('span', 'written', cell.text || strings.blank));
      if (cell.candidates?.length) td.append(element('span', 'expected', cell.candidates.join('/')));
      break;
    case 'blank':
      td.append(element('span', 'marker', cell.text || strings.blank));
      break;
    case 'missing':
      td.append(element('span', 'marker', strings.missing));
      break;
    case 'cut-off':
      td.append(element('span', 'marker', strings.cutOff));
      break;
    case 'unread':
      td.append(element('span', 'marker', '?'));
      break;
    default:
      td.textContent = cell.text;
  }
  return td;
}

function contains(range: { start: Position; end: Position }, at: Position): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(range.start, at) && before(at, range.end);
}

/** Outlines the cell under the cursor; on a cursor move, scrolls its table (or the cell) into view. */
function markCursor(at: Position, scroll: boolean): void {
  for (const old of root.querySelectorAll('.at-cursor')) old.classList.remove('at-cursor');
  const index = tables.findIndex((t) => t.range && t.range.start.line <= at.line && at.line <= t.range.end.line);
  if (index < 0) return;
  const section = root.querySelector<HTMLElement>(`section[data-index="${index}"]`);
  if (!section) return;
  let target: HTMLElement = section;
  for (const cell of section.querySelectorAll<HTMLElement>('[data-range]')) {
    if (contains(JSON.parse(cell.dataset.range!), at)) {
      cell.classList.add('at-cursor');
      target = cell;
      break;
    }
  }
  if (scroll && !visible(target)) target.scrollIntoView({ block: target === section ? 'start' : 'center' });
}

function visible(node: HTMLElement): boolean {
  const box = node.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight;
}

vscode.postMessage({ type: 'ready' });
