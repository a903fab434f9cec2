/**
 * Days as integers (days since 1970-01-01, UTC) with precomputed text, so that generating
 * a date costs an array lookup. The generators' world is fixed at AS_OF: no value depends on
 * the day the generator runs, so output is reproducible and no birth date is in the future.
 */

export const DAY_MS = 86_400_000;

/** The data's "as of" day: every generated (valid) date is on or before it. */
export const AS_OF = '2025-12-31';

export function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export const AS_OF_DAY = dayOf(AS_OF);
const FIRST_DAY = dayOf('1900-01-01');
const LAST_DAY = dayOf('2035-12-31');
const COUNT = LAST_DAY - FIRST_DAY + 1;

const iso: string[] = new Array(COUNT);
const compact: string[] = new Array(COUNT);
const years = new Int32Array(COUNT);
for (let i = 0; i < COUNT; i++) {
  const s = new Date((FIRST_DAY + i) * DAY_MS).toISOString().slice(0, 10);
  iso[i] = s;
  compact[i] = s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 10);
  years[i] = Number(s.slice(0, 4));
}

/** ASCII of every day: YYYY-MM-DD at 10·(day - FIRST_TABLE_DAY), YYYYMMDD at 8·(day - FIRST_TABLE_DAY). */
export const ISO_BYTES = new Uint8Array(COUNT * 10);
export const COMPACT_BYTES = new Uint8Array(COUNT * 8);
export const FIRST_TABLE_DAY = FIRST_DAY;
export const LAST_TABLE_DAY = LAST_DAY;
const isoBytes = ISO_BYTES;
const compactBytes = COMPACT_BYTES;
for (let i = 0; i < COUNT; i++) {
  for (let j = 0; j < 10; j++) isoBytes[i * 10 + j] = iso[i].charCodeAt(j);
  for (let j = 0; j < 8; j++) compactBytes[i * 8 + j] = compact[i].charCodeAt(j);
}

function slot(day: number): number {
  const i = day - FIRST_DAY;
  if (!(i >= 0 && i < COUNT)) throw new RangeError(`day ${day} outside the generator's calendar`);
  return i;
}

/** 'YYYY-MM-DD'. */
export function isoDay(day: number): string {
  return iso[slot(day)];
}

/** 'YYYYMMDD', as in an ID number. */
export function compactDay(day: number): string {
  return compact[slot(day)];
}

export function yearOfDay(day: number): number {
  return years[slot(day)];
}

export function firstDayOfYear(year: number): number {
  return Math.round(Date.UTC(year, 0, 1) / DAY_MS);
}

export function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** The same calendar day `n` years later (29 Feb → 28 Feb in a common year). */
export function addYears(day: number, n: number): number {
  const s = isoDay(day);
  const y = Number(s.slice(0, 4)) + n;
  const m = Number(s.slice(5, 7));
  let d = Number(s.slice(8, 10));
  if (m === 2 && d === 29 && daysInYear(y) === 365) d = 28;
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}
