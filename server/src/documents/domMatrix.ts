// pdf.js needs the browser's DOMMatrix, which Node lacks. In a checkout pdf.js borrows it from
// @napi-rs/canvas (a 32 MB native package, there as pdfjs-dist's dependency); the .vsix cannot carry
// that, and without it a PDF whose pages hold a Type 3 glyph or an image mask cannot be read at all
// ("DOMMatrix is not defined", the real PDF of the corpus among them). What reading calls is the 2D
// affine part: pdf.js's worker builds `new DOMMatrix().scaleSelf(…).translateSelf(…)` and reads a–f.
// Installed only where there is no DOMMatrix.

type Affine = Pick<AffineMatrix, 'a' | 'b' | 'c' | 'd' | 'e' | 'f'>;

/** A 2D DOMMatrix: [a c e; b d f; 0 0 1]; the *Self methods post-multiply, as DOMMatrix's do. */
export class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: ArrayLike<number>) {
    if (init === undefined) return;
    if (init.length !== 6) throw new TypeError('Only a 2D matrix [a, b, c, d, e, f] is supported here');
    [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init);
  }

  scaleSelf(scaleX = 1, scaleY = scaleX): this {
    return this.multiplySelf({ a: scaleX, b: 0, c: 0, d: scaleY, e: 0, f: 0 });
  }

  translateSelf(x = 0, y = 0): this {
    return this.multiplySelf({ a: 1, b: 0, c: 0, d: 1, e: x, f: y });
  }

  private multiplySelf(m: Affine): this {
    const { a, b, c, d, e, f } = this;
    this.a = a * m.a + c * m.b;
    this.b = b * m.a + d * m.b;
    this.c = a * m.c + c * m.d;
    this.d = b * m.c + d * m.d;
    this.e = a * m.e + c * m.f + e;
    this.f = b * m.e + d * m.f + f;
    return this;
  }
}

/** Gives the process a DOMMatrix for pdf.js, unless it has one. */
export function provideDomMatrix(): void {
  const global = globalThis as { DOMMatrix?: unknown };
  global.DOMMatrix ??= AffineMatrix;
}
