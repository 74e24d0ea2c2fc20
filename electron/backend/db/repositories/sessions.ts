// Login sessions, stored by SHA-256 of the token (the token itself never reaches the disk).
import type { Db } from '../connection';

export interface SessionRow {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export function sessionsRepository(db: Db) {
  const find = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
  return {
    insert(tokenHash: string, userId: number, now: string, expiresAt: string): void {
      db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').run(
        tokenHash, userId, now, expiresAt, now,
      );
    },
    find: (tokenHash: string) => find.get(tokenHash),
    touch(tokenHash: string, now: string, expiresAt: string): void {
      db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?').run(now, expiresAt, tokenHash);
    },
    delete(tokenHash: string): void {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    },
    deleteForUserExcept(userId: number, keepTokenHash: string | null): void {
      db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?').run(userId, keepTokenHash);
    },
    deleteExpired(now: string): void {
      db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    },
  };
}
