import type { ReactNode } from 'react';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits text around the search terms, longest first, so each match can be wrapped; `at` is each part's offset. */
export function splitByTerms(text: string, terms: readonly string[]): { text: string; match: boolean; at: number }[] {
  const words = [...new Set(terms.map((w) => w.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!text || !words.length) return [{ text, match: false, at: 0 }];
  const re = new RegExp(`(${words.map(escapeRegExp).join('|')})`, 'giu');
  let at = 0;
  // With one capturing group, split puts the matches at the odd positions.
  return text.split(re).flatMap((part, i) => {
    const p = { text: part, match: i % 2 === 1, at };
    at += part.length;
    return part ? [p] : [];
  });
}

/** The text with every search term wrapped in <mark>. */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }): ReactNode {
  const parts = splitByTerms(text, terms);
  if (!parts.some((p) => p.match)) return text;
  return parts.map((p) =>
    p.match ? (
      <mark key={p.at} style={{ background: '#fff1b8', color: 'inherit', padding: 0 }}>
        {p.text}
      </mark>
    ) : (
      <span key={p.at}>{p.text}</span>
    ),
  );
}
