import type { KeyObject } from 'node:crypto';
import { parsePublicKey } from './jwtVerify';
import { makeClientIdentifier } from './credentials';
import { randomSecret } from './randomToken';
import type { SandboxService } from './sandboxServices';
import { SANDBOX_SERVICES } from './sandboxServices';

/** A Knox Cloud access token the sandbox issued (legacy scheme, sent signed as x-knox-apitoken). */
export interface KcsAccessToken {
  readonly service: SandboxService;
  readonly publicKeyBase64: string;
  readonly expiresAt: number;
}

/** A session token of the customer/partner session flow. */
export interface KcsSession {
  readonly service: SandboxService;
  readonly publicKeyBase64: string;
  readonly expiresAt: number;
  /** The Samsung Account access token it was delegated from, for the partner flow. */
  readonly samsungAccountToken?: string;
}

/** What a client identifier was issued for. */
export interface ClientRegistration {
  readonly service: SandboxService;
  readonly publicKeyBase64: string;
}

const SWEEP_EVERY = 5000;
// Expired tokens are remembered this long so that they still get "expired", not "invalid".
const EXPIRED_KEPT_MS = 24 * 60 * 60_000;
const KEY_CACHE_SIZE = 256;

/** The legacy Knox Cloud Authentication server's state: client identifiers, jtis, tokens. */
export class KcsAuthority {
  private readonly registrations = new Map<string, ClientRegistration>();
  private readonly jtis = new Map<string, number>();
  private readonly accessTokens = new Map<string, KcsAccessToken>();
  private readonly sessions = new Map<string, KcsSession>();
  private readonly keys = new Map<string, KeyObject | undefined>();
  private issued = 0;

  constructor(private readonly now: () => number) {}

  /** Registers a portal client identifier for `service`, bound to a public key. */
  register(clientIdentifier: string, service: SandboxService, publicKeyBase64: string): void {
    this.registrations.set(clientIdentifier, { service, publicKeyBase64 });
  }

  /** Registers a key as the portal would, with a fresh client identifier per service. */
  registerKey(publicKeyBase64: string): Record<SandboxService, string> {
    const identifiers = {} as Record<SandboxService, string>;
    for (const service of SANDBOX_SERVICES) {
      identifiers[service] = makeClientIdentifier(service, Math.floor(this.now() / 1000));
      this.register(identifiers[service], service, publicKeyBase64);
    }
    return identifiers;
  }

  registration(clientIdentifier: string): ClientRegistration | undefined {
    return this.registrations.get(clientIdentifier);
  }

  /** The key object for a base64 SPKI public key (cached), undefined when it is not one. */
  publicKey(base64: string): KeyObject | undefined {
    if (this.keys.has(base64)) return this.keys.get(base64);
    const key = parsePublicKey(base64);
    if (this.keys.size >= KEY_CACHE_SIZE) this.keys.clear();
    this.keys.set(base64, key);
    return key;
  }

  /** Records a jti; false when it was seen before (Knox answers 4002250). */
  claimJti(jti: string, expSeconds: number): boolean {
    if (this.jtis.has(jti)) return false;
    this.jtis.set(jti, expSeconds * 1000);
    this.sweep();
    return true;
  }

  issueAccessToken(token: Omit<KcsAccessToken, 'expiresAt'>, minutes: number): string {
    const value = randomSecret(32);
    this.accessTokens.set(value, { ...token, expiresAt: this.now() + minutes * 60_000 });
    this.sweep();
    return value;
  }

  accessToken(value: string): KcsAccessToken | undefined {
    return this.accessTokens.get(value);
  }

  issueSession(session: Omit<KcsSession, 'expiresAt'>, minutes: number): string {
    const value = randomSecret(32);
    this.sessions.set(value, { ...session, expiresAt: this.now() + minutes * 60_000 });
    this.sweep();
    return value;
  }

  session(value: string): KcsSession | undefined {
    return this.sessions.get(value);
  }

  // Old entries are dropped now and then so a long-running sandbox does not grow; a jti is
  // kept until its JWT expires, after which a replay fails on `exp` anyway.
  private sweep(): void {
    if (++this.issued % SWEEP_EVERY !== 0) return;
    const now = this.now();
    const forgotten = now - EXPIRED_KEPT_MS;
    for (const [jti, until] of this.jtis) if (until <= now) this.jtis.delete(jti);
    for (const [value, token] of this.accessTokens) {
      if (token.expiresAt <= forgotten) this.accessTokens.delete(value);
    }
    for (const [value, session] of this.sessions) {
      if (session.expiresAt <= forgotten) this.sessions.delete(value);
    }
  }
}
