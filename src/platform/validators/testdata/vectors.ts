/** The GB 11643 / GB 32100 vectors in id-vectors.json (copied from the reference set; see its `about`). */
import { readFileSync } from 'node:fs';

interface Vector {
  value: string;
  /** What the source asserts; null: only a strict historical-division check would reject it. */
  expected_valid: boolean | null;
  check_digit_ok: boolean | null;
  reason: string;
  source: string;
}

const data: { citizenId: Vector[]; creditCode: Vector[] } = JSON.parse(readFileSync(new URL('./id-vectors.json', import.meta.url), 'utf8'));

export const citizenIdVectors: readonly Vector[] = data.citizenId;
export const creditCodeVectors: readonly Vector[] = data.creditCode;
