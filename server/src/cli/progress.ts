// The progress line of a folder run: n/N, the file, time so far and an estimate of what is left,
// redrawn in place on stderr. Only on a terminal: a log or a pipe gets nothing extra.
import type { Locale } from '../engine';
import { escapeControls } from './output/escape';

export interface Progress {
  done(file: string): void;
  end(): void;
}

const REDRAW_MS = 100;

export function progressLine(total: number, locale: Locale, stream: NodeJS.WriteStream): Progress {
  const started = Date.now();
  let finished = 0;
  let drawn = 0;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return {
    done(file) {
      finished++;
      const now = Date.now();
      if (now - drawn < REDRAW_MS && finished < total) return;
      drawn = now;
      const elapsed = now - started;
      const left = finished > 0 ? (elapsed / finished) * (total - finished) : 0;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      const line =
        locale === 'en'
          ? `${finished}/${total}  ${seconds(elapsed)}, about ${seconds(left)} left  ${escapeControls(file)}`
          : `${finished}/${total}  已用 ${seconds(elapsed)}，约剩 ${seconds(left)}  ${escapeControls(file)}`;
      stream.write(`\r${truncate(line, width)}\x1b[K`);
    },
    end() {
      if (drawn > 0) stream.write('\r\x1b[K');
    },
  };
}

/** Cut to the terminal's width (a CJK character takes two columns), so the line never wraps. */
function truncate(line: string, width: number): string {
  let columns = 0;
  let out = '';
  for (const char of line) {
    columns += isWide(char.codePointAt(0)!) ? 2 : 1;
    if (columns > width) break;
    out += char;
  }
  return out;
}

/** East Asian wide and full-width ranges (Hangul Jamo, CJK, Hangul, compatibility, full-width forms, planes 2–3). */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}
