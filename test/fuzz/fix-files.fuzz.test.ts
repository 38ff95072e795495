// `--fix` on files as clerks save them (issue 12.5): a draft written in GB18030, UTF-8 with a
// byte-order mark, UTF-16 LE/BE, each with LF or CRLF line breaks, goes through the CLI's own per-file
// work (read, fix, write back). Afterwards the file is exactly the fixed text in the file's own form:
// every byte outside the changed span is the byte that was there, the BOM is there, line breaks are
// the file's. A file that is not fixed, or cannot be written back unchanged, is not touched at all.
// iconv-lite encodes the drafts, independently of the CLI's own encoder.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { checkFile } from '../../server/src/cli/check-file';
import { fixAll } from '../../server/src/engine';
import { bytesOf } from '../helpers/bytes';
import { editedDraft } from './drafts';
import { FUZZ_RUNS, FUZZ_SEED } from './properties';

const FORMS = [
  { encoding: 'gb18030', bom: false },
  { encoding: 'utf-8', bom: true },
  { encoding: 'utf-16le', bom: true },
  { encoding: 'utf-16be', bom: true },
] as const;
type Form = (typeof FORMS)[number];

// Thousands of writes, each flushed to disk: a memory file system where there is one.
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'gongkai-fix-fuzz-'));
const file = join(dir, 'report.txt');
after(() => rmSync(dir, { recursive: true, force: true }));

const encode = (text: string, form: Form) => bytesOf(iconv.encode(text, form.encoding, { addBOM: form.bom }));

/** What the bytes say, as an independent decoder reads them (BOM dropped); undefined where they do not encode back the same. */
function meaning(bytes: Uint8Array, form: Form): string | undefined {
  const text = iconv.decode(Buffer.from(bytes), form.encoding, { stripBOM: true });
  return Buffer.compare(encode(text, form), bytes) === 0 ? text : undefined;
}

/** The one line break the text uses, if it uses exactly one. */
function soleLineBreak(text: string): string | undefined {
  const breaks = new Set(text.match(/\r\n|\r|\n/g) ?? []);
  return breaks.size === 1 ? [...breaks][0] : undefined;
}

const tally = { fixed: 0, untouched: 0 };

async function assertFixKeepsForm(draft: string, form: Form, crlf: boolean): Promise<void> {
  const original = crlf ? draft.replace(/\r?\n/g, '\r\n') : draft;
  const bytes = encode(original, form);
  writeFileSync(file, bytes);
  const result = await checkFile({ path: file, explicit: true, fix: true, rules: {} });
  const written = bytesOf(readFileSync(file));
  const text = meaning(bytes, form);
  tally[result.fixed ? 'fixed' : 'untouched']++;
  if (!result.fixed) {
    assert.deepEqual(written, bytes, `not fixed (${result.status} ${result.writeError?.en ?? result.notWritten?.en ?? ''}): the file is untouched`);
    return;
  }
  assert.ok(text !== undefined, 'only a cleanly encoded file is written');
  // The engine reads one line break as \n and the file gets its own back; a file that mixes them is read as it is.
  const lineBreak = soleLineBreak(text);
  const seen = lineBreak ? text.split(lineBreak).join('\n') : text;
  const fixed = fixAll(seen).text;
  const expected = encode(lineBreak ? fixed.split('\n').join(lineBreak) : fixed, form);
  // Byte for byte: outside the span the fixes changed, every byte is the one that was there.
  assert.deepEqual(written, expected, 'the file holds the fixed text in its own encoding, BOM and line breaks');
}

/** Each draft costs two fix-alls and a flushed write: all of FUZZ_RUNS in npm run fuzz, a tenth of the default in CI. */
const RUNS = process.env.FUZZ_RUNS ? FUZZ_RUNS : 200;

const draftInForm = fc.record({ draft: editedDraft, form: fc.constantFrom(...FORMS), crlf: fc.boolean() });

describe(`--fix on encoded files (FUZZ_SEED=${FUZZ_SEED}, FUZZ_RUNS=${RUNS})`, () => {
  test('GB18030, UTF-8 with BOM, UTF-16 LE/BE, LF or CRLF: only the fixed cells change', { timeout: 0 }, async (t) => {
    t.diagnostic(`FUZZ_SEED=${FUZZ_SEED} drafts=${RUNS}`);
    await fc.assert(
      fc.asyncProperty(draftInForm, ({ draft, form, crlf }) => assertFixKeepsForm(draft, form, crlf)),
      { seed: FUZZ_SEED, numRuns: RUNS, includeErrorInReport: true },
    );
    t.diagnostic(`files fixed ${tally.fixed}, left untouched ${tally.untouched}`);
  });
});
