/**
 * Chinese word segmentation for full-text search (FIELD-NOTES "Chinese text search").
 *
 * Index and query go through the same function, and search works only if every token of a
 * query is also a token of each text that contains the query string. So the segmenter runs
 * in "cut all" mode: it emits every dictionary word found anywhere in the text, which makes
 * that property hold by construction. Precise or search-mode cuts choose one path through the
 * sentence and can cut the same word differently in different context (and with HMM enabled
 * they invent context-dependent words).
 *
 * Single Han characters are dropped (they would match nearly everything) unless the whole
 * text is one character. So a query with no dictionary word in it yields no tokens: callers
 * should fall back to a substring search for it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

const requireCjs = createRequire(import.meta.url);

let segmenter: Jieba | undefined;

/** Built on first use: loading the 5 MB dictionary costs ~0.2 s and ~40 MB that a CLI may never need. */
function jieba(): Jieba {
  if (!segmenter) {
    // The dictionary file itself, not the package's dict.js: that module also reads idf.txt
    // (6 MB, for keyword extraction we do not use) and keeps both buffers for the process's life.
    const j = Jieba.withDict(readFileSync(requireCjs.resolve('@node-rs/jieba/dict.txt')));
    // Government terms the stock dictionary lacks (without them 大数据局 → 大/数据/局, 张店 → 张/店).
    j.loadDict(readFileSync(new URL('./gov-terms.txt', import.meta.url)));
    segmenter = j;
  }
  return segmenter;
}

const HAN = /^\p{Script=Han}$/u;
/**
 * Runs of digits, of Han, and of other letters, split apart. PostgreSQL's 'simple' parser
 * would split or reclassify tokens at punctuation (covid-19, 3.5, a_b, a@b), so none survive
 * here; splitting digits from letters makes 'gdp' find 'GDP2024'.
 */
const PIECES = /\p{Nd}+|\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{M}])+/gu;

export function tokenize(text: string): string[] {
  // NFKC folds full-width ＡＢＣ１２３ and compatibility forms, so typed and pasted text agree.
  const normalized = text.normalize('NFKC').toLowerCase();
  const keepSingleHan = Array.from(normalized.trim()).length === 1;
  const tokens: string[] = [];
  for (const word of jieba().cutAll(normalized)) {
    for (const piece of word.match(PIECES) ?? []) {
      if (!keepSingleHan && HAN.test(piece)) continue;
      tokens.push(piece);
    }
  }
  return tokens;
}

/** Tokens joined by one space, for to_tsvector('simple', …) and plainto_tsquery('simple', …). */
export function toSearchText(text: string): string {
  return tokenize(text).join(' ');
}
