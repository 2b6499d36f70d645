// Who is signed in, and where that is kept: the user name in local storage (demo mode), the
// bearer token in session storage only (it dies with the tab), the conversation per user.

export interface Session {
  user: string;
  token?: string;
}

const USER_KEY = 'todo-web.user';
const TOKEN_KEY = 'todo-web.token';
const conversationKey = (user: string) => `todo-web.conversation.${user}`;

/** The backend's user ids: what a person types as a name, trimmed. */
export function validateUserName(raw: string): string | null {
  const name = raw.trim();
  if (!name) return 'Enter a user name.';
  if (name.length > 64) return 'A user name has at most 64 characters.';
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return 'Use letters, digits, dot, dash or underscore.';
  return null;
}

/** The `sub` claim of a JWT, which the backend takes as the user id; null when it is not a JWT. */
export function tokenSubject(token: string): string | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const json = new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as { sub?: unknown };
    return typeof claims.sub === 'string' && claims.sub ? claims.sub : null;
  } catch {
    return null;
  }
}

export class SessionStore {
  constructor(
    private readonly local: Storage,
    private readonly perTab: Storage,
  ) {}

  load(): Session | null {
    const token = this.perTab.getItem(TOKEN_KEY);
    if (token) {
      const user = tokenSubject(token);
      return user ? { user, token } : null;
    }
    const user = this.local.getItem(USER_KEY);
    return user ? { user } : null;
  }

  save(session: Session): void {
    if (session.token) {
      this.perTab.setItem(TOKEN_KEY, session.token);
      this.local.removeItem(USER_KEY);
    } else {
      this.local.setItem(USER_KEY, session.user);
      this.perTab.removeItem(TOKEN_KEY);
    }
  }

  clear(): void {
    this.perTab.removeItem(TOKEN_KEY);
    this.local.removeItem(USER_KEY);
  }

  conversation(user: string): number | undefined {
    const id = Number(this.local.getItem(conversationKey(user)));
    return Number.isInteger(id) && id > 0 ? id : undefined;
  }

  setConversation(user: string, id: number | undefined): void {
    if (id === undefined) this.local.removeItem(conversationKey(user));
    else this.local.setItem(conversationKey(user), String(id));
  }
}
