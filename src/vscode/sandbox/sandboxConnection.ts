import { join } from 'node:path';
import * as vscode from 'vscode';
import { KnoxToolError } from '../../core/toolError';
import { FILE_LIMITS, readBoundedText } from '../../core/files/readBoundedFile';
import type { Profile } from '../../core/profiles/profile';
import type { SandboxCredentials } from '../../sandbox/credentials';
import { loadOrCreateCredentials } from '../../sandbox/credentials';
import type { Sandbox } from '../../sandbox/sandbox';
import { startSandbox } from '../../sandbox/sandbox';
import { SANDBOX_SERVICES } from '../../sandbox/sandboxServices';
import { Commands, Settings } from '../ids';
import type { KnoxLog } from '../log';
import type { ProfileService } from '../profiles/profileService';
import type { CommandDeps } from '../registerCommand';
import { executeCommand, registerCommand } from '../registerCommand';
import type { TokenService } from '../tokens/tokenService';

export interface RunningSandbox {
  readonly url: string;
  readonly credentials: SandboxCredentials;
  /** True when it runs outside this window (`npm start`, `knox sandbox`). */
  readonly external: boolean;
}

/** What "Connect to Local Sandbox" returns. */
export interface ConnectedSandbox {
  readonly url: string;
  readonly legacyProfileId: string;
  readonly oauthProfileId: string;
  readonly partnerProfileId: string;
}

export const SANDBOX_PROFILE = 'Sandbox';
export const SANDBOX_OAUTH_PROFILE = 'Sandbox OAuth';
export const SANDBOX_PARTNER_PROFILE = 'Sandbox Partner';

/**
 * The local Knox sandbox this window uses: the one `npm start` runs (KNOX_SANDBOX_URL and
 * KNOX_SANDBOX_DIR), else one embedded in the extension host on a free loopback port, started
 * on first use with its state in the extension's global storage.
 */
export class SandboxConnection implements vscode.Disposable {
  private embedded: Promise<Sandbox> | undefined;

  constructor(
    private readonly deps: {
      readonly storageDir: string;
      readonly log: KnoxLog;
      readonly env?: NodeJS.ProcessEnv;
      /** `npm start` announces its sandbox here (the extension's own folder in development). */
      readonly announcementFile?: string;
    },
  ) {}

  async ensure(): Promise<RunningSandbox> {
    const external = await this.external();
    if (external) {
      const loaded = await loadOrCreateCredentials(external.dir, {
        now: Date.now,
        logger: this.deps.log,
      });
      return { url: external.url.replace(/\/+$/, ''), credentials: loaded.files, external: true };
    }
    this.embedded ??= startSandbox({
      port: 0,
      dir: join(this.deps.storageDir, 'sandbox'),
      logger: this.deps.log,
    }).catch((e: unknown) => {
      this.embedded = undefined;
      throw e;
    });
    const sandbox = await this.embedded;
    return { url: sandbox.url, credentials: sandbox.credentials, external: false };
  }

  private async external(): Promise<{ url: string; dir: string } | undefined> {
    const env = this.deps.env ?? process.env;
    if (env.KNOX_SANDBOX_URL && env.KNOX_SANDBOX_DIR)
      return { url: env.KNOX_SANDBOX_URL, dir: env.KNOX_SANDBOX_DIR };
    if (!this.deps.announcementFile) return undefined;
    try {
      const announced = JSON.parse(
        await readBoundedText(this.deps.announcementFile, {
          maxBytes: FILE_LIMITS.secret,
          what: 'the sandbox announcement',
        }),
      ) as {
        url?: string;
        dir?: string;
        pid?: number;
      };
      if (!announced.url || !announced.dir || !announced.pid) return undefined;
      process.kill(announced.pid, 0); // throws when that sandbox is gone
      return { url: announced.url, dir: announced.dir };
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    void this.embedded?.then((s) => s.close()).catch(() => undefined);
    this.embedded = undefined;
  }
}

export interface SandboxCommandDeps extends CommandDeps {
  readonly profiles: ProfileService;
  readonly tokens: TokenService;
  readonly connection: SandboxConnection;
}

async function readSecretFile(path: string): Promise<string> {
  try {
    return (
      await readBoundedText(path, { maxBytes: FILE_LIMITS.secret, what: 'a sandbox credential' })
    ).trim();
  } catch (e) {
    throw new KnoxToolError(
      'NOT_FOUND',
      `The sandbox credential file ${path} cannot be read. Restart the sandbox to recreate its demo credentials.`,
      { cause: e },
    );
  }
}

/** Creates or refreshes the sandbox profiles from the sandbox's demo credentials. */
export async function connectProfiles(
  deps: SandboxCommandDeps,
  running: RunningSandbox,
): Promise<{ legacy: Profile; oauth: Profile; partner: Profile }> {
  const { profiles } = deps;
  const target = { kind: 'custom', baseUrl: running.url } as const;
  const upsert = async (name: string, scheme: 'legacy' | 'oauth' | 'partner'): Promise<Profile> => {
    const existing = profiles.list().find((p) => p.name === name);
    if (existing) {
      await deps.tokens.clear(existing.id);
      return profiles.update(existing.id, { target, scheme });
    }
    return profiles.add({ name, target, scheme, sandbox: true });
  };

  // The sandbox's keys.json, with no client identifier left from an earlier sandbox.
  const takeSandboxKeyFile = async (profileId: string): Promise<void> => {
    const keys = await readBoundedText(running.credentials.keysFile, {
      maxBytes: FILE_LIMITS.keyFile,
      what: 'the sandbox key file',
    });
    await profiles.importKeyFile(profileId, keys, 'sandbox keys.json');
    for (const c of profiles.require(profileId).clientIdentifiers)
      await profiles.removeClientIdentifier(profileId, c.id);
  };

  const legacy = await upsert(SANDBOX_PROFILE, 'legacy');
  await takeSandboxKeyFile(legacy.id);
  const wanted = vscode.workspace
    .getConfiguration()
    .get<string[]>(Settings.sandboxServices, [...SANDBOX_SERVICES]);
  for (const service of SANDBOX_SERVICES.filter((s) => wanted.includes(s))) {
    await profiles.addClientIdentifier(legacy.id, {
      alias: service.toUpperCase(),
      service,
      value: await readSecretFile(running.credentials.clientIdentifierFiles[service]),
    });
  }

  const oauth = await upsert(SANDBOX_OAUTH_PROFILE, 'oauth');
  const manifest = JSON.parse(
    await readBoundedText(running.credentials.manifestFile, {
      maxBytes: FILE_LIMITS.secret,
      what: 'the sandbox manifest',
    }),
  ) as {
    oauthClient?: { scopes?: string };
  };
  const scopes = (manifest.oauthClient?.scopes ?? '').split(/\s+/).filter(Boolean);
  await profiles.setOAuthApp(oauth.id, {
    clientId: running.credentials.oauthClientId,
    clientSecret: await readSecretFile(running.credentials.oauthClientSecretFile),
    scopes,
  });

  // A partner portal: the same key file and client identifiers, acting for whoever signs in to
  // the sandbox's Samsung Account simulation (its host is the sandbox, so it follows the port).
  const partner = await upsert(SANDBOX_PARTNER_PROFILE, 'partner');
  await takeSandboxKeyFile(partner.id);
  for (const c of profiles.require(legacy.id).clientIdentifiers) {
    await profiles.addClientIdentifier(partner.id, {
      alias: c.alias,
      service: c.service,
      value: await profiles.clientIdentifier(legacy.id, c.id),
    });
  }
  const account = running.credentials.samsungAccount;
  await profiles.setSamsungAccount(partner.id, {
    clientId: account.clientId,
    clientSecret: await readSecretFile(account.clientSecretFile),
    aliasId: account.aliasId,
    redirectUri:
      profiles.require(partner.id).samsungAccount?.redirectUri ?? 'http://127.0.0.1/callback',
  });

  await profiles.setActive(legacy.id);
  return {
    legacy: profiles.require(legacy.id),
    oauth: profiles.require(oauth.id),
    partner: profiles.require(partner.id),
  };
}

/**
 * Keeps a sandbox profile pointed at the running sandbox (its port changes between sessions);
 * other profiles pass through unchanged.
 */
export async function followSandbox(
  deps: {
    readonly connection: SandboxConnection;
    readonly profiles: ProfileService;
    readonly log: KnoxLog;
  },
  profile: Profile,
): Promise<Profile> {
  if (!profile.sandbox) return profile;
  const running = await deps.connection.ensure();
  if (profile.target.kind === 'custom' && profile.target.baseUrl === running.url) return profile;
  deps.log.info(`sandbox moved to ${running.url}; updating profile ${profile.name}`);
  return deps.profiles.update(profile.id, { target: { kind: 'custom', baseUrl: running.url } });
}

/** The buttons of the "connected" notification. */
export const OPEN_SAMPLES = 'Open Sample Requests';
const GENERATE_TOKEN = 'Generate Access Token';

export function registerSandboxCommands(deps: SandboxCommandDeps): vscode.Disposable {
  return registerCommand(deps, Commands.connectSandbox, async (): Promise<ConnectedSandbox> => {
    const running = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Knox: starting the local sandbox…',
      },
      () => deps.connection.ensure(),
    );
    const { legacy, oauth, partner } = await connectProfiles(deps, running);
    deps.log.info(
      `connected to the ${running.external ? 'external' : 'embedded'} sandbox at ${running.url}`,
    );
    void vscode.window
      .showInformationMessage(
        `Knox: profiles "${legacy.name}", "${oauth.name}" and "${partner.name}" use the local sandbox at ${running.url}. Open the sample requests and send one: the token comes with it.`,
        OPEN_SAMPLES,
        GENERATE_TOKEN,
      )
      .then((choice) => {
        if (choice === OPEN_SAMPLES)
          void executeCommand(Commands.openSampleRequests, { profileId: legacy.id });
        else if (choice === GENERATE_TOKEN)
          void executeCommand(Commands.generateAccessToken, { profileId: legacy.id });
      });
    return {
      url: running.url,
      legacyProfileId: legacy.id,
      oauthProfileId: oauth.id,
      partnerProfileId: partner.id,
    };
  });
}
