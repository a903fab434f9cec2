// Nesting is checked before JSON is parsed: recursive schemas (a row filter's and/or) and
// anything else that walks the value recursively would overflow the stack on the 20,000
// levels a 256 KB body holds, and a stack overflow is a 500, not the caller's bad input.

/** Deeper than any schema of ours nests (a row filter's 5 and/or levels are 11). */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text opens more than `max` objects and arrays inside one another (brackets in strings do not count). */
export function nestedDeeper(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
