// The console's users and their sessions. Passwords are kept as the station keeps PINs (salted scrypt), and a
// session as a random token of which only the SHA-256 is stored: a copy of the database signs nobody in.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { z } from 'zod';
import { hashPin as hashSecret, pinMatches as secretMatches } from '../../core/operators/pin';
import { newUserSchema, type Me } from './schemas';

/** How long a sign-in lasts: a working day, then the password again. */
export const SESSION_HOURS = 10;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A hash to check against when the name is unknown, so an unknown name takes as long as a wrong password. */
const NOBODY = hashSecret(randomBytes(16).toString('hex'));

export class UserExists extends Error {}

export async function addUser(pool: pg.Pool, user: z.input<typeof newUserSchema>): Promise<void> {
  const { name, role, password } = newUserSchema.parse(user);
  const inserted = await pool.query(
    'INSERT INTO console_users (name, role, password_hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING',
    [name, role, hashSecret(password)],
  );
  if (inserted.rowCount === 0) throw new UserExists(`A console user named ${name} exists already.`);
}

/** The user if the password is theirs; null otherwise, whether the name is unknown or the password wrong. */
export async function checkPassword(pool: pg.Pool, name: string, password: string): Promise<Me | null> {
  const { rows } = await pool.query<{ role: Me['role']; password_hash: string }>('SELECT role, password_hash FROM console_users WHERE name = $1', [
    name.trim(),
  ]);
  const matches = secretMatches(password, rows[0]?.password_hash ?? NOBODY);
  return matches && rows.length === 1 ? { name: name.trim(), role: rows[0].role } : null;
}

/** Starts a session; returns its token (for the cookie) and when it ends. */
export async function startSession(pool: pg.Pool, userName: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  // Ended sessions go as new ones start, so the table holds about the sessions alive.
  await pool.query('DELETE FROM console_sessions WHERE expires_at < now()');
  await pool.query('INSERT INTO console_sessions (token_sha256, user_name, expires_at) VALUES ($1, $2, $3)', [hashOf(token), userName, expiresAt]);
  return { token, expiresAt };
}

/** Who holds this session token now; null if unknown or ended. */
export async function sessionUser(pool: pg.Pool, token: string): Promise<Me | null> {
  const { rows } = await pool.query<Me>(
    `SELECT u.name, u.role FROM console_sessions s JOIN console_users u ON u.name = s.user_name
     WHERE s.token_sha256 = $1 AND s.expires_at > now()`,
    [hashOf(token)],
  );
  return rows[0] ?? null;
}

export async function endSession(pool: pg.Pool, token: string): Promise<void> {
  await pool.query('DELETE FROM console_sessions WHERE token_sha256 = $1', [hashOf(token)]);
}
