import { randomSecret } from './randomToken';

/** A Knox OAuth 2.0 client ("Cloud Apps" in the Knox Developer Portal). */
export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** One chain of tokens from a client_credentials grant and its refreshes. */
interface Grant {
  readonly clientId: string;
  readonly scopes: readonly string[];
  revoked: boolean;
}

interface AccessRecord {
  readonly grant: Grant;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
  revoked: boolean;
}

interface RefreshRecord {
  readonly grant: Grant;
  used: boolean;
}

export type OAuthTokenCheck =
  | { readonly status: 'valid'; readonly scopes: readonly string[]; readonly clientId: string }
  | { readonly status: 'unknown' | 'expired' | 'revoked' };

export interface IssuedOAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly scopes: readonly string[];
  readonly expiresIn: number;
}

/** Knox OAuth 2.0's state: clients, access tokens, refresh tokens. */
export class OAuthStore {
  private readonly clients = new Map<string, OAuthClient>();
  private readonly accessTokens = new Map<string, AccessRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();

  constructor(private readonly now: () => number) {}

  addClient(client: OAuthClient): void {
    this.clients.set(client.clientId, client);
  }

  client(clientId: string): OAuthClient | undefined {
    return this.clients.get(clientId);
  }

  /** Starts a grant: a new access token and refresh token for `scopes`. */
  issue(clientId: string, scopes: readonly string[], expiresIn: number): IssuedOAuthTokens {
    return this.mint({ clientId, scopes, revoked: false }, scopes, expiresIn);
  }

  /** The grant's scopes when `refreshToken` is a live refresh token of `clientId`. */
  refreshable(refreshToken: string, clientId: string): readonly string[] | undefined {
    const record = this.refreshTokens.get(refreshToken);
    if (!record || record.used || record.grant.revoked || record.grant.clientId !== clientId)
      return undefined;
    return record.grant.scopes;
  }

  /** Uses a refresh token (checked with `refreshable` first): the new refresh token replaces it. */
  refresh(
    refreshToken: string,
    scopes: readonly string[],
    expiresIn: number,
  ): IssuedOAuthTokens | undefined {
    const record = this.refreshTokens.get(refreshToken);
    if (!record || record.used || record.grant.revoked) return undefined;
    record.used = true;
    return this.mint(record.grant, scopes, expiresIn);
  }

  check(accessToken: string): OAuthTokenCheck {
    const record = this.accessTokens.get(accessToken);
    if (!record) return { status: 'unknown' };
    if (record.revoked || record.grant.revoked) return { status: 'revoked' };
    if (record.expiresAt <= this.now()) return { status: 'expired' };
    return { status: 'valid', scopes: record.scopes, clientId: record.grant.clientId };
  }

  /**
   * Revokes a token of `clientId` (RFC 7009): an access token alone, or a refresh token with
   * its whole grant. Unknown tokens are ignored, as the RFC asks.
   */
  revoke(token: string, clientId: string): void {
    const access = this.accessTokens.get(token);
    if (access?.grant.clientId === clientId) access.revoked = true;
    const refresh = this.refreshTokens.get(token);
    if (refresh?.grant.clientId === clientId) refresh.grant.revoked = true;
  }

  private mint(grant: Grant, scopes: readonly string[], expiresIn: number): IssuedOAuthTokens {
    const accessToken = randomSecret(32);
    const refreshToken = randomSecret(32);
    this.accessTokens.set(accessToken, {
      grant,
      scopes,
      expiresAt: this.now() + expiresIn * 1000,
      revoked: false,
    });
    this.refreshTokens.set(refreshToken, { grant, used: false });
    return { accessToken, refreshToken, scopes, expiresIn };
  }
}
