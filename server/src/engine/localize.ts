// Error localisation for linear balance relations (Fellegi–Holt, minimum cardinality).
//
// One wrong cell breaks every relation it takes part in, so recomputing the total next to each
// failing relation often "fixes" a total that was right. Instead we look for the fewest cells
// whose change makes every relation hold at once, with the exact values they must take.
//
// Search: iterative deepening on the number of changed cells. A candidate set S is grown one
// variable at a time under two necessary conditions, which prune almost everything:
//   - every failing relation must be touched by S (a relation without a changed term keeps failing);
//   - every holding relation touched by S must be touched at least twice (a single changed term
//     would break it).
// Relations that S does not yet meet these for are its "demand". A new member settles at most as
// many of them as it has relations, which bounds the members still needed. While there is demand
// we branch on the demand relation with the fewest eligible variables; once there is none but the
// size is not reached, we only try variables that share a relation with S (a part of a correction
// sharing no relation with the rest, nor with a failing relation, could be scaled freely, so its
// values would not be unique). Siblings exclude the variables tried before them, so every set is
// visited at most once. A set that passes is solved exactly (fraction-free elimination over BigInt)
// and kept only if its values are unique, differ from the old ones and, by default, are
// non-negative safe integers. Without that default a fractional value is reported as the nearest
// double.
//
// Non-finite values (NaN, ±Infinity) cannot be checked, so a relation that refers to one fails, and
// the variable must be in every correction: it is placed in S from the start and gets a value like
// any other (its `from` is reported as given). If such a variable is frozen there is no correction.
// Terms naming a variable outside `values`, or with a zero or non-finite coefficient, are ignored;
// repeated terms for one variable are added up.

export interface LinearRelation {
  /** Σ coefficient × value[variable] = 0 */
  terms: { variable: number; coefficient: number }[];
}
export interface Change { variable: number; from: number; to: number }
export interface Correction { changes: Change[] } // sorted by variable index
export interface LocalisationResult {
  /** Indices of relations that do not hold with the current values. */
  failing: number[];
  /** Every minimum-cardinality correction found (empty when consistent, or when none within maxChanges). */
  corrections: Correction[];
  /** Size of the corrections; 0 when consistent; null when relations fail and no correction with ≤ maxChanges cells exists. */
  cardinality: number | null;
  /** True if the search stopped early (maxSolutions or work budget reached): corrections may be incomplete. */
  truncated: boolean;
}
export interface LocaliseOptions {
  maxChanges?: number; // default 4
  maxSolutions?: number; // default 8
  /** Variables that may not change (e.g. cells the caller trusts). */
  frozen?: ReadonlySet<number>;
  /** New values must be non-negative integers (default true). A support set whose unique solution violates this is not a correction. */
  nonNegativeIntegers?: boolean;
  /** Upper bound on search nodes so a pathological input can never hang (default 200000). */
  workBudget?: number;
}

// ---------------------------------------------------------------------------------------------
// Exact rationals. Every finite double is a dyadic rational, so inputs convert without loss.

interface Q {
  n: bigint;
  /** Positive, coprime with n. */
  d: bigint;
}

const Q_ZERO: Q = { n: 0n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function rational(n: bigint, d: bigint): Q {
  if (d === 1n) return { n, d };
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

function fromNumber(x: number): Q {
  if (Number.isInteger(x)) return { n: BigInt(x), d: 1n };
  // Doubling a non-integer double is exact (it is below 2^52), and ends within 1074 steps.
  let exponent = 0;
  while (!Number.isInteger(x)) {
    x *= 2;
    exponent++;
  }
  return rational(BigInt(x), 1n << BigInt(exponent));
}

function add(a: Q, b: Q): Q {
  if (a.d === 1n && b.d === 1n) return { n: a.n + b.n, d: 1n };
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

function sub(a: Q, b: Q): Q {
  return add(a, { n: -b.n, d: b.d });
}

function mul(a: Q, b: Q): Q {
  if (a.d === 1n && b.d === 1n) return { n: a.n * b.n, d: 1n };
  return rational(a.n * b.n, a.d * b.d);
}

// ---------------------------------------------------------------------------------------------

/** Relation terms after validation: distinct variables, non-zero coefficients. */
interface NormalRelation {
  vars: number[];
  /** As given, converted only when a solve needs them; rational where duplicate terms were merged. */
  coefs: (number | Q)[];
}

function isVariable(v: unknown, n: number): v is number {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) < n;
}

function isCoefficient(c: unknown): c is number {
  return typeof c === 'number' && Number.isFinite(c) && c !== 0;
}

function termsOf(relation: LinearRelation | undefined): readonly { variable: number; coefficient: number }[] {
  const terms = relation?.terms;
  return Array.isArray(terms) ? terms : [];
}

/**
 * The exact residual Σ coefficient × value, or null when it refers to a non-finite value.
 * Plain doubles suffice (and are what runs on every keystroke) while every product and partial
 * sum is a safe integer; otherwise the sum is redone in rationals.
 */
function residualOf(values: readonly number[], relation: LinearRelation | undefined): number | Q | null {
  const n = values.length;
  const terms = termsOf(relation);
  let sum = 0;
  let exact = true;
  for (const term of terms) {
    if (!term || !isVariable(term.variable, n) || !isCoefficient(term.coefficient)) continue;
    const value = values[term.variable];
    if (!Number.isFinite(value)) return null;
    const product = term.coefficient * value;
    sum += product;
    if (exact && !(Number.isInteger(term.coefficient) && Number.isInteger(value) && Number.isSafeInteger(product) && Number.isSafeInteger(sum))) {
      exact = false;
    }
  }
  if (exact) return sum;
  let q = Q_ZERO;
  for (const term of terms) {
    if (!term || !isVariable(term.variable, n) || !isCoefficient(term.coefficient)) continue;
    q = add(q, mul(fromNumber(term.coefficient), fromNumber(values[term.variable])));
  }
  return q;
}

function isZero(r: number | Q | null): boolean {
  return r === null ? false : typeof r === 'number' ? r === 0 : r.n === 0n;
}

function option(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 ? Math.floor(value) : fallback;
}

export function localise(values: readonly number[], relations: readonly LinearRelation[], options: LocaliseOptions = {}): LocalisationResult {
  const n = values.length;
  const m = relations.length;

  const residuals: (number | Q | null)[] = new Array(m);
  const failing: number[] = [];
  for (let j = 0; j < m; j++) {
    residuals[j] = residualOf(values, relations[j]);
    if (!isZero(residuals[j])) failing.push(j);
  }
  if (failing.length === 0) return { failing, corrections: [], cardinality: 0, truncated: false };

  const maxSolutions = option(options.maxSolutions, 8);
  const nonNegativeIntegers = options.nonNegativeIntegers ?? true;
  let work = option(options.workBudget, 200000);

  // Normalise relations and build the variable → relation incidence.
  const normal: NormalRelation[] = new Array(m);
  const seenIn = new Int32Array(n).fill(-1);
  const degree = new Int32Array(n);
  for (let j = 0; j < m; j++) {
    const vars: number[] = [];
    const coefs: number[] = [];
    let duplicated = false;
    for (const term of termsOf(relations[j])) {
      if (!term || !isVariable(term.variable, n) || !isCoefficient(term.coefficient)) continue;
      if (seenIn[term.variable] === j) duplicated = true;
      seenIn[term.variable] = j;
      vars.push(term.variable);
      coefs.push(term.coefficient);
    }
    normal[j] = duplicated ? mergeDuplicates(vars, coefs) : { vars, coefs };
    for (const v of normal[j].vars) degree[v]++;
  }
  const incStart = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) incStart[v + 1] = incStart[v] + degree[v];
  const incRelation = new Int32Array(incStart[n]);
  const fill = incStart.slice(0, n);
  for (let j = 0; j < m; j++) for (const v of normal[j].vars) incRelation[fill[v]++] = j;

  const isFailing = new Uint8Array(m);
  for (const j of failing) isFailing[j] = 1;

  // Variables that can never be chosen: frozen, or in no relation (their value would be free).
  const blocked = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (degree[v] === 0) blocked[v] = 1;
  if (options.frozen) for (const v of options.frozen) if (isVariable(v, n)) blocked[v] = 2;

  const inS = new Uint8Array(n);
  const excluded = new Uint8Array(n);
  const touch = new Int32Array(m);
  const members: number[] = [];
  // Relations that S does not yet satisfy the necessary conditions for: failing and untouched, or
  // holding and touched exactly once.
  let demand = failing.length;

  const isDemand = (j: number, touches: number) => (isFailing[j] ? touches === 0 : touches === 1);
  const enter = (v: number) => {
    inS[v] = 1;
    members.push(v);
    for (let p = incStart[v]; p < incStart[v + 1]; p++) {
      const j = incRelation[p];
      const before = touch[j]++;
      demand += (isDemand(j, before + 1) ? 1 : 0) - (isDemand(j, before) ? 1 : 0);
    }
  };
  const leave = (v: number) => {
    inS[v] = 0;
    members.pop();
    for (let p = incStart[v]; p < incStart[v + 1]; p++) {
      const j = incRelation[p];
      const before = touch[j]--;
      demand += (isDemand(j, before - 1) ? 1 : 0) - (isDemand(j, before) ? 1 : 0);
    }
  };
  const eligible = (v: number) => blocked[v] === 0 && inS[v] === 0 && excluded[v] === 0;

  for (let v = 0; v < n; v++) {
    if (degree[v] > 0 && !Number.isFinite(values[v])) {
      if (blocked[v] === 2) return { failing, corrections: [], cardinality: null, truncated: false };
      enter(v);
    }
  }
  const forced = members.length;

  const coefficient = (j: number, t: number): Q => {
    const c = normal[j].coefs[t];
    return typeof c === 'number' ? fromNumber(c) : c;
  };

  const mark = new Int32Array(Math.max(n, m));
  let markGeneration = 0;

  /** Variables to branch on: the most constrained demand relation's, else S's neighbours. */
  const candidates = (): number[] => {
    markGeneration++;
    if (demand > 0) {
      let best: number[] | null = null;
      const consider = (j: number): boolean => {
        if (mark[j] === markGeneration || !isDemand(j, touch[j])) return false;
        mark[j] = markGeneration;
        const choice = normal[j].vars.filter(eligible);
        if (best === null || choice.length < best.length) best = choice;
        return choice.length === 0;
      };
      for (const j of failing) if (consider(j)) return [];
      for (const s of members) for (let p = incStart[s]; p < incStart[s + 1]; p++) if (consider(incRelation[p])) return [];
      return best ?? [];
    }
    const neighbours: number[] = [];
    for (const s of members) {
      for (let p = incStart[s]; p < incStart[s + 1]; p++) {
        for (const v of normal[incRelation[p]].vars) {
          if (mark[v] !== markGeneration && eligible(v)) {
            mark[v] = markGeneration;
            neighbours.push(v);
          }
        }
      }
    }
    return neighbours;
  };

  const found: Correction[] = [];
  let cardinality: number | null = null;
  let truncated = false;
  let stopped = false;

  const record = () => {
    const to = solve();
    if (to === null) return;
    cardinality = members.length;
    if (found.length >= maxSolutions) {
      truncated = stopped = true;
      return;
    }
    const changes = members.map((variable, c) => ({ variable, from: values[variable], to: to[c] }));
    found.push({ changes: changes.sort((a, b) => a.variable - b.variable) });
  };

  /** The unique new values of S's members (in `members` order), or null if S is no correction. */
  const solve = (): number[] | null => {
    const k = members.length;
    const column = new Map<number, number>();
    members.forEach((v, c) => column.set(v, c));
    const rows: Q[][] = [];
    markGeneration++;
    for (const s of members) {
      for (let p = incStart[s]; p < incStart[s + 1]; p++) {
        const j = incRelation[p];
        if (mark[j] === markGeneration) continue;
        mark[j] = markGeneration;
        rows.push(equation(j, column, k));
      }
    }
    const matrix = rows.map(toIntegers);
    const x = solveFullColumnRank(matrix, k);
    if (x === null) return null;
    const to: number[] = [];
    for (let c = 0; c < k; c++) {
      const old = values[members[c]];
      if (Number.isFinite(old)) {
        const before = fromNumber(old);
        if (x[c].n === before.n && x[c].d === before.d) return null;
      }
      if (nonNegativeIntegers) {
        if (x[c].d !== 1n || x[c].n < 0n || x[c].n > BigInt(Number.MAX_SAFE_INTEGER)) return null;
        to.push(Number(x[c].n));
      } else {
        to.push(x[c].d === 1n ? Number(x[c].n) : Number(x[c].n) / Number(x[c].d));
      }
    }
    return to;
  };

  /** Relation j restricted to S: coefficients of S's members, then Σ_{i∉S} -coefficient × value. */
  const equation = (j: number, column: Map<number, number>, k: number): Q[] => {
    const row: Q[] = new Array(k + 1).fill(Q_ZERO);
    const { vars } = normal[j];
    const residual = residuals[j];
    let rhs: Q = residual === null ? Q_ZERO : sub(Q_ZERO, typeof residual === 'number' ? fromNumber(residual) : residual);
    for (let t = 0; t < vars.length; t++) {
      const c = column.get(vars[t]);
      if (c !== undefined) {
        row[c] = coefficient(j, t);
        // With a known residual, only S's own terms need moving back to the right-hand side.
        if (residual !== null) rhs = add(rhs, mul(row[c], fromNumber(values[vars[t]])));
      } else if (residual === null) {
        rhs = sub(rhs, mul(coefficient(j, t), fromNumber(values[vars[t]])));
      }
    }
    row[k] = rhs;
    return row;
  };

  let maxDegree = 0;
  for (let v = 0; v < n; v++) if (blocked[v] === 0 && inS[v] === 0) maxDegree = Math.max(maxDegree, degree[v]);

  const search = (left: number): void => {
    if (left === 0) {
      if (demand === 0) record();
      return;
    }
    if (demand > left * maxDegree) return;
    const tried: number[] = [];
    for (const v of candidates()) {
      if (--work < 0) {
        truncated = stopped = true;
        break;
      }
      enter(v);
      search(left - 1);
      leave(v);
      if (stopped) break;
      excluded[v] = 1;
      tried.push(v);
    }
    for (const v of tried) excluded[v] = 0;
  };

  let choosable = forced;
  for (let v = 0; v < n; v++) if (blocked[v] === 0 && inS[v] === 0) choosable++;
  const maxChanges = Math.min(option(options.maxChanges, 4), choosable);
  for (let size = Math.max(forced, 1); size <= maxChanges && cardinality === null && !stopped; size++) {
    search(size - forced);
  }

  found.sort((a, b) => {
    for (let i = 0; i < a.changes.length; i++) {
      const d = a.changes[i].variable - b.changes[i].variable;
      if (d !== 0) return d;
    }
    return 0;
  });
  return { failing, corrections: found, cardinality, truncated };
}

function mergeDuplicates(vars: number[], coefs: number[]): NormalRelation {
  const merged = new Map<number, Q>();
  vars.forEach((v, t) => merged.set(v, add(merged.get(v) ?? Q_ZERO, fromNumber(coefs[t]))));
  const result: NormalRelation = { vars: [], coefs: [] };
  for (const [v, q] of merged) {
    if (q.n === 0n) continue;
    result.vars.push(v);
    result.coefs.push(q);
  }
  return result;
}

/** Scales a row of rationals by the lcm of its denominators. */
function toIntegers(row: Q[]): bigint[] {
  let lcm = 1n;
  for (const q of row) if (q.d !== 1n) lcm = (lcm / gcd(lcm, q.d)) * q.d;
  return row.map((q) => (q.d === 1n ? q.n * lcm : q.n * (lcm / q.d)));
}

/**
 * Solves the augmented integer system [A | b] (k unknowns) by Bareiss fraction-free elimination;
 * null unless A has full column rank and the system is consistent.
 */
function solveFullColumnRank(matrix: bigint[][], k: number): Q[] | null {
  const rows = matrix.length;
  let previous = 1n;
  for (let c = 0; c < k; c++) {
    let p = c;
    while (p < rows && matrix[p][c] === 0n) p++;
    if (p === rows) return null;
    [matrix[p], matrix[c]] = [matrix[c], matrix[p]];
    const pivot = matrix[c][c];
    for (let i = c + 1; i < rows; i++) {
      const factor = matrix[i][c];
      for (let j = c + 1; j <= k; j++) matrix[i][j] = (pivot * matrix[i][j] - factor * matrix[c][j]) / previous;
      matrix[i][c] = 0n;
    }
    previous = pivot;
  }
  for (let i = k; i < rows; i++) if (matrix[i][k] !== 0n) return null;
  const x: Q[] = new Array(k);
  for (let c = k - 1; c >= 0; c--) {
    let rhs: Q = { n: matrix[c][k], d: 1n };
    for (let j = c + 1; j < k; j++) rhs = sub(rhs, mul({ n: matrix[c][j], d: 1n }, x[j]));
    x[c] = rational(rhs.n, rhs.d * matrix[c][c]);
  }
  return x;
}
