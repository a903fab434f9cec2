import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { csvField } from '../../platform/csv.js';
import { type MaskRule, mask } from '../../platform/masking/mask.js';

// A run's rejects report (parse.ts RejectsFile: row, item, raw value, reason) holds the rejected
// rows' raw values: personal data as the provider sent it. Anyone but the provider reads it with
// each value masked by its item's rule, as they read the mount's rows; the report is stored once,
// unmasked, and masked on the way out, a record at a time.

/** A value whose item the masks do not name (a column-count or duplicate-key reject): hidden unless empty. */
const ruleOf = (masks: ReadonlyMap<string, MaskRule>, item: string): MaskRule => masks.get(item) ?? 'full';

/** The fields of one CSV record (RFC 4180, as csvField writes them). */
function fields(record: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i];
    if (quoted) {
      if (c === '"' && record[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function maskRecord(record: string, masks: ReadonlyMap<string, MaskRule>): string {
  const f = fields(record);
  // The header (and anything not shaped as a reject) passes as it is.
  if (f.length !== 4 || !/^\d+$/.test(f[0])) return record;
  const [row, item, value, reason] = f;
  return [row, csvField(item || null), csvField(value ? mask(ruleOf(masks, item), value) : null), csvField(reason)].join(',');
}

/** The rejects report, re-written record by record with each value masked as `masks` say. */
export function maskedRejects(masks: ReadonlyMap<string, MaskRule>): Transform {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const flush = (push: (s: string) => void, final: boolean) => {
    let start = 0;
    let quoted = false;
    for (let i = 0; i < pending.length; i++) {
      const c = pending[i];
      if (c === '"') quoted = !quoted;
      else if (c === '\n' && !quoted) {
        push(`${maskRecord(pending.slice(start, i), masks)}\n`);
        start = i + 1;
      }
    }
    pending = pending.slice(start);
    if (final && pending) push(maskRecord(pending, masks));
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      pending += decoder.write(chunk);
      flush((s) => this.push(s), false);
      done();
    },
    flush(done) {
      pending += decoder.end();
      flush((s) => this.push(s), true);
      done();
    },
  });
}
