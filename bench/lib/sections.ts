import { existsSync, readFileSync, writeFileSync } from 'node:fs';

// bench/RESULTS.md holds every bench's latest figures. The catalog bench writes the top of
// the file; each other bench owns one marked section after it and replaces only that.

export function writeSection(file: URL, name: string, markdown: string) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const a = old.indexOf(start);
  const b = old.indexOf(end);
  const next = a >= 0 && b > a ? old.slice(0, a) + block + old.slice(b + end.length) : `${old.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
