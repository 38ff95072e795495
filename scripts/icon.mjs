// Draws the extension's icon, images/icon.png (128×128): a report's table on a red seal-like
// square, one cell ticked. Drawn from shapes with 4×4 supersampling so that edges are smooth, and
// written as a PNG with node's zlib: no image library needed for one small picture.
//
//   node scripts/icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'images', 'icon.png');

const RED = [196, 43, 28];
const PAPER = [255, 250, 240];
const INK = [120, 30, 20];
const GOLD = [240, 180, 40];

/** Signed distance to a rounded rectangle centred at (cx, cy) with half sizes (hx, hy) and radius r. */
function roundedBox(x, y, cx, cy, hx, hy, r) {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to the segment (ax, ay)–(bx, by). */
function segment(x, y, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay));
}

// The sheet: 4 rows × 3 columns of a table, header row darker.
const SHEET = { left: 24, top: 22, right: 104, bottom: 100 };
const ROWS = [22, 40, 60, 80, 100];
const COLUMNS = [24, 56, 80, 104];

/** Colour of one point, back to front: transparent, red square, paper, grid, tick. */
function colourAt(x, y) {
  if (roundedBox(x, y, 64, 64, 62, 62, 18) > 0) return null;
  let colour = RED;
  if (x >= SHEET.left && x <= SHEET.right && y >= SHEET.top && y <= SHEET.bottom) {
    colour = y < ROWS[1] ? [250, 225, 205] : PAPER;
    const onLine = ROWS.some((r) => Math.abs(y - r) < 1.6) || COLUMNS.some((c) => Math.abs(x - c) < 1.6);
    if (onLine) colour = INK;
  }
  // The tick over the bottom-right cell: the one found right.
  const tick = Math.min(segment(x, y, 70, 86, 84, 102), segment(x, y, 84, 102, 114, 62));
  if (tick < 8) colour = tick < 5.5 ? GOLD : INK;
  return colour;
}

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1);
  pixels[row] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!colour) continue;
        r += colour[0]; g += colour[1]; b += colour[2]; a++;
      }
    }
    const at = row + 1 + px * 4;
    if (a > 0) {
      pixels[at] = Math.round(r / a);
      pixels[at + 1] = Math.round(g / a);
      pixels[at + 2] = Math.round(b / a);
    }
    pixels[at + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
  }
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
