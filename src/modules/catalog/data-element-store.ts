import type { Queryable } from '../../platform/db/db.js';
import { iso, offset } from '../../platform/db/values.js';
import type { DataElement } from './schema.js';

const cols = `identifier, name, definition, data_type AS "dataType", length, value_domain AS "valueDomain", masking, derivation, created_at AS "createdAt", updated_at AS "updatedAt"`;
const toElement = (r: Record<string, unknown>) => ({ ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) }) as DataElement;

const json = (v: unknown) => (v == null ? null : JSON.stringify(v));

type Fields = Omit<DataElement, 'identifier' | 'createdAt' | 'updatedAt'>;

export const dataElements = {
  async list(db: Queryable, f: { q?: string; tsQuery: string | null; page: number; pageSize: number }) {
    const params: unknown[] = [];
    let where = '';
    if (f.q) {
      params.push(f.q, f.tsQuery ?? '');
      // An identifier is looked up by prefix; a name by its words.
      where = `WHERE identifier ILIKE $1 || '%' OR name LIKE '%' || $1 || '%' OR ($2 <> '' AND search @@ plainto_tsquery('simple', $2))`;
    }
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM data_elements ${where}`, params);
    const rows = await db.query(
      `SELECT ${cols} FROM data_elements ${where} ORDER BY identifier LIMIT ${f.pageSize} OFFSET ${offset(f.page, f.pageSize)}`,
      params,
    );
    return { items: rows.map(toElement), total };
  },
  get: async (db: Queryable, identifier: string) => {
    const [r] = await db.query(`SELECT ${cols} FROM data_elements WHERE identifier = $1`, [identifier]);
    return r ? toElement(r) : null;
  },
  async many(db: Queryable, identifiers: string[]): Promise<Map<string, DataElement>> {
    if (!identifiers.length) return new Map();
    const rows = await db.query(`SELECT ${cols} FROM data_elements WHERE identifier = ANY($1::text[])`, [identifiers]);
    return new Map(rows.map((r) => [r.identifier as string, toElement(r)]));
  },
  async names(db: Queryable): Promise<Map<string, string>> {
    const rows = await db.query<{ identifier: string; name: string }>('SELECT identifier, name FROM data_elements');
    return new Map(rows.map((r) => [r.identifier, r.name]));
  },
  async nextIdentifier(db: Queryable): Promise<string> {
    // Skip identifiers already taken by elements created with an explicit one.
    for (;;) {
      const [{ n }] = await db.query<{ n: number }>(`SELECT nextval('data_element_seq')::int AS n`);
      const id = `DE${String(n).padStart(5, '0')}`;
      if (!(await dataElements.get(db, id))) return id;
    }
  },
  async insert(db: Queryable, identifier: string, f: Fields, searchText: string) {
    const [r] = await db.query(
      `INSERT INTO data_elements (identifier, name, definition, data_type, length, value_domain, masking, derivation, search)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $9::jsonb, to_tsvector('simple', $8)) RETURNING ${cols}`,
      [identifier, f.name, f.definition, f.dataType, f.length, JSON.stringify(f.valueDomain), f.masking, searchText, json(f.derivation)],
    );
    return toElement(r);
  },
  async update(db: Queryable, identifier: string, f: Fields, searchText: string) {
    const [r] = await db.query(
      `UPDATE data_elements SET name = $2, definition = $3, data_type = $4, length = $5, value_domain = $6::jsonb, masking = $7,
              derivation = $9::jsonb, search = to_tsvector('simple', $8), updated_at = now() WHERE identifier = $1 RETURNING ${cols}`,
      [identifier, f.name, f.definition, f.dataType, f.length, JSON.stringify(f.valueDomain), f.masking, searchText, json(f.derivation)],
    );
    return r ? toElement(r) : null;
  },
};
