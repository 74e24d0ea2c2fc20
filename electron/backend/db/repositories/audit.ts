// The audit trail: append-only (triggers in 001_init.sql refuse UPDATE and DELETE).
import type { Db } from '../connection';
import type { AuditEntry } from '../../../../shared/api/contract';

export interface AuditRecord {
  at: string;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  oldValue?: unknown;
  newValue?: unknown;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export function auditRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, user_id, action, entity, entity_id, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    append(r: AuditRecord): void {
      insert.run(r.at, r.userId, r.action, r.entity, r.entityId === null ? null : String(r.entityId), json(r.oldValue), json(r.newValue));
    },
    list(q: { entity?: string; entityId?: string; limit?: number }): AuditEntry[] {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (q.entity !== undefined) { where.push('a.entity = ?'); args.push(q.entity); }
      if (q.entityId !== undefined) { where.push('a.entity_id = ?'); args.push(q.entityId); }
      args.push(q.limit ?? 200);
      const rows = db.prepare(
        `SELECT a.id, a.at, a.user_id, u.username, a.action, a.entity, a.entity_id, a.old_value, a.new_value
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.id DESC LIMIT ?`,
      ).all(...args) as { id: number; at: string; user_id: number | null; username: string | null; action: string; entity: string; entity_id: string | null; old_value: string | null; new_value: string | null }[];
      return rows.map((r) => ({
        id: r.id, at: r.at, userId: r.user_id, username: r.username, action: r.action, entity: r.entity,
        entityId: r.entity_id, oldValue: parse(r.old_value), newValue: parse(r.new_value),
      }));
    },
  };
}
