/**
 * Accounts and sessions: first-run setup (the first account is an admin), login with a random
 * session token (only its SHA-256 is stored), logout, and the account behind a token.
 * Expected failures are result values (undefined / false), not exceptions.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SessionStore, SessionUser } from '../store/sessions.ts';
import type { Role, UserInfo, UserStore } from '../store/users.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createSetupToken, type SetupToken } from './setup-token.ts';

export const SESSION_TTL_MS = 7 * 86_400_000;

export interface LoggedIn {
  readonly user: SessionUser;
  readonly token: string;
}

export interface Auth {
  needsSetup(): boolean;
  /** The one-time first-run token while no account exists (made at creation), else undefined. */
  setupToken(): string | undefined;
  /** Whether `token` is the unspent first-run token of an install with no account. */
  setupTokenValid(token: string): boolean;
  /**
   * Creates the first (admin) account and logs it in, spending the first-run token; undefined when
   * an account already exists or the token is not the right one.
   */
  setup(username: string, password: string, token: string): Promise<LoggedIn | undefined>;
  /** undefined on an unknown user or a wrong password (same work either way). */
  login(username: string, password: string): Promise<LoggedIn | undefined>;
  logout(token: string): void;
  /** The account of a live session token. */
  resolve(token: string | undefined): SessionUser | undefined;
  /** Adds an account; false when the username is taken. */
  createUser(username: string, password: string, role: Role): Promise<boolean>;
  listUsers(): UserInfo[];
  removeUser(username: string): boolean;
}

export interface AuthOptions {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly nowMs?: () => number;
  readonly sessionTtlMs?: number;
  /** The first-run token (default: a random one). */
  readonly setupToken?: SetupToken;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function createAuth(opts: AuthOptions): Auth {
  const { users, sessions } = opts;
  const now = opts.nowMs ?? Date.now;
  const ttlMs = opts.sessionTtlMs ?? SESSION_TTL_MS;
  // Verified against when the user does not exist, so both failures cost the same.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'));
  const setupToken = opts.setupToken ?? createSetupToken();
  const tokenValid = (token: string): boolean => users.count() === 0 && setupToken.matches(token);

  const open = (user: SessionUser): LoggedIn => {
    const token = randomBytes(32).toString('base64url');
    const createdAtMs = now();
    sessions.purgeExpired(createdAtMs);
    sessions.insert({ tokenHash: hashToken(token), username: user.username, createdAtMs, expiresAtMs: createdAtMs + ttlMs });
    users.recordLogin(user.username, createdAtMs);
    return { user, token };
  };

  return {
    needsSetup: () => users.count() === 0,
    setupToken: () => (users.count() === 0 ? setupToken.current() : undefined),
    setupTokenValid: tokenValid,
    async setup(username, password, token) {
      if (!tokenValid(token)) return undefined;
      const passwordHash = await hashPassword(password);
      const created = users.insertFirst({ username, passwordHash, role: 'admin', createdAtMs: now() });
      if (!created) return undefined;
      setupToken.spend();
      return open({ username, role: 'admin' });
    },
    async login(username, password) {
      const user = users.get(username);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
      // A disabled account is refused like a wrong password (nothing tells a guesser it exists).
      return user && ok && user.disabledAtMs === undefined ? open({ username: user.username, role: user.role }) : undefined;
    },
    logout: (token) => sessions.remove(hashToken(token)),
    resolve: (token) => (token ? sessions.find(hashToken(token), now()) : undefined),
    async createUser(username, password, role) {
      if (users.get(username)) return false;
      return users.insert({ username, passwordHash: await hashPassword(password), role, createdAtMs: now() });
    },
    listUsers: () => users.list(),
    removeUser: (username) => users.remove(username),
  };
}
