// The DOMMatrix the PDF reader gives pdf.js where Node has none (server/src/documents/domMatrix.ts): the
// same numbers as @napi-rs/canvas's (which a checkout has, and the .vsix does not), and the real
// PDF of the corpus read with it to the same grid as its text version.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { AffineMatrix, provideDomMatrix } from '../../server/src/documents/domMatrix';
import { grid, read, root } from './helpers';

// Before pdf.js loads in this process, so that it keeps ours rather than borrow canvas's.
provideDomMatrix();

test('AffineMatrix scales and translates as DOMMatrix does', () => {
  const canvas = createRequire(join(root, 'node_modules', 'pdfjs-dist', 'package.json'))('@napi-rs/canvas') as { DOMMatrix: new (init?: number[]) => AffineMatrix };
  const steps: [number, number, number, number, number, number, [number, number], [number, number]][] = [
    [1, 0, 0, 1, 0, 0, [1 / 7, -1 / 5], [0, -5]],
    [2, 0.5, -1, 3, 4, 5, [3, 3], [-2, 7.5]],
    [0.3, 0, 0, -0.3, 100, 800, [1, -1], [12, 0]],
  ];
  for (const [a, b, c, d, e, f, scale, translate] of steps) {
    const ours = new AffineMatrix([a, b, c, d, e, f]).scaleSelf(...scale).translateSelf(...translate);
    const theirs = new canvas.DOMMatrix([a, b, c, d, e, f]).scaleSelf(...scale).translateSelf(...translate);
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f'] as const) assert.ok(Math.abs(ours[key] - theirs[key]) < 1e-12, `${key}: ${ours[key]} vs ${theirs[key]}`);
  }
  assert.deepEqual({ ...new AffineMatrix().scaleSelf(2) }, { a: 2, b: 0, c: 0, d: 2, e: 0, f: 0 });
  assert.throws(() => new AffineMatrix([1, 0, 0, 1]), TypeError);
});

test('the real PDF reads with it to the same grid as its text version', async () => {
  assert.equal((globalThis as { DOMMatrix?: unknown }).DOMMatrix, AffineMatrix);
  const document = await read(join(root, '..', 'shared', 'corpus', 'files', '001_huaian_szf_2024.pdf'));
  assert.equal((globalThis as { DOMMatrix?: unknown }).DOMMatrix, AffineMatrix, 'pdf.js kept ours');
  assert.deepEqual(grid(document.text), grid(readFileSync(join(root, '..', 'shared', 'corpus', '001_huaian_szf_2024.txt'), 'utf8')));
});
