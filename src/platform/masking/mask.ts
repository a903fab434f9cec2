/**
 * One masking rule per data element, applied identically in every channel (DESIGN.md,
 * "Masking"). Everything counts Unicode code points: a UTF-16 slice would cut a rare
 * character such as 𠀀 (outside the BMP, common in names) in half and leak or garble it.
 */
export const maskRules = ['none', 'name', 'citizen-id', 'mobile', 'phone', 'address', 'bank-card', 'credit-code', 'email', 'year', 'full'] as const;
export type MaskRule = (typeof maskRules)[number];

const STAR = '*';

/** Two-character surnames: without this list 欧阳娜娜 would reveal 阳. */
const COMPOUND = '欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 ' + '夏侯 轩辕 令狐 钟离 端木 独孤 南宫 西门 澹台 申屠 太史 呼延';
const COMPOUND_SURNAMES = new Set(COMPOUND.split(' '));

/** Separators are kept in place so a masked value keeps its familiar shape (0533-***4567). */
const isSeparator = (c: string) => /^[\s\-－()（）]$/u.test(c);

/**
 * Keeps the first `head` and last `tail` non-separator code points, one star for each of the
 * others. A value too short to have a masked middle is masked entirely, never shown whole.
 */
function keepEnds(value: string, head: number, tail: number): string {
  const cps = Array.from(value);
  const total = cps.filter((c) => !isSeparator(c)).length;
  const showAll = total > head + tail;
  let i = 0;
  return cps
    .map((c) => {
      if (isSeparator(c)) return c;
      const k = i++;
      return showAll && (k < head || k >= total - tail) ? c : STAR;
    })
    .join('');
}

/**
 * Surname (1 code point, or 2 for a listed compound surname) stays; the given name is starred
 * except its last code point when it has two or more: 张三→张*, 张三丰→张*丰, 欧阳娜娜→欧阳*娜.
 * A single code point is starred: it would otherwise be shown whole.
 */
function maskName(value: string): string {
  const cps = Array.from(value);
  if (cps.length <= 1) return STAR.repeat(cps.length);
  const surname = cps.length >= 3 && COMPOUND_SURNAMES.has(cps[0] + cps[1]) ? 2 : 1;
  const given = cps.length - surname;
  const last = given >= 2 ? cps[cps.length - 1] : '';
  return cps.slice(0, surname).join('') + STAR.repeat(given - (last ? 1 : 0)) + last;
}

const COUNTRY_CODE = /^(\+86|0086|86)([\s-]?)/;

function maskMobile(value: string): string {
  const m = COUNTRY_CODE.exec(value);
  const rest = m ? value.slice(m[0].length) : value;
  // "86…" is only a country code when 11 digits follow it.
  if (m && Array.from(rest).filter((c) => !isSeparator(c)).length === 11) return m[0] + keepEnds(rest, 3, 4);
  return keepEnds(value, 3, 4);
}

/** 010 and 02x are 3-digit area codes, all others 0 + 3 digits; no area code → last 4 only. */
const AREA_CODE = /^(?:[(（]0(?:[12]\d|[3-9]\d{2})[)）]|0(?:[12]\d|[3-9]\d{2}))/;

function maskPhone(value: string): string {
  const digits = value.replace(/[\s\-－()（）]/g, '');
  if (/^(?:\+?86|0086)?1[3-9]\d{9}$/.test(digits)) return maskMobile(value);
  const area = AREA_CODE.exec(value)?.[0] ?? '';
  const rest = value.slice(area.length);
  // A bare area code has nothing after it to hide, so it is starred like any short value.
  return /[^\s\-－()（）]/u.test(rest) ? area + keepEnds(rest, 0, 4) : keepEnds(value, 0, 4);
}

/** Characters that only appear below the district level: a cut must never go past them. */
const BELOW_DISTRICT = /[路街镇乡村号道巷弄楼栋室组社]/u;

/**
 * Down to the district/county: after the first 市 (prefecture or municipality), up to the next
 * 区/县/旗/市 (县级市 too, else 青州市王府街道… would show the street); if a street-level
 * character comes first, stop at the 市. Without a 市, up to a 区/县/旗 within the first 6
 * code points, else the first 6 (fewer if a street-level character comes first). '****'
 * always follows, whether or not anything was cut.
 */
function maskAddress(value: string): string {
  const cps = Array.from(value);
  const keep = (n: number) => `${cps.slice(0, n).join('')}****`;
  const city = cps.indexOf('市');
  if (city > 0 && city <= 20 && !BELOW_DISTRICT.test(cps.slice(0, city).join(''))) {
    for (let i = city + 1; i < Math.min(cps.length, city + 10); i++) {
      if (BELOW_DISTRICT.test(cps[i])) break;
      if (cps[i] === '市' && cps[i + 1] === '辖' && cps[i + 2] === '区') return keep(i + 3);
      if ('区县旗市'.includes(cps[i]) && i > city + 1) return keep(i + 1);
    }
    return keep(city + 1);
  }
  for (let i = 1; i < Math.min(cps.length, 6); i++) {
    if (BELOW_DISTRICT.test(cps[i])) return keep(i);
    if ('区县旗'.includes(cps[i])) return keep(i + 1);
  }
  return keep(Math.min(6, cps.length));
}

/** First code point of the local part + the whole domain; a 1-character local part is starred. */
function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return keepEnds(value, 1, 0);
  const local = Array.from(value.slice(0, at));
  const shown = local.length > 1 ? local[0] : '';
  return shown + STAR.repeat(local.length - (shown ? 1 : 0)) + value.slice(at);
}

export function mask(rule: MaskRule, value: string | null): string | null {
  if (value === null) return null;
  switch (rule) {
    case 'none':
      return value;
    case 'full':
      return '***'; // fixed width: not even the length shows
    case 'name':
      return maskName(value.trim()); // a stray leading space would otherwise be taken as the surname
    case 'citizen-id':
      return keepEnds(value, 6, 4);
    case 'mobile':
      return maskMobile(value);
    case 'phone':
      return maskPhone(value);
    case 'address':
      return value === '' ? '' : maskAddress(value);
    case 'bank-card':
      return keepEnds(value, 6, 4);
    case 'credit-code':
      return keepEnds(value, 8, 1);
    case 'email':
      return maskEmail(value);
    case 'year':
      // A date generalized to its year (1990-05-12 → 1990-**-**); a value that does not start
      // with a year has nothing to keep.
      return keepEnds(value, /^\d{4}/.test(value) ? 4 : 0, 0);
  }
}
