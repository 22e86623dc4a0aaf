import { createHash, randomBytes } from 'node:crypto';
import { randomAlphanumeric, randomSecret } from './randomToken';

/** A Samsung Account OAuth client of a partner portal. */
export interface SamsungAccountClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly aliasId: string;
}

/** Where a Samsung Account token stands: the partner flow fails with 4010011 unless valid. */
export type SamsungAccountTokenStatus = 'valid' | 'unknown' | 'expired' | 'revoked';

interface Session {
  readonly clientId: string;
  readonly userId: string;
  active: boolean;
}

interface Code {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly sessionId: string;
  readonly expiresAt: number;
  used: boolean;
}

interface Token {
  readonly clientId: string;
  readonly userId: string;
  readonly sessionId: string;
  readonly expiresAt: number;
  revoked: boolean;
}

export interface SamsungAccountTokens {
  readonly accessToken: string;
  readonly accessTokenExpiresIn: number;
  readonly refreshToken: string;
  readonly refreshTokenExpiresIn: number;
  readonly userId: string;
}

export const SA_ACCESS_TOKEN_SECONDS = 3600;
export const SA_REFRESH_TOKEN_SECONDS = 14 * 24 * 3600;
const CODE_SECONDS = 300;

/** Samsung Account's state: clients, signed-in sessions, authorization codes and tokens. */
export class SamsungAccountStore {
  private readonly clients = new Map<string, SamsungAccountClient>();
  private readonly sessions = new Map<string, Session>();
  private readonly codes = new Map<string, Code>();
  private readonly accessTokens = new Map<string, Token>();
  private readonly refreshTokens = new Map<string, Token>();

  constructor(private readonly now: () => number) {}

  addClient(client: SamsungAccountClient): void {
    this.clients.set(client.clientId, client);
  }

  /** A new client under a new ALIAS_ID (for tests of AUT_1806, a code sent by another client). */
  registerClient(): SamsungAccountClient {
    const client = {
      clientId: randomAlphanumeric(10),
      clientSecret: randomBytes(16).toString('hex').toUpperCase(),
      aliasId: randomAlphanumeric(8),
    };
    this.addClient(client);
    return client;
  }

  client(clientId: string): SamsungAccountClient | undefined {
    return this.clients.get(clientId);
  }

  hasAlias(aliasId: string): boolean {
    return [...this.clients.values()].some((c) => c.aliasId === aliasId);
  }

  /** Signs a user in for `clientId`; the user id is stable per login id, like a real account. */
  signIn(clientId: string, loginId: string): string {
    const userId = createHash('sha256').update(loginId.toLowerCase()).digest('hex').slice(0, 10);
    const sessionId = randomSecret(18);
    this.sessions.set(sessionId, { clientId, userId, active: true });
    return sessionId;
  }

  issueCode(sessionId: string, clientId: string, redirectUri: string): string {
    const code = randomSecret(24);
    this.codes.set(code, {
      clientId,
      redirectUri,
      sessionId,
      expiresAt: this.now() + CODE_SECONDS * 1000,
      used: false,
    });
    return code;
  }

  /** The code if it is known, unused and not expired. */
  code(value: string): Code | undefined {
    const code = this.codes.get(value);
    const session = code && this.sessions.get(code.sessionId);
    if (!code || code.used || code.expiresAt <= this.now() || !session?.active) return undefined;
    return code;
  }

  /** Exchanges a code (checked with `code()` first) for tokens; the code is then used up. */
  redeem(value: string): SamsungAccountTokens | undefined {
    const code = this.code(value);
    if (!code) return undefined;
    code.used = true;
    return this.issue(code.sessionId, undefined);
  }

  /** New tokens for a refresh token of `clientId`; the refresh token stays the same. */
  refresh(refreshToken: string, clientId: string): SamsungAccountTokens | undefined {
    const token = this.refreshTokens.get(refreshToken);
    if (!token || token.clientId !== clientId || this.statusOf(token) !== 'valid') return undefined;
    return this.issue(token.sessionId, refreshToken);
  }

  tokenStatus(accessToken: string): SamsungAccountTokenStatus {
    const token = this.accessTokens.get(accessToken);
    return token ? this.statusOf(token) : 'unknown';
  }

  accessToken(
    value: string,
  ):
    { readonly clientId: string; readonly userId: string; readonly expiresAt: number } | undefined {
    const token = this.accessTokens.get(value);
    return token && this.statusOf(token) === 'valid' ? token : undefined;
  }

  /**
   * Ends sessions and revokes their tokens. Picks the session of `sessionId` or `accessToken`
   * when given, else every session of `clientId`. Returns how many sessions ended.
   */
  signOut(selector: { sessionId?: string; accessToken?: string; clientId?: string }): number {
    const ids = new Set<string>();
    if (selector.sessionId && this.sessions.has(selector.sessionId)) ids.add(selector.sessionId);
    const byToken = selector.accessToken ? this.accessTokens.get(selector.accessToken) : undefined;
    if (byToken) ids.add(byToken.sessionId);
    if (ids.size === 0 && selector.clientId) {
      for (const [id, session] of this.sessions)
        if (session.clientId === selector.clientId) ids.add(id);
    }
    let ended = 0;
    for (const id of ids) {
      const session = this.sessions.get(id);
      if (session?.active) {
        session.active = false;
        ended++;
      }
    }
    for (const token of [...this.accessTokens.values(), ...this.refreshTokens.values()]) {
      if (ids.has(token.sessionId)) token.revoked = true;
    }
    return ended;
  }

  private statusOf(token: Token): SamsungAccountTokenStatus {
    if (token.revoked || !this.sessions.get(token.sessionId)?.active) return 'revoked';
    return token.expiresAt <= this.now() ? 'expired' : 'valid';
  }

  private issue(
    sessionId: string,
    refreshToken: string | undefined,
  ): SamsungAccountTokens | undefined {
    const session = this.sessions.get(sessionId);
    if (!session) return undefined;
    const now = this.now();
    const accessToken = randomSecret(24);
    this.accessTokens.set(accessToken, {
      clientId: session.clientId,
      userId: session.userId,
      sessionId,
      expiresAt: now + SA_ACCESS_TOKEN_SECONDS * 1000,
      revoked: false,
    });
    let refresh = refreshToken;
    if (refresh === undefined) {
      refresh = randomSecret(24);
      this.refreshTokens.set(refresh, {
        clientId: session.clientId,
        userId: session.userId,
        sessionId,
        expiresAt: now + SA_REFRESH_TOKEN_SECONDS * 1000,
        revoked: false,
      });
    }
    const refreshExpiresAt = this.refreshTokens.get(refresh)?.expiresAt ?? now;
    return {
      accessToken,
      accessTokenExpiresIn: SA_ACCESS_TOKEN_SECONDS,
      refreshToken: refresh,
      refreshTokenExpiresIn: Math.max(0, Math.floor((refreshExpiresAt - now) / 1000)),
      userId: session.userId,
    };
  }
}
