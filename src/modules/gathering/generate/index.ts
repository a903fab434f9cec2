/**
 * Synthetic CSV for the base databases (人口库, 法人库, 电子证照库): realistic, deterministic,
 * unique keys at any scale, with deliberate faults and variants whose rows are known.
 * See README.md in this folder for how keys derive from (seed, index).
 */
export {
  COLUMNS,
  type GenerateKind,
  generateKinds,
  ITEM_LENGTHS,
  KEY_COLUMN,
  LEGAL_ENTITY_COLUMNS,
  LICENSE_COLUMNS,
  POPULATION_COLUMNS,
  SOURCE_ENTRIES,
} from './columns.js';
export { type Anomaly, codePointLength, type Encoding, type FaultCode, faultCodes, type RowGenerator, type VariantCode, variantCodes } from './common.js';
export {
  anomalyAt,
  createGenerator,
  csvBuffers,
  csvChunks,
  csvText,
  DEFAULT_CHUNK_ROWS,
  encodeRows,
  encodeText,
  encodings,
  faultAt,
  type GenerateOptions,
  indexOfKey,
  keyAt,
  keySpaceSize,
  type ResolvedOptions,
  resolveOptions,
  rowAt,
  type WriteOptions,
  type WriteResult,
  writeCsv,
} from './generator.js';
export { ENTITY_HOLDER_POOL, LICENSE_TYPES, PERSON_HOLDER_POOL } from './license.js';
export { RARE_NAME_CHARS, RARE_NAME_RATE } from './names.js';
