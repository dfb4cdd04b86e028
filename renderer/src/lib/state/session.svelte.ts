/**
 * Who is using the app: first run (no account yet: the app acts as the machine's local
 * operator), signed out, or signed in with a session.
 *
 * The session token lives in memory; in browser mode it is also kept in sessionStorage so a
 * reload of the tab stays signed in (closing the tab ends it). It is passed as `sessionToken`
 * to every call that changes data.
 */
import type { UserInfo, UserRole } from '@common/types';
import { call, errorMessage, isElectron } from '../api';

const KEY = 'ecgDesk.session';

function readStoredToken(): string | null {
  if (isElectron()) return null;
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function storeToken(token: string | null): void {
  if (isElectron()) return;
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage disabled: the session lasts as long as this page */
  }
}

export const ROLE_NAMES: Record<UserRole, string> = {
  admin: 'Administrator',
  cardiologist: 'Cardiologist',
  annotator: 'Annotator',
};

class SessionState {
  /** False until auth.status answered. */
  known = $state(false);
  /** No account exists yet. */
  firstRun = $state(false);
  user = $state<UserInfo | null>(null);
  expiresAt = $state<string | null>(null);
  error = $state<string | null>(null);
  /** Set when a signed-in session stopped working (expired, signed out elsewhere). */
  expiredNotice = $state<string | null>(null);
  private token: string | null = readStoredToken();

  /** Accounts exist and nobody is signed in: the sign-in screen is shown. */
  needsSignIn = $derived(this.known && !this.firstRun && this.user === null);

  /** May edit beat labels and start reviews (annotators, cardiologists, the local operator). */
  canEdit = $derived(
    this.known &&
      (this.firstRun || this.user?.role === 'annotator' || this.user?.role === 'cardiologist'),
  );

  canSign = $derived(this.user?.role === 'cardiologist');
  isAdmin = $derived(this.user?.role === 'admin');

  /** The name edits are recorded under (the local operator's is decided by the host). */
  actorName = $derived(this.user?.username ?? 'local operator');

  /** `{ sessionToken }` for calls that change data, or nothing on first run. */
  auth(): { sessionToken?: string } {
    return this.token ? { sessionToken: this.token } : {};
  }

  /** The token for calls that require one. */
  requireToken(): string {
    if (!this.token) throw new Error('Sign in first.');
    return this.token;
  }

  async refresh(): Promise<void> {
    try {
      const status = await call('auth.status', this.token ? { sessionToken: this.token } : {});
      this.firstRun = status.firstRun;
      if (this.token && !status.user) {
        if (this.user) this.expiredNotice = 'Your session ended. Sign in again.';
        this.setToken(null);
      }
      this.user = status.user;
      this.expiresAt = status.sessionExpiresAt;
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.known = true;
    }
  }

  async createFirstAdmin(username: string, displayName: string, password: string): Promise<void> {
    const s = await call('auth.createFirstAdmin', { username, displayName, password });
    this.setToken(s.sessionToken);
    this.user = s.user;
    this.expiresAt = s.expiresAt;
    this.firstRun = false;
    this.expiredNotice = null;
  }

  async login(username: string, password: string): Promise<void> {
    const s = await call('auth.login', { username, password });
    this.setToken(s.sessionToken);
    this.user = s.user;
    this.expiresAt = s.expiresAt;
    this.expiredNotice = null;
  }

  async logout(): Promise<void> {
    const token = this.token;
    this.setToken(null);
    this.user = null;
    this.expiresAt = null;
    if (token) {
      try {
        await call('auth.logout', { sessionToken: token });
      } catch {
        /* the session is forgotten here either way */
      }
    }
  }

  /** A call that needed the session was refused: find out whether the session is gone. */
  async checkAfterRefusal(): Promise<void> {
    if (this.token) await this.refresh();
  }

  private setToken(token: string | null): void {
    this.token = token;
    storeToken(token);
  }
}

export const session = new SessionState();
