import { createHmac } from 'node:crypto';

// Watermarks for the files a consumer department exports from a sharing grant, and the
// trace that names the export a leaked file came from. Pure functions: the caller keeps the
// exports table (exportSeq → grant, resource) and the secret (≥ 16 bytes).
//
//   rowMarker(secret, exportSeq, columns) → (row) => markedRow
//       once per export, then mark each row (cells as strings or null, in column order) as
//       it streams out.
//   readPayload(secret, rows) → [{ exportSeq, rows }]
//       the export numbers whose payload verifies, with how many rows carried each. Takes
//       the secret: a payload that does not verify is not evidence of anything.
//   score(secret, exportSeq, rows) → { units, matched, z }
//       statistical check of one candidate export.
//   trace(secret, rows, candidates) → { exportSeq, method, units, matched, confidence } | null
//       payload first, else the statistical channel; null when nothing is significant.
//       Only candidates are ever named.
// For reading, `rows` is the file as a table of strings, header first, however it was read
// back (CSV in any encoding, XLSX, re-sorted, rows or columns deleted). `units` counts the
// evidence: rows with a verified payload, or distinct text values scored (not rows, see 2).
//
// Both channels use a per-export key K = HMAC-SHA256(secret, domain ‖ exportSeq).
//
// 1. Payload. One non-empty text cell per row (round robin over the row's text cells, so a
//    deleted column takes the payload off only some rows) gets a run of zero-width
//    characters appended (U+200B/200C/200D/2060, two bits each): exportSeq in base 4, then a
//    24-bit tag PRF(K, anchor of that cell). The tag binds the run to the export and to the
//    cell's text: a forged or corrupted run does not verify, nor does a run copied from a
//    leaked file onto other data. Survives re-sorting, deleting rows or columns, XLSX through
//    a spreadsheet program, CSV saved as UTF-8. Costs 12 + log4(exportSeq) invisible
//    characters per row.
//
// 2. Statistical. Chinese Excel saves "CSV" in GBK, which turns zero-width characters into
//    '?' but keeps spaces. Every text cell whose anchor is eligible carries a keyed bit
//    PRF(K, anchor): 1 → one trailing ASCII space, 0 → nothing. The anchor is the cell's text
//    reduced to ASCII letters and digits, '*' and the CJK block U+4E00–U+9FA5, lower-cased,
//    so our marks, the '?' GBK leaves, quotes and punctuation do not change it. It is
//    eligible only if something is left once digits, month names, 年月日时分秒 and
//    true/false are set aside: Excel rewrites digit strings (3.70303E+17), numbers, dates
//    and booleans, never text like 张*, 淄博市张店区 or 370303********1234.
//    The unit of evidence is a distinct anchor rather than a row (each cell carries its own
//    bit), which is better than one bit per row keyed by the row's text: the bit survives
//    deleting or reformatting other columns, and a repeated value (性别, 区县) counts once,
//    so it cannot inflate the score. For an export that did not make the file the expected
//    bits are independent fair coins, so its matches are exactly Binomial(units, ½): trace
//    takes the exact binomial tail, Bonferroni-corrected over the candidates, and requires
//    ≥ 16 units, z ≥ 4 and a family-wise error ≤ 1e-6 (about 30 distinct values with 1000
//    candidates). The true export matches ~100 %; an unmarked value (a header, a boolean
//    column, text that already ended in whitespace) is a coin flip for every candidate,
//    which dilutes but never misleads. In a file mixing exports, each value's bit is the
//    majority of its cells, and the export most values came from wins.
//
// Why not HMAC per cell, as first planned: one node:crypto call costs ~2.7 µs (measured), so
// three or four text cells per row would cap an export near 100k rows/s. The per-cell PRF
// is SipHash-2-4 instead (a PRF built for short inputs, 128-bit key; here over the anchor's
// UTF-16LE code units, keyed with the first 16 bytes of K), so HMAC-SHA256 runs once per
// export. Speed, marking 8 columns of which 5 are text (varied names, unique addresses and ID
// numbers; Node 20, one core; throwaway script, not in the tests): ~500k rows/s (400k–650k
// across runs on a busy 2-core machine).
//
// The marks only append invisible characters and at most one space to cells of type
// 'string'; null stays null, other types are untouched, masked values are just text.
// Neither channel survives deliberate cleaning (TRIM and CLEAN on every cell, retyping):
// they identify the careless leak, not the determined one.

export type ColumnType = 'string' | 'integer' | 'decimal' | 'date' | 'datetime' | 'boolean' | 'binary';
export type Cell = string | null;
export type Score = { units: number; matched: number; z: number };
export type Trace = { exportSeq: number; method: 'payload' | 'statistical'; units: number; matched: number; confidence: number };

const DOMAIN = 'jutong/export-watermark/v1\0';
const ZW = ['\u200b', '\u200c', '\u200d', '\u2060'];
const TAG_BITS = 24;
const TAG_DIGITS = TAG_BITS / 2;
// Base-4 digits of Number.MAX_SAFE_INTEGER: a longer run cannot be ours.
const MAX_SEQ_DIGITS = 27;
const ELIGIBLE = 2 ** 32;
const CACHE_LIMIT = 1 << 14;
const CACHE_TRIAL = 4096;
// More distinct values than this add nothing to a decision but time per candidate.
const MAX_UNITS = 4096;
const MIN_UNITS = 16;
const MIN_Z = 4;
const ALPHA = 1e-6;

const NOT_ANCHOR = /[^0-9A-Za-z*\u4e00-\u9fa5]+/g;
const HAS_UPPER = /[A-Z]/;
// What Excel may read as a number, date or time rather than text.
const DATE_CJK = new Set([...'年月日时分秒点上下午'].map((c) => c.charCodeAt(0)));
const NUMERIC_OR_DATE =
  /[0-9年月日时分秒点上下午]+|january|february|march|april|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|am|pm/g;

// ---------------------------------------------------------------------------------------------
// Keys and the per-cell PRF

/** SipHash key words (little-endian 32-bit halves of k0 and k1). */
type PrfKey = Uint32Array;

function exportKey(secret: Uint8Array, exportSeq: number): PrfKey {
  if (secret.length < 16) throw new RangeError('watermark secret must be at least 16 bytes');
  checkSeq(exportSeq);
  const k = createHmac('sha256', secret).update(`${DOMAIN}${exportSeq}`).digest();
  return Uint32Array.of(k.readUInt32LE(0), k.readUInt32LE(4), k.readUInt32LE(8), k.readUInt32LE(12));
}

function checkSeq(exportSeq: number) {
  if (!Number.isSafeInteger(exportSeq) || exportSeq < 1) throw new RangeError(`exportSeq must be a positive integer, got ${exportSeq}`);
}

/**
 * SipHash-2-4 of `s` as UTF-16LE bytes, low 32 bits of the result. One function on locals
 * (64-bit words as 32-bit halves) because this runs for every distinct text cell exported.
 * Exported only so the test can hold it against the reference algorithm.
 */
export function sipHash24(key: PrfKey, s: string): number {
  let v0l = (key[0] ^ 0x70736575) >>> 0;
  let v0h = (key[1] ^ 0x736f6d65) >>> 0;
  let v1l = (key[2] ^ 0x6e646f6d) >>> 0;
  let v1h = (key[3] ^ 0x646f7261) >>> 0;
  let v2l = (key[0] ^ 0x6e657261) >>> 0;
  let v2h = (key[1] ^ 0x6c796765) >>> 0;
  let v3l = (key[2] ^ 0x79746573) >>> 0;
  let v3h = (key[3] ^ 0x74656462) >>> 0;
  const n = s.length;
  const whole = n - (n % 4);
  let i = 0;
  // Each pass absorbs one 8-byte block (the last carries the length) with 2 rounds, then the finalization runs 4 rounds.
  for (;;) {
    let ml = 0;
    let mh = 0;
    let rounds = 2;
    if (i < whole) {
      ml = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
      mh = s.charCodeAt(i + 2) | (s.charCodeAt(i + 3) << 16);
      i += 4;
    } else if (i === whole) {
      const rest = n - whole;
      if (rest > 0) ml = s.charCodeAt(whole) | (rest > 1 ? s.charCodeAt(whole + 1) << 16 : 0);
      mh = (rest > 2 ? s.charCodeAt(whole + 2) : 0) | ((2 * n) << 24);
      i++;
    } else {
      v2l = (v2l ^ 0xff) >>> 0;
      rounds = 4;
    }
    // Unsigned, because the additions detect their carry by comparison.
    v3l = (v3l ^ ml) >>> 0;
    v3h = (v3h ^ mh) >>> 0;
    for (let r = 0; r < rounds; r++) {
      let l = (v0l + v1l) >>> 0;
      v0h = (v0h + v1h + (l < v0l ? 1 : 0)) >>> 0;
      v0l = l;
      let t = (v1h << 13) | (v1l >>> 19);
      v1l = (((v1l << 13) | (v1h >>> 19)) ^ v0l) >>> 0;
      v1h = (t ^ v0h) >>> 0;
      t = v0l;
      v0l = v0h;
      v0h = t;
      l = (v2l + v3l) >>> 0;
      v2h = (v2h + v3h + (l < v2l ? 1 : 0)) >>> 0;
      v2l = l;
      t = (v3h << 16) | (v3l >>> 16);
      v3l = (((v3l << 16) | (v3h >>> 16)) ^ v2l) >>> 0;
      v3h = (t ^ v2h) >>> 0;
      l = (v0l + v3l) >>> 0;
      v0h = (v0h + v3h + (l < v0l ? 1 : 0)) >>> 0;
      v0l = l;
      t = (v3h << 21) | (v3l >>> 11);
      v3l = (((v3l << 21) | (v3h >>> 11)) ^ v0l) >>> 0;
      v3h = (t ^ v0h) >>> 0;
      l = (v2l + v1l) >>> 0;
      v2h = (v2h + v1h + (l < v2l ? 1 : 0)) >>> 0;
      v2l = l;
      t = (v1h << 17) | (v1l >>> 15);
      v1l = (((v1l << 17) | (v1h >>> 15)) ^ v2l) >>> 0;
      v1h = (t ^ v2h) >>> 0;
      t = v2l;
      v2l = v2h;
      v2h = t;
    }
    if (rounds === 4) return (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
    v0l = (v0l ^ ml) >>> 0;
    v0h = (v0h ^ mh) >>> 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Anchors

/** The part of a cell's text that survives our marks, GBK and spreadsheets. */
function anchorOf(text: string): string {
  const kept = text.replace(NOT_ANCHOR, '');
  return HAS_UPPER.test(kept) ? kept.toLowerCase() : kept;
}

/** Whether a spreadsheet keeps this anchor as text (so it can carry a statistical bit). */
function isEligible(anchor: string): boolean {
  let letters = false;
  for (let i = 0; i < anchor.length; i++) {
    const c = anchor.charCodeAt(i);
    if (c === 0x2a || (c >= 0x4e00 && !DATE_CJK.has(c))) return true;
    if (c >= 0x61 && c <= 0x7a) letters = true;
  }
  if (!letters) return false;
  // Letters and digits only: text unless what is left after numbers, dates and times is a lone letter (1.5E3, 10T08) or a boolean.
  const rest = anchor.replace(NUMERIC_OR_DATE, '');
  return rest.length > 1 && rest !== 'true' && rest !== 'false';
}

function isZw(code: number): boolean {
  return code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060;
}

function endsInWhitespace(text: string): boolean {
  return /\s/.test(text[text.length - 1]);
}

/** Last character that is not one of our zero-width marks is an ASCII space. */
function carriesOne(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isZw(text.charCodeAt(i))) i--;
  return i >= 0 && text.charCodeAt(i) === 32;
}

const statBit = (prf: number) => prf >>> 31;
const tagOf = (prf: number) => prf & (2 ** TAG_BITS - 1);

// ---------------------------------------------------------------------------------------------
// Payload encoding

function encodeSeq(exportSeq: number): string {
  let digits = '';
  for (let v = exportSeq; v > 0; v = Math.floor(v / 4)) digits = ZW[v % 4] + digits;
  return digits;
}

// Four zero-width digits per byte of the tag, looked up rather than built per row.
const BYTE_DIGITS = Array.from({ length: 256 }, (_, b) => ZW[b >> 6] + ZW[(b >> 4) & 3] + ZW[(b >> 2) & 3] + ZW[b & 3]);

function encodeTag(tag: number): string {
  return BYTE_DIGITS[tag >>> 16] + BYTE_DIGITS[(tag >>> 8) & 0xff] + BYTE_DIGITS[tag & 0xff];
}

function zwDigit(code: number): number {
  return code === 0x200b ? 0 : code === 0x200c ? 1 : code === 0x200d ? 2 : 3;
}

/** A run of zero-width digits as (exportSeq, tag), or null when it is not canonical. */
function decodeRun(text: string, start: number, end: number): { exportSeq: number; tag: number } | null {
  const seqDigits = end - start - TAG_DIGITS;
  if (seqDigits < 1 || seqDigits > MAX_SEQ_DIGITS || zwDigit(text.charCodeAt(start)) === 0) return null;
  let exportSeq = 0;
  for (let i = start; i < start + seqDigits; i++) exportSeq = exportSeq * 4 + zwDigit(text.charCodeAt(i));
  if (!Number.isSafeInteger(exportSeq)) return null;
  let tag = 0;
  for (let i = start + seqDigits; i < end; i++) tag = tag * 4 + zwDigit(text.charCodeAt(i));
  return { exportSeq, tag };
}

/** Every run of zero-width digits in a cell. */
function* runsIn(text: string): Generator<{ exportSeq: number; tag: number } | null> {
  let i = 0;
  while (i < text.length) {
    if (!isZw(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isZw(text.charCodeAt(i))) i++;
    yield decodeRun(text, start, i);
  }
}

// ---------------------------------------------------------------------------------------------
// Marking

/**
 * Per column, per distinct text: PRF value plus ELIGIBLE when it carries a statistical bit.
 * Repeated values (性别, masked names, districts) skip the anchor and the hash; a column of
 * mostly unique values (addresses, ID numbers) turns its cache off, since a Map insert costs
 * about as much as the hash it would save.
 */
class ColumnCache {
  private readonly map = new Map<string, number>();
  private lookups = 0;
  private hits = 0;
  private on = true;

  get(text: string, compute: (text: string) => number): number {
    if (!this.on) return compute(text);
    const cached = this.map.get(text);
    if (cached !== undefined) this.hits++;
    if (++this.lookups === CACHE_TRIAL && this.hits < CACHE_TRIAL / 4) {
      this.on = false;
      this.map.clear();
    }
    if (cached !== undefined) return cached;
    const v = compute(text);
    if (this.on) {
      if (this.map.size >= CACHE_LIMIT) this.map.clear();
      this.map.set(text, v);
    }
    return v;
  }
}

/**
 * Per-export marker: call once per export, then mark each row (cells as strings or null, in
 * column order) as it streams out. Returns a new array; the input row is not changed.
 */
export function rowMarker(secret: Uint8Array, exportSeq: number, columns: readonly { type: ColumnType }[]): (row: readonly Cell[]) => Cell[] {
  const key = exportKey(secret, exportSeq);
  const seqDigits = encodeSeq(exportSeq);
  const textColumns = columns.flatMap((c, i) => (c.type === 'string' ? [i] : []));
  const caches = textColumns.map(() => new ColumnCache());
  const hosts: number[] = [];
  let hostTurn = 0;
  const info = (text: string): number => {
    const anchor = anchorOf(text);
    return sipHash24(key, anchor) + (isEligible(anchor) && !endsInWhitespace(text) ? ELIGIBLE : 0);
  };

  return (row) => {
    const out = row.slice();
    hosts.length = 0;
    for (const i of textColumns) {
      const cell = row[i];
      // A cell already ending in a zero-width digit would merge with our run.
      if (cell && !isZw(cell.charCodeAt(cell.length - 1))) hosts.push(i);
    }
    const host = hosts.length > 0 ? hosts[hostTurn++ % hosts.length] : -1;
    for (let c = 0; c < textColumns.length; c++) {
      const i = textColumns[c];
      const cell = row[i];
      if (!cell) continue;
      const v = caches[c].get(cell, info);
      const prf = v % ELIGIBLE;
      let marked = i === host ? cell + seqDigits + encodeTag(tagOf(prf)) : cell;
      if (v >= ELIGIBLE && statBit(prf) === 1) marked += ' ';
      out[i] = marked;
    }
    return out;
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the payload

type PayloadScan = { counts: Map<number, number>; runs: number };

function scanPayload(secret: Uint8Array, rows: readonly (readonly string[])[]): PayloadScan {
  const keys = new Map<number, PrfKey>();
  const counts = new Map<number, number>();
  const lastRow = new Map<number, number>();
  let runs = 0;
  rows.forEach((row, r) => {
    for (const cell of row) {
      if (!cell) continue;
      let anchor: string | undefined;
      for (const run of runsIn(cell)) {
        runs++;
        if (!run) continue;
        let key = keys.get(run.exportSeq);
        if (!key) {
          key = exportKey(secret, run.exportSeq);
          keys.set(run.exportSeq, key);
        }
        anchor ??= anchorOf(cell);
        if (tagOf(sipHash24(key, anchor)) !== run.tag || lastRow.get(run.exportSeq) === r) continue;
        lastRow.set(run.exportSeq, r);
        counts.set(run.exportSeq, (counts.get(run.exportSeq) ?? 0) + 1);
      }
    }
  });
  return { counts, runs };
}

/**
 * What a table (header + rows as strings, however it was read back) carries: the export
 * numbers found in a payload whose keyed tag verifies, with how many rows carried each,
 * most rows first. Needs the secret: a payload that does not verify is not evidence.
 */
export function readPayload(secret: Uint8Array, rows: readonly (readonly string[])[]): { exportSeq: number; rows: number }[] {
  const { counts } = scanPayload(secret, rows);
  return [...counts].map(([exportSeq, n]) => ({ exportSeq, rows: n })).sort((a, b) => b.rows - a.rows || a.exportSeq - b.exportSeq);
}

// ---------------------------------------------------------------------------------------------
// The statistical channel

type Units = { anchors: string[]; bits: Uint8Array };

/** Distinct eligible anchors in the data rows (the header is skipped), each with the bit most of its cells show. */
function collectUnits(rows: readonly (readonly string[])[]): Units {
  const votes = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    for (const cell of rows[r]) {
      if (!cell) continue;
      const anchor = anchorOf(cell);
      const seen = votes.get(anchor);
      if (seen === undefined && (votes.size >= MAX_UNITS || !isEligible(anchor))) continue;
      votes.set(anchor, (seen ?? 0) + (carriesOne(cell) ? 1 : -1));
    }
  }
  const anchors: string[] = [];
  const bits: number[] = [];
  for (const [anchor, vote] of votes) {
    if (vote === 0) continue;
    anchors.push(anchor);
    bits.push(vote > 0 ? 1 : 0);
  }
  return { anchors, bits: Uint8Array.from(bits) };
}

function scoreUnits(key: PrfKey, units: Units): Score {
  const n = units.anchors.length;
  let matched = 0;
  for (let i = 0; i < n; i++) if (statBit(sipHash24(key, units.anchors[i])) === units.bits[i]) matched++;
  return { units: n, matched, z: n === 0 ? 0 : (2 * matched - n) / Math.sqrt(n) };
}

/**
 * Statistical check of one candidate export against a table (header + rows): over the distinct
 * text values that can carry a bit, how many carry the bit this export would have given them.
 * For any other export `matched` is Binomial(units, ½); z = (2·matched − units) / √units.
 */
export function score(secret: Uint8Array, exportSeq: number, rows: readonly (readonly string[])[]): Score {
  return scoreUnits(exportKey(secret, exportSeq), collectUnits(rows));
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/** ln P(X ≥ m) for X ~ Binomial(n, ½), exact (log-sum-exp over the tail). */
function logFairTail(n: number, m: number): number {
  if (m <= 0) return 0;
  // ln C(n, i), walked up from i = m.
  let logC = logFactorial(n) - logFactorial(m) - logFactorial(n - m);
  const terms: number[] = [];
  for (let i = m; i <= n; i++) {
    terms.push(logC);
    logC += Math.log(n - i) - Math.log(i + 1);
  }
  const top = Math.max(...terms);
  return top + Math.log(terms.reduce((s, t) => s + Math.exp(t - top), 0)) - n * Math.LN2;
}

/**
 * Upper bound on ln P(at least m of `runs` runs not written by us verify for a given export):
 * each verifies with probability 2^-24, so P ≤ (runs·2^-24)^m / m!.
 */
function logPayloadChance(runs: number, m: number): number {
  return Math.min(0, m * (Math.log(runs) - TAG_BITS * Math.LN2) - logFactorial(m));
}

/**
 * The best explanation of a table (header + rows) among candidate exports (those of the same
 * resource, from the database): a verified payload naming a candidate first (the one most rows
 * carry), else the candidate with the most statistical matches. Null when nothing is
 * significant at a family-wise error of 1e-6. Exports that are not candidates are never named.
 * `units` is rows with a verified payload, or distinct text values scored; `confidence` is
 * 1 − (the chance of a result this strong from an export that did not make the file).
 */
export function trace(secret: Uint8Array, rows: readonly (readonly string[])[], candidates: readonly number[]): Trace | null {
  const pool = [...new Set(candidates)];
  for (const c of pool) checkSeq(c);
  if (pool.length === 0) return null;
  return byPayload(secret, rows, new Set(pool)) ?? byStatistics(secret, rows, pool);
}

function byPayload(secret: Uint8Array, rows: readonly (readonly string[])[], pool: Set<number>): Trace | null {
  const { counts, runs } = scanPayload(secret, rows);
  let best: [number, number] | null = null;
  for (const [seq, n] of counts) if (pool.has(seq) && (!best || n > best[1] || (n === best[1] && seq < best[0]))) best = [seq, n];
  if (!best) return null;
  const chance = Math.exp(logPayloadChance(runs, best[1]));
  if (chance > ALPHA) return null;
  return { exportSeq: best[0], method: 'payload', units: best[1], matched: best[1], confidence: 1 - chance };
}

function byStatistics(secret: Uint8Array, rows: readonly (readonly string[])[], pool: number[]): Trace | null {
  const units = collectUnits(rows);
  if (units.anchors.length < MIN_UNITS) return null;
  let best: (Score & { exportSeq: number }) | null = null;
  for (const exportSeq of pool) {
    const s = scoreUnits(exportKey(secret, exportSeq), units);
    if (!best || s.matched > best.matched) best = { ...s, exportSeq };
  }
  if (!best || best.z < MIN_Z) return null;
  const chance = Math.min(1, Math.exp(logFairTail(best.units, best.matched)) * pool.length);
  if (chance > ALPHA) return null;
  return { exportSeq: best.exportSeq, method: 'statistical', units: best.units, matched: best.matched, confidence: 1 - chance };
}
