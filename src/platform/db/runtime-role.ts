import { InputError } from '../errors.js';
import type { Db } from './db.js';

// The logs are append-only by triggers, and a table's owner can switch its triggers off. So in
// production the migrations run as the owner and the server as another role, which this gives
// what it needs and no more: rows in every table, no change or removal of a log's rows.
const APPEND_ONLY = ['audit_log', 'share_calls', 'share_call_seals'];

/** Grants `role` the rights the running server needs on the tables as they are now (run again after each migration). */
export async function grantRuntimeRole(db: Db, role: string): Promise<void> {
  if (db.kind !== 'postgres') throw new InputError('只有 PostgreSQL 可以为运行角色授权（内嵌数据库没有角色）');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new InputError(`角色名无效：${role}`);
  const [me] = await db.query<{ exists: boolean; owner: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists, $1 = current_user AS owner`,
    [role],
  );
  if (!me.exists) throw new InputError(`角色不存在：${role}（先 CREATE ROLE ${role} LOGIN）`);
  if (me.owner) throw new InputError('运行角色不能是表的所有者：请以另一个角色运行服务');
  const r = `"${role}"`;
  await db.transaction(async (tx) => {
    for (const sql of [
      // CREATE: mounted data lives in tables the server makes as departments mount resources.
      `GRANT USAGE, CREATE ON SCHEMA public TO ${r}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
      `REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY.join(', ')} FROM ${r}`,
      // The head moves forward under its trigger; it is never removed.
      `REVOKE DELETE, TRUNCATE ON audit_head FROM ${r}`,
      // The base of a log moves only through the archive functions, which run as the owner and check what they remove.
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON log_bases, database_identity FROM ${r}`,
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${r}`,
    ])
      await tx.query(sql);
  });
}
