import { randomUUID } from 'node:crypto';
import type { KnoxService } from '../catalogs/scopeCatalog';
import { KnoxToolError } from '../toolError';
import type { EventEmitterLike, Listen } from '../events/emitter';
import { Emitter } from '../events/emitter';
import type { KeyFile } from '../keys/keyFile';
import { parseKeyFile } from '../keys/keyFile';
import type { Redactor } from '../log/redact';
import type { AuthScheme, ClientIdentifierInfo, Profile, ProfileTarget } from '../profiles/profile';
import { apiBaseUrl, secretHint, validateProfileName } from '../profiles/profile';
import { checkSamsungAccountClient } from '../samsungAccount/samsungAccountEndpoints';
import type { SignInRecord } from '../samsungAccount/signInRecord';
import { parseSignInRecord } from '../samsungAccount/signInRecord';
import type { Disposable, SecretStore } from '../storage/secretStore';
import type { StateStore } from '../storage/stateStore';
import {
  OAUTH_APP,
  SAMSUNG_ACCOUNT,
  clientIdentifierCredential,
  credentialKey,
} from './credential';
import { CredentialSecretKeys as SecretKeys, CredentialStateKeys } from './credentialKeys';

interface StoredState {
  readonly profiles: readonly Profile[];
  readonly activeId?: string;
}

// Own writes can overlap (two commands at once); their echoes arrive after each write.
const OWN_REVISIONS_KEPT = 16;

/** What "Add Profile" asks for. */
export interface NewProfile {
  readonly name: string;
  readonly target: ProfileTarget;
  readonly scheme: AuthScheme;
  readonly tenantId?: string;
  readonly sandbox?: boolean;
}

/** What a ProfileStore keeps its state in, and how it tells of changes. */
export interface ProfileStoreDeps {
  readonly state: StateStore;
  readonly secrets: SecretStore;
  /** Learns every secret read or stored, so that no log line shows it. */
  readonly redactor: Redactor;
  readonly now?: () => number;
  /** The emitter of `onDidChange` (the VS Code layer hands in a vscode.EventEmitter). */
  readonly createEmitter?: () => EventEmitterLike<void>;
}

/**
 * Profiles and their credentials. Plain facts (names, fingerprints, aliases) go to
 * globalState; every secret to the SecretStore. Each change is all-or-nothing: a failed
 * import leaves the previous state untouched.
 */
export class ProfileStore implements Disposable {
  private readonly changed: EventEmitterLike<void>;
  /** Fires after any profile changes, in this window or (through the revision secret) another. */
  readonly onDidChange: Listen<void>;
  /** The last revisions this store wrote, so their echo from the secret store is not a change. */
  private readonly ownRevisions: string[] = [];
  private readonly keyFiles = new Map<string, { fingerprint: string; key: KeyFile }>();
  private readonly subscription: Disposable;
  private readonly now: () => number;

  constructor(private readonly deps: ProfileStoreDeps) {
    this.now = deps.now ?? Date.now;
    this.changed = deps.createEmitter?.() ?? new Emitter<void>();
    this.onDidChange = this.changed.event;
    // Another window changed something: globalState is shared, so re-reading it is enough.
    this.subscription = deps.secrets.onDidChange((e) => {
      if (e.key === SecretKeys.revision) void this.revisionChanged();
      if (e.key.endsWith('.keyFile')) this.keyFiles.clear();
    });
  }

  list(): readonly Profile[] {
    return this.read().profiles;
  }

  get(id: string): Profile | undefined {
    return this.list().find((p) => p.id === id);
  }

  /** Looks a profile up by id or, failing that, by name (case-insensitive). */
  find(idOrName: string): Profile | undefined {
    const profiles = this.list();
    return (
      profiles.find((p) => p.id === idOrName) ??
      profiles.find((p) => p.name.toLowerCase() === idOrName.toLowerCase())
    );
  }

  active(): Profile | undefined {
    const { profiles, activeId } = this.read();
    return profiles.find((p) => p.id === activeId) ?? profiles[0];
  }

  /** The profile with this id, or a KnoxToolError 'NOT_FOUND' that says what to do. */
  require(id: string | undefined): Profile {
    const profile = id ? this.find(id) : this.active();
    if (!profile) {
      throw new KnoxToolError(
        'NOT_FOUND',
        id
          ? `There is no Knox profile "${id}". Add it with "Knox: Add Profile".`
          : 'There is no Knox profile yet. Add one with "Knox: Add Profile" or "Knox: Connect to Local Sandbox".',
      );
    }
    return profile;
  }

  async add(input: NewProfile): Promise<Profile> {
    const problem = validateProfileName(
      input.name,
      this.list().map((p) => p.name),
    );
    if (problem) throw new KnoxToolError('INVALID_INPUT', problem);
    const profile: Profile = {
      id: randomUUID(),
      name: input.name.trim(),
      target: input.target,
      scheme: input.scheme,
      ...(input.tenantId?.trim() ? { tenantId: input.tenantId.trim() } : {}),
      ...(input.sandbox ? { sandbox: true } : {}),
      clientIdentifiers: [],
      createdAt: this.now(),
    };
    const state = this.read();
    await this.write({
      profiles: [...state.profiles, profile],
      activeId: state.activeId ?? profile.id,
    });
    return profile;
  }

  async update(
    id: string,
    patch: Partial<Pick<Profile, 'name' | 'target' | 'scheme' | 'tenantId'>>,
  ): Promise<Profile> {
    const current = this.require(id);
    if (patch.name !== undefined) {
      const problem = validateProfileName(
        patch.name,
        this.list()
          .filter((p) => p.id !== id)
          .map((p) => p.name),
      );
      if (problem) throw new KnoxToolError('INVALID_INPUT', problem);
    }
    const next: Profile = {
      ...current,
      ...patch,
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    };
    if (patch.tenantId !== undefined && !patch.tenantId.trim())
      delete (next as { tenantId?: string }).tenantId;
    await this.replace(next);
    return next;
  }

  /** Removes a profile and every secret stored for it. */
  async remove(id: string): Promise<void> {
    const profile = this.require(id);
    await this.deleteSecretsOf(profile);
    const state = this.read();
    const profiles = state.profiles.filter((p) => p.id !== profile.id);
    await this.write({
      profiles,
      ...(state.activeId !== profile.id
        ? { activeId: state.activeId }
        : profiles[0]
          ? { activeId: profiles[0].id }
          : {}),
    });
  }

  async setActive(id: string): Promise<void> {
    const profile = this.require(id);
    await this.write({ ...this.read(), activeId: profile.id });
  }

  /**
   * Validates keys.json text with the token engine and stores it. On any failure nothing
   * changes and the engine's KnoxToolError says what to do.
   */
  async importKeyFile(id: string, text: string, fileName: string): Promise<Profile> {
    const profile = this.require(id);
    const key = parseKeyFile(text, fileName);
    await this.deps.secrets.set(SecretKeys.keyFile(profile.id), text);
    this.keyFiles.set(profile.id, { fingerprint: key.fingerprint, key });
    const next: Profile = {
      ...profile,
      keyFile: {
        fingerprint: key.fingerprint,
        modulusBits: key.modulusBits,
        fileName,
        importedAt: this.now(),
      },
    };
    await this.replace(next);
    return next;
  }

  async removeKeyFile(id: string): Promise<void> {
    const profile = this.require(id);
    await this.deps.secrets.delete(SecretKeys.keyFile(profile.id));
    this.keyFiles.delete(profile.id);
    const next = { ...profile };
    delete (next as { keyFile?: unknown }).keyFile;
    await this.replace(next);
  }

  /** The profile's parsed key file, parsed once and held in memory. */
  async keyFile(id: string): Promise<KeyFile> {
    const profile = this.require(id);
    const cached = this.keyFiles.get(profile.id);
    if (cached && cached.fingerprint === profile.keyFile?.fingerprint) return cached.key;
    const text = await this.deps.secrets.get(SecretKeys.keyFile(profile.id));
    if (!text || !profile.keyFile) {
      throw new KnoxToolError(
        'TOKEN_MISSING_CREDENTIAL',
        `Profile "${profile.name}" has no key file. Import keys.json with "Knox: Import Key File".`,
      );
    }
    const key = parseKeyFile(text, profile.keyFile.fileName);
    this.keyFiles.set(profile.id, { fingerprint: key.fingerprint, key });
    return key;
  }

  async addClientIdentifier(
    id: string,
    input: { alias: string; service: KnoxService; value: string },
  ): Promise<ClientIdentifierInfo> {
    const profile = this.require(id);
    const value = input.value.trim();
    if (!value)
      throw new KnoxToolError(
        'INVALID_INPUT',
        'The client identifier is empty. Paste it from the Knox Cloud API portal, or pick the file that holds it.',
      );
    if (/\s/.test(value))
      throw new KnoxToolError(
        'INVALID_INPUT',
        'The client identifier contains spaces or line breaks inside it. Copy it again from the Knox Cloud API portal.',
      );
    const alias = input.alias.trim() || input.service.toUpperCase();
    if (profile.clientIdentifiers.some((c) => c.alias.toLowerCase() === alias.toLowerCase())) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        `Profile "${profile.name}" has a client identifier named "${alias}" already. Choose another alias.`,
      );
    }
    const info: ClientIdentifierInfo = {
      id: randomUUID(),
      alias,
      service: input.service,
      hint: secretHint(value),
      addedAt: this.now(),
    };
    this.deps.redactor.remember(value);
    await this.deps.secrets.set(SecretKeys.clientIdentifier(profile.id, info.id), value);
    await this.replace({ ...profile, clientIdentifiers: [...profile.clientIdentifiers, info] });
    return info;
  }

  async removeClientIdentifier(id: string, clientIdentifierId: string): Promise<void> {
    const profile = this.require(id);
    await this.deps.secrets.delete(SecretKeys.clientIdentifier(profile.id, clientIdentifierId));
    await this.deps.secrets.delete(
      SecretKeys.token(profile.id, credentialKey(clientIdentifierCredential(clientIdentifierId))),
    );
    await this.replace({
      ...profile,
      clientIdentifiers: profile.clientIdentifiers.filter((c) => c.id !== clientIdentifierId),
    });
  }

  async clientIdentifier(id: string, clientIdentifierId: string): Promise<string> {
    const profile = this.require(id);
    const info = profile.clientIdentifiers.find(
      (c) =>
        c.id === clientIdentifierId || c.alias.toLowerCase() === clientIdentifierId.toLowerCase(),
    );
    const value =
      info && (await this.deps.secrets.get(SecretKeys.clientIdentifier(profile.id, info.id)));
    if (!value)
      throw new KnoxToolError(
        'TOKEN_MISSING_CREDENTIAL',
        `Profile "${profile.name}" has no client identifier "${clientIdentifierId}". Add one with "Knox: Add Client Identifier".`,
      );
    this.deps.redactor.remember(value);
    return value;
  }

  async setOAuthApp(
    id: string,
    input: {
      clientId: string;
      clientSecret?: string;
      scopes: readonly string[];
      /** The user chose these scopes: keep them as the picker's next start. */
      picked?: boolean;
    },
  ): Promise<Profile> {
    const profile = this.require(id);
    const clientId = input.clientId.trim();
    if (!clientId)
      throw new KnoxToolError(
        'INVALID_INPUT',
        'Enter the OAuth client id from "Cloud Apps" in the Knox Developer Portal.',
      );
    if (!input.scopes.length)
      throw new KnoxToolError('INVALID_INPUT', 'Pick at least one scope for the OAuth app.');
    const secret = input.clientSecret?.trim();
    if (secret !== undefined) {
      if (!secret)
        throw new KnoxToolError(
          'INVALID_INPUT',
          'The client secret is empty. Paste it from "Cloud Apps" in the Knox Developer Portal.',
        );
      this.deps.redactor.remember(secret);
      await this.deps.secrets.set(SecretKeys.oauthClientSecret(profile.id), secret);
    } else if (!(await this.deps.secrets.get(SecretKeys.oauthClientSecret(profile.id)))) {
      throw new KnoxToolError('INVALID_INPUT', 'Enter the client secret of the OAuth app.');
    }
    await this.deps.secrets.delete(SecretKeys.token(profile.id, credentialKey(OAUTH_APP)));
    const scopes = [...new Set(input.scopes)];
    const lastPicked = input.picked ? scopes : profile.oauth?.lastPicked;
    const next: Profile = {
      ...profile,
      oauth: { clientId, scopes, ...(lastPicked ? { lastPicked } : {}) },
    };
    await this.replace(next);
    return next;
  }

  async oauthClientSecret(id: string): Promise<string> {
    const profile = this.require(id);
    const secret = await this.deps.secrets.get(SecretKeys.oauthClientSecret(profile.id));
    if (!secret || !profile.oauth)
      throw new KnoxToolError(
        'TOKEN_MISSING_CREDENTIAL',
        `Profile "${profile.name}" has no OAuth app. Set one up with "Knox: Set Up OAuth App".`,
      );
    this.deps.redactor.remember(secret);
    return secret;
  }

  /**
   * Sets up the Samsung Account client of a partner profile (and makes it one). The secret goes
   * to secret storage only; another client, ALIAS_ID or host ends the current sign-in.
   */
  async setSamsungAccount(
    id: string,
    input: {
      clientId: string;
      clientSecret?: string;
      aliasId: string;
      redirectUri: string;
      /** Absent: the profile's own base URL (the local sandbox serves both). */
      authorizationHost?: string;
      tokenHost?: string;
    },
  ): Promise<Profile> {
    const profile = this.require(id);
    const given = input.authorizationHost?.trim() || undefined;
    const checked = checkSamsungAccountClient({
      clientId: input.clientId,
      aliasId: input.aliasId,
      redirectUri: input.redirectUri,
      authorizationHost: given ?? apiBaseUrl(profile.target),
      ...(input.tokenHost?.trim() ? { tokenHost: input.tokenHost } : {}),
    });
    const authorizationHost = given === undefined ? undefined : checked.authorizationHost;
    const secret = input.clientSecret?.trim();
    if (secret !== undefined) {
      if (!secret)
        throw new KnoxToolError(
          'INVALID_INPUT',
          'The Samsung Account client secret is empty. Paste the secret issued with the client id.',
        );
      this.deps.redactor.remember(secret);
      await this.deps.secrets.set(SecretKeys.samsungAccountClientSecret(profile.id), secret);
    } else if (!(await this.deps.secrets.get(SecretKeys.samsungAccountClientSecret(profile.id)))) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        'Enter the client secret of the Samsung Account client.',
      );
    }
    const previous = profile.samsungAccount;
    const sameSignIn =
      previous !== undefined &&
      previous.clientId === checked.clientId &&
      previous.aliasId === checked.aliasId &&
      previous.authorizationHost === authorizationHost &&
      previous.tokenHost === checked.tokenHost;
    if (!sameSignIn) await this.deleteSamsungAccountSignIn(profile.id);
    const next: Profile = {
      ...profile,
      scheme: 'partner',
      samsungAccount: {
        clientId: checked.clientId,
        aliasId: checked.aliasId,
        redirectUri: checked.redirectUri,
        ...(authorizationHost === undefined ? {} : { authorizationHost }),
        ...(checked.tokenHost === undefined ? {} : { tokenHost: checked.tokenHost }),
        ...(sameSignIn && previous.userId !== undefined ? { userId: previous.userId } : {}),
        ...(sameSignIn && previous.signedInAt !== undefined
          ? { signedInAt: previous.signedInAt }
          : {}),
      },
    };
    await this.replace(next);
    return next;
  }

  async samsungAccountClientSecret(id: string): Promise<string> {
    const profile = this.require(id);
    const secret = await this.deps.secrets.get(SecretKeys.samsungAccountClientSecret(profile.id));
    if (!secret || !profile.samsungAccount)
      throw new KnoxToolError(
        'TOKEN_MISSING_CREDENTIAL',
        `Profile "${profile.name}" has no Samsung Account client. Set it up with "Knox: Set Up Samsung Account".`,
      );
    this.deps.redactor.remember(secret);
    return secret;
  }

  /** The stored Samsung Account sign-in (refresh token, user) of a profile, if any. */
  async samsungAccountSignIn(id: string): Promise<SignInRecord | undefined> {
    const profile = this.require(id);
    const record = parseSignInRecord(
      await this.deps.secrets.get(SecretKeys.samsungAccountSignIn(profile.id)),
    );
    this.rememberSignIn(record);
    return record;
  }

  /** Stores a Samsung Account sign-in in secret storage (nothing shown changes). */
  async storeSamsungAccountSignIn(id: string, record: SignInRecord): Promise<void> {
    const profile = this.require(id);
    this.rememberSignIn(record);
    await this.deps.secrets.set(
      SecretKeys.samsungAccountSignIn(profile.id),
      JSON.stringify(record),
    );
  }

  /** Records who is signed in (shown in the tree, the status bar and the Accounts menu). */
  async markSamsungAccountSignedIn(
    id: string,
    who: { userId?: string; signedInAt: number },
  ): Promise<Profile> {
    const profile = this.require(id);
    const info = profile.samsungAccount;
    if (!info)
      throw new KnoxToolError(
        'TOKEN_MISSING_CREDENTIAL',
        `Profile "${profile.name}" has no Samsung Account client. Set it up with "Knox: Set Up Samsung Account".`,
      );
    const rest = { ...info };
    delete (rest as { userId?: string }).userId;
    const next: Profile = {
      ...profile,
      samsungAccount: {
        ...rest,
        ...(who.userId === undefined ? {} : { userId: who.userId }),
        signedInAt: who.signedInAt,
      },
    };
    await this.replace(next);
    return next;
  }

  /** Forgets a profile's Samsung Account sign-in: the stored secrets and who was signed in. */
  async clearSamsungAccountSignIn(id: string): Promise<Profile> {
    const profile = this.require(id);
    await this.deleteSamsungAccountSignIn(profile.id);
    if (!profile.samsungAccount) return profile;
    const info = { ...profile.samsungAccount };
    delete (info as { userId?: string }).userId;
    delete (info as { signedInAt?: number }).signedInAt;
    const next: Profile = { ...profile, samsungAccount: info };
    await this.replace(next);
    return next;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private read(): StoredState {
    return this.deps.state.get<StoredState>(CredentialStateKeys.profiles) ?? { profiles: [] };
  }

  private async replace(profile: Profile): Promise<void> {
    const state = this.read();
    await this.write({
      ...state,
      profiles: state.profiles.map((p) => (p.id === profile.id ? profile : p)),
    });
  }

  private async write(state: StoredState): Promise<void> {
    await this.deps.state.update(CredentialStateKeys.profiles, state);
    const revision = String(this.now()) + randomUUID().slice(0, 8);
    this.ownRevisions.push(revision);
    if (this.ownRevisions.length > OWN_REVISIONS_KEPT) this.ownRevisions.shift();
    await this.deps.secrets.set(SecretKeys.revision, revision);
    this.changed.fire();
  }

  // The revision secret changed: another window wrote, or this one (already told, so once only).
  private async revisionChanged(): Promise<void> {
    // A store that cannot be read now counts as changed: refreshing once too often is harmless.
    const revision = await this.deps.secrets.get(SecretKeys.revision).catch(() => undefined);
    if (revision === undefined || !this.ownRevisions.includes(revision)) this.changed.fire();
  }

  private rememberSignIn(record: SignInRecord | undefined): void {
    if (record?.refreshToken) this.deps.redactor.remember(record.refreshToken);
    if (record?.handoff) this.deps.redactor.remember(record.handoff.accessToken);
  }

  private async deleteSamsungAccountSignIn(profileId: string): Promise<void> {
    await this.deps.secrets.delete(SecretKeys.samsungAccountSignIn(profileId));
    await this.deps.secrets.delete(SecretKeys.token(profileId, credentialKey(SAMSUNG_ACCOUNT)));
  }

  private async deleteSecretsOf(profile: Profile): Promise<void> {
    const keys = [
      SecretKeys.keyFile(profile.id),
      SecretKeys.oauthClientSecret(profile.id),
      SecretKeys.token(profile.id, credentialKey(OAUTH_APP)),
      SecretKeys.samsungAccountClientSecret(profile.id),
      SecretKeys.samsungAccountSignIn(profile.id),
      SecretKeys.token(profile.id, credentialKey(SAMSUNG_ACCOUNT)),
      ...profile.clientIdentifiers.flatMap((c) => [
        SecretKeys.clientIdentifier(profile.id, c.id),
        SecretKeys.token(profile.id, credentialKey(clientIdentifierCredential(c.id))),
      ]),
    ];
    for (const key of keys) await this.deps.secrets.delete(key);
    this.keyFiles.delete(profile.id);
  }
}
