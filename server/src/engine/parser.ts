// Text → Report. (being written)
import type { Report } from './model';
import { LineIndex } from './text';

export function parseReport(text: string): Report {
  return { text, lines: new LineIndex(text), sections: [], tables: [], unread: [] };
}
