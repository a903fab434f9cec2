import { ReadError } from './errors.js';

export type Header = {
  names: string[];
  /** 0-based positions of header cells that were blank and got a made-up name ('第3列') */
  unnamed: number[];
};

/**
 * Header names as the caller gets them: trimmed (and a stray BOM dropped); a blank cell is
 * named by its position, '第3列', because real files have one (the NBS tables leave the
 * header of their year column empty, Excel exports trailing blank columns); duplicates are an
 * error naming them, since a column that cannot be told from another cannot be mapped.
 */
export function normalizeHeader(raw: readonly string[], row: number | null): Header {
  const names: string[] = new Array(raw.length);
  const unnamed: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i].replace(/^\uFEFF/, '').trim();
    if (t === '') unnamed.push(i);
    names[i] = t === '' ? `第${i + 1}列` : t;
  }
  const seen = new Map<string, number[]>();
  for (let i = 0; i < names.length; i++) {
    const at = seen.get(names[i]);
    if (at) at.push(i + 1);
    else seen.set(names[i], [i + 1]);
  }
  const dups = [...seen].filter(([, at]) => at.length > 1);
  if (dups.length) {
    const list = dups
      .slice(0, 5)
      .map(([n, at]) => `“${n}”（第${at.join('、')}列）`)
      .join('，');
    const where = row === null ? '' : `第${row}行：`;
    throw new ReadError(`${where}表头有重复的列名：${list}${dups.length > 5 ? ' 等' : ''}。请改成不同的名字后重新上传`, row, 'header');
  }
  return { names, unnamed };
}
