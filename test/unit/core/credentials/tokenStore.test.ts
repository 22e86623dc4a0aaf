import * as assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import {
  OAUTH_APP,
  SAMSUNG_ACCOUNT,
  clientIdentifierCredential,
  credentialFor,
  credentialKey,
  credentialOfKey,
} from '../../../../src/core/credentials/credential';
import { CredentialSecretKeys as Keys } from '../../../../src/core/credentials/credentialKeys';
import { createMint, mintForCredential } from '../../../../src/core/credentials/mintForCredential';
import { ProfileStore } from '../../../../src/core/credentials/profileStore';
import { TokenStore } from '../../../../src/core/credentials/tokenStore';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { Redactor } from '../../../../src/core/log/redact';
import type { Profile } from '../../../../src/core/profiles/profile';
import { MemorySecretStore } from '../../../../src/core/storage/secretStore';
import { MemoryStateStore } from '../../../../src/core/storage/stateStore';
import type { TokenInfo } from '../../../../src/core/tokens/tokenStatus';
import { generateKeys } from '../../../helpers/keys';
import type { GeneratedKeys } from '../../../helpers/keys';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback, RecordedRequest } from '../../../helpers/loopback';

const CLIENT_IDENTIFIER = 'eyJhbGciOiJIUzUxMiJ9.client-identifier-kme.abcd';
const MINUTE = 60_000;

/** The claims of a JWT whose RS512 signature verifies with `keys`. */
function verifiedClaims(jwt: string, keys: GeneratedKeys): Record<string, unknown> {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), {
    alg: 'RS512',
    typ: 'JWT',
  });
  assert.ok(
    verify(
      'sha512',
      Buffer.from(`${header}.${payload}`),
      keys.publicKey,
      Buffer.from(signature, 'base64url'),
    ),
    'signature verifies with the profile key',
  );
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
}

/** A Knox stand-in: the legacy access token endpoint and the OAuth 2.0 token endpoint. */
function knox(req: RecordedRequest, res: Parameters<Parameters<typeof startLoopback>[0]>[1]) {
  if (req.url === '/ams/v1/users/accesstoken') {
    return replyJson(res, 200, { accessToken: `at-${String(knoxCalls.legacy++)}` });
  }
  if (req.url === '/ams/v1/oauth2/token') {
    knoxCalls.oauth++;
    return replyJson(res, 200, {
      access_token: 'oat-1',
      scope: 'kme',
      expires_in: 599,
      token_type: 'Bearer',
    });
  }
  return replyJson(res, 404, {});
}
const knoxCalls = { legacy: 1, oauth: 0 };

describe('TokenStore and the one mint choice (plain Node, in-memory stores)', () => {
  let server: Loopback;
  let keys: GeneratedKeys;
  before(async () => {
    keys = generateKeys();
    server = await startLoopback(knox);
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    knoxCalls.legacy = 1;
    knoxCalls.oauth = 0;
  });

  async function setup(scheme: Profile['scheme'] = 'legacy') {
    const state = new MemoryStateStore();
    const secrets = new MemorySecretStore();
    const profiles = new ProfileStore({ state, secrets, redactor: new Redactor() });
    const tokens = new TokenStore({
      profiles,
      secrets,
      state,
      renewalMarginMs: () => 2 * MINUTE,
      mint: createMint({
        profiles,
        settings: { requestTimeoutMs: () => 5000, validityMinutes: () => 15 },
      }),
    });
    const profile = await profiles.add({
      name: 'Sandbox',
      target: { kind: 'custom', baseUrl: server.url },
      scheme,
    });
    await profiles.importKeyFile(profile.id, keys.json, 'keys.json');
    const kme = await profiles.addClientIdentifier(profile.id, {
      alias: 'KME',
      service: 'kme',
      value: CLIENT_IDENTIFIER,
    });
    return { state, secrets, profiles, tokens, profileId: profile.id, kme };
  }

  it('names credentials by kind, and keeps the stored key of each', () => {
    assert.equal(credentialKey(OAUTH_APP), 'oauth');
    assert.equal(credentialKey(SAMSUNG_ACCOUNT), 'samsungAccount');
    assert.equal(credentialKey(clientIdentifierCredential('c-1')), 'c-1');
    for (const c of [OAUTH_APP, SAMSUNG_ACCOUNT, clientIdentifierCredential('c-1')]) {
      assert.deepEqual(credentialOfKey(credentialKey(c)), c);
    }
  });

  it('picks the client identifier of the service, the only one, or says what to add', async () => {
    const { profiles, profileId, kme } = await setup();
    const profile = profiles.require(profileId);
    assert.deepEqual(credentialFor(profile, 'kme'), clientIdentifierCredential(kme.id));
    assert.deepEqual(credentialFor(profile, 'kdp'), clientIdentifierCredential(kme.id));
    await profiles.addClientIdentifier(profileId, { alias: 'KDP', service: 'kdp', value: 'x' });
    assert.throws(
      () => credentialFor(profiles.require(profileId), 'kc'),
      (e) =>
        isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL') &&
        e.message ===
          'Profile "Sandbox" has no client identifier for KC. Add one with "Knox: Add Client Identifier".',
    );
    const oauth = { ...profile, scheme: 'oauth' as const };
    assert.throws(
      () => credentialFor(oauth),
      (e) => isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL') && /Set Up OAuth App/.test(e.message),
    );
  });

  it('mints a signed access token once, stores its value as a secret and its expiry as state', async () => {
    const { tokens, state, secrets, profileId, kme } = await setup();
    let changes = 0;
    tokens.onDidChangeTokens(() => changes++);
    const credential = clientIdentifierCredential(kme.id);
    const first = await tokens.get(profileId, credential);
    const second = await tokens.get(profileId, credential);
    assert.equal(second.value, first.value);
    assert.equal(server.requests.length, 1, 'one mint');
    const body = JSON.parse(server.requests[0]?.body ?? '{}') as Record<string, unknown>;
    assert.equal(body.validityForAccessTokenInMinutes, 15, 'the validity setting');
    assert.equal(body.base64EncodedStringPublicKey, keys.publicKeyBase64);
    const claims = verifiedClaims(String(body.clientIdentifierJwt), keys);
    assert.equal(claims.clientIdentifier, CLIENT_IDENTIFIER);
    assert.equal(verifiedClaims(first.value, keys).accessToken, 'at-1');

    const infos = tokens.tokens(profileId);
    assert.deepEqual(
      infos.map((t) => [t.credential, t.label, t.kind]),
      [[kme.id, 'KME access token', 'legacy']],
    );
    assert.equal(tokens.primaryToken(profileId)?.expiresAt, first.expiresAt);
    assert.ok(
      (await secrets.get(Keys.token(profileId, kme.id)))?.includes(first.value),
      'value in the SecretStore',
    );
    assert.ok(!JSON.stringify(state.get('knox.tokens.v1')).includes(first.value));
    assert.ok(changes >= 1);
    tokens.dispose();
  });

  it('mints OAuth tokens with the app of the profile and clears every token of a profile', async () => {
    const { tokens, profiles, secrets, profileId, kme } = await setup('oauth');
    await profiles.setOAuthApp(profileId, {
      clientId: 'app',
      clientSecret: 'app-secret',
      scopes: ['kme'],
    });
    const token = await tokens.get(profileId, OAUTH_APP);
    assert.equal(token.value, 'Bearer oat-1');
    const form = new URLSearchParams(server.requests[0]?.body);
    assert.deepEqual(
      [form.get('client_id'), form.get('client_secret'), form.get('scope')],
      ['app', 'app-secret', 'kme'],
    );
    await tokens.get(profileId, clientIdentifierCredential(kme.id));
    assert.equal(tokens.tokens(profileId).length, 2);

    await tokens.clear(profileId);
    assert.deepEqual(tokens.tokens(profileId), []);
    assert.equal(await tokens.current(profileId, OAUTH_APP), undefined);
    assert.equal(await secrets.get(Keys.token(profileId, 'oauth')), undefined);
    assert.equal(await secrets.get(Keys.token(profileId, kme.id)), undefined);
    tokens.dispose();
  });

  it('signs a partner token with the Samsung Account token of the same store', async () => {
    const { tokens, profiles, profileId, kme } = await setup('partner');
    await profiles.setSamsungAccount(profileId, {
      clientId: 'sa-client',
      clientSecret: 'sa-secret',
      aliasId: 'ALIAS',
      redirectUri: 'http://127.0.0.1:7777/callback',
    });
    const now = Date.now();
    await profiles.storeSamsungAccountSignIn(profileId, {
      signedInAt: now,
      handoff: { accessToken: 'sa-access-1', expiresAt: now + 30 * MINUTE, issuedAt: now },
    });
    const token = await tokens.get(profileId, clientIdentifierCredential(kme.id));
    const body = JSON.parse(server.requests[0]?.body ?? '{}') as Record<string, unknown>;
    const claims = verifiedClaims(String(body.clientIdentifierJwt), keys);
    assert.equal(claims.delegatedSAToken, 'sa-access-1');
    assert.equal(verifiedClaims(token.value, keys).accessToken, 'at-1');
    assert.deepEqual(
      tokens
        .tokens(profileId)
        .map((t: TokenInfo) => t.label)
        .sort(),
      ['KME access token', 'Samsung Account token'],
    );
    assert.equal((await tokens.current(profileId, SAMSUNG_ACCOUNT))?.value, 'sa-access-1');
    tokens.dispose();
  });

  it('says which secret is missing when a choice cannot be minted', async () => {
    const target = { kind: 'custom', baseUrl: server.url } as const;
    const signal = new AbortController().signal;
    await assert.rejects(
      mintForCredential({ name: 'cli', target, scheme: 'oauth' }, OAUTH_APP, {}, {})(signal),
      (e) =>
        isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL') &&
        e.message === 'Profile "cli" has no OAuth app.',
    );
    await assert.rejects(
      mintForCredential(
        { name: 'cli', target, scheme: 'legacy' },
        clientIdentifierCredential('x'),
        {},
        {},
      )(signal),
      (e) => isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL') && /no key file/.test(e.message),
    );
    assert.equal(server.requests.length, 0);
  });

  it('renews a token in use before it expires', async () => {
    const state = new MemoryStateStore();
    const secrets = new MemorySecretStore();
    const profiles = new ProfileStore({ state, secrets, redactor: new Redactor() });
    let clock = Date.parse('2025-03-01T10:00:00Z');
    let minted = 0;
    const tokens = new TokenStore({
      profiles,
      secrets,
      state,
      now: () => clock,
      renewCheckMs: 5,
      renewalMarginMs: () => 2 * MINUTE,
      mint: () =>
        Promise.resolve({
          value: `token-${String(++minted)}`,
          expiresAt: clock + 10 * MINUTE,
          kind: 'legacy',
        }),
    });
    const p = await profiles.add({
      name: 'P',
      target: { kind: 'region', region: 'us' },
      scheme: 'legacy',
    });
    const credential = clientIdentifierCredential('c-1');
    await tokens.get(p.id, credential);
    clock += 9 * MINUTE;
    await new Promise((ok) => setTimeout(ok, 50));
    assert.equal(minted, 2, 'renewed within the margin');
    assert.equal((await tokens.current(p.id, credential))?.value, 'token-2');
    tokens.dispose();
  });
});
