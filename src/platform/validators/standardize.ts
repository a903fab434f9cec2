/**
 * Standardization of free-text cells (names, addresses, descriptions) before they are stored.
 * Codes and numbers have their own validators, which normalize more aggressively (NFKC, no
 * separators, upper-case check characters); these functions never use NFKC because it also
 * rewrites Chinese text (compatibility ideographs U+F900–FAFF, ①, ㈱, …).
 *
 * What `standardizeText` does, and why:
 * - trims, and removes zero-width spaces (U+200B) and stray byte-order marks (U+FEFF) that
 *   Excel exports and copy-paste leave inside cells: invisible, but they break equality;
 * - full-width letters and digits become ASCII ("ＡＢＣ１２３" → "ABC123") and the ideographic
 *   space U+3000 a space: in every Chinese data standard these are the same characters, and
 *   mixing the two forms breaks de-duplication and joins across departments;
 * - full-width punctuation (，：；（）！？ …) becomes ASCII only in values with no Chinese text.
 *   Inside Chinese text it is the correct form (GB/T 15834), and converting it would turn
 *   "张店区（城区）" into "张店区(城区)" next to an unconverted "。" and "、"; in a value with no
 *   Chinese ("（0533）1234567", "ＮＯ．５") it is IME noise;
 * - runs of spaces and tabs (and NBSP, U+3000, the other Unicode spaces) collapse to one space:
 *   in a cell, a double space is a typing artefact, never data, and it silently splits
 *   "淄博市  张店区" from "淄博市 张店区". A single space is kept — whether "张 三" should be
 *   "张三" cannot be decided without knowing the field;
 * - line breaks are kept (CR LF and CR become LF, spaces around them are dropped): in long
 *   text (摘要, 办理结果) paragraphs are data, and flattening them would lose it.
 * Chinese characters themselves are never changed.
 */

/** Full-width ASCII (U+FF01–FF5E) → ASCII, ideographic space U+3000 → space. Nothing else changes. */
export function toHalfWidth(s: string): string {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break;
    i++;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? ' ' : s[i];
  }
  return out;
}

const isFullWidthAlnum = (c: number) => (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);

/** Han ideographs (BMP and, through their high surrogates, extensions B–G) or CJK punctuation 、。《》「」. */
function hasChinese(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x3001 && c <= 0x303f) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd840 && c <= 0xd8bf)) return true;
  }
  return false;
}

/** Full-width letters and digits always; full-width punctuation only when `punctuation`. */
function fullWidthToAscii(s: string, punctuation: boolean): string {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break;
    i++;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3000) out += ' ';
    else if (c >= 0xff01 && c <= 0xff5e && (punctuation || isFullWidthAlnum(c))) out += String.fromCharCode(c - 0xfee0);
    else out += s[i];
  }
  return out;
}

/** Printable ASCII with single inner spaces and nothing to trim: nearly every cell, returned as is. */
/**
 * Whether standardizeText would return `s` unchanged: no control characters, no unusual
 * spaces, no full-width forms, no leading, trailing or doubled space. Most cells (names,
 * IDs, Chinese addresses) pass, and this one scan is all they cost on the ingest hot path.
 */
export function isAlreadyStandard(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x7f) {
      if (c < 32 || (c === 32 && previous === 32)) return false;
    } else if (
      c <= 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200b) ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff ||
      (c >= 0xff01 && c <= 0xff5e)
    ) {
      return false;
    }
    previous = c;
  }
  return true;
}

const ZERO_WIDTH = /[\u200B\uFEFF]/g;
const CR = /\r\n?/g;
const SPACE_RUN = /[ \t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
const SPACE_AROUND_LF = / ?\n ?/g;

/** See the module comment for what is changed and why. */
export function standardizeText(s: string): string {
  if (isAlreadyStandard(s)) return s;
  const t = s.replace(ZERO_WIDTH, '');
  return fullWidthToAscii(t, !hasChinese(t)).replace(CR, '\n').replace(SPACE_RUN, ' ').replace(SPACE_AROUND_LF, '\n').trim();
}
