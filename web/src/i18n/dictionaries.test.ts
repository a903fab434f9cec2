import { describe, expect, it } from 'vitest';
import { namespaces } from './dictionaries';

// English mode must translate every string, and the Chinese mode must not leak English.
describe('dictionaries', () => {
  it.each(Object.entries(namespaces))('%s has the same keys in Chinese and English', (_name, m) => {
    expect(Object.keys(m.en).sort()).toEqual(Object.keys(m.zh).sort());
  });

  it('has no key defined by two namespaces', () => {
    const seen = new Map<string, string>();
    for (const [name, m] of Object.entries(namespaces)) {
      for (const key of Object.keys(m.zh)) {
        expect(seen.get(key), `${key} in ${name} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, name);
      }
    }
  });

  it('writes English texts without Chinese, and Chinese texts in Chinese', () => {
    for (const m of Object.values(namespaces)) {
      // The language switch names the other language in that language.
      for (const [key, text] of Object.entries(m.en)) if (key !== 'lang.switch') expect(text, key).not.toMatch(/\p{Script=Han}/u);
      // A Chinese text may hold names like Excel, API or GB 11643, but not English sentences.
      for (const [key, text] of Object.entries(m.zh)) expect(text, key).not.toMatch(/\b[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}\b/i);
    }
  });
});
