// Issue 10: the progress line of a folder run, on a terminal only, redrawn in place.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateReport } from '../../bench/reports';
import { main } from '../../server/src/cli/main';
import { runCli, tempFolder } from './run';

const folder = (() => {
  const dir = tempFolder('progress');
  for (let i = 0; i < 5; i++) writeFileSync(join(dir, `r${i}.txt`), generateReport(40 + i, { layout: 'tabs' }).text);
  return dir;
})();

/** A terminal that records what is written to it. */
function terminal() {
  const written: string[] = [];
  return { written, stream: { columns: 70, write: (chunk: string) => written.push(chunk) > 0 } as unknown as NodeJS.WriteStream };
}

async function run(args: string[], progress?: NodeJS.WriteStream) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (text) => out.push(text), err: (line) => err.push(line), progress });
  return { code, out: out.join(''), err };
}

describe('progress (issue 10)', () => {
  test('on a terminal: n/N, the file, elapsed and an estimate, redrawn in place and cleared at the end', async () => {
    const { written, stream } = terminal();
    const result = await run(['check', folder], stream);
    assert.equal(result.code, 0);
    assert.ok(written.length >= 1);
    for (const line of written.slice(0, -1)) {
      assert.match(line, /^\r\d+\/5 {2}已用 [\d.]+ s，约剩 [\d.]+ s {2}.*\x1b\[K$/, JSON.stringify(line));
      assert.ok(!line.includes('\n'), 'redrawn in place, never a new line');
    }
    assert.match(written.at(-2)!, /^\r5\/5 /, 'the last redraw says all are done');
    assert.equal(written.at(-1), '\r\x1b[K', 'cleared before the results');
    assert.ok(!result.out.includes('\r'), 'stdout has none of it');
  });

  test('nothing with --quiet', async () => {
    const { written, stream } = terminal();
    await run(['check', '--quiet', folder], stream);
    assert.deepEqual(written, []);
  });

  test('nothing when stderr is not a terminal', () => {
    const piped = runCli(['check', folder]);
    assert.equal(piped.code, 0);
    assert.doesNotMatch(piped.stderr, /\r|\/5/);
  });
});
