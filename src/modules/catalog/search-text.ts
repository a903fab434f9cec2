import { toSearchText } from '../../platform/search/tokenize.js';
import type { ResourceFields } from './schema.js';
import type { SearchTexts } from './store.js';

/** The segmented text of each weighted part of an entry, ready for to_tsvector('simple', …). */
export function searchTexts(f: ResourceFields, provider: { shortName: string }, elementNames: Map<string, string>): SearchTexts {
  const items = f.items.map((i) => [i.name, i.description ?? '', i.dataElement ? (elementNames.get(i.dataElement) ?? '') : ''].join(' ')).join(' ');
  return {
    name: toSearchText(f.name),
    keywords: toSearchText(f.keywords.join(' ')),
    abstract: toSearchText(f.abstract),
    items: toSearchText(items),
    // The short name (市公安局): the full one starts with the city's name, which would make
    // a search for 淄博 match every entry of the catalog through its provider alone.
    provider: toSearchText(provider.shortName),
  };
}
