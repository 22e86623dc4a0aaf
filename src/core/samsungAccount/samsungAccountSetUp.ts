import type { SamsungAccountInfo } from '../profiles/profile';
import { checkSamsungAccountClient } from './samsungAccountEndpoints';

/** The loopback redirect URI a new setup starts with: 127.0.0.1, any free port. */
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1/callback';

/** "Set Up Samsung Account" as plain arguments (tests, scripts); any field given skips the prompts. */
export interface SamsungAccountSetUpFields {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly aliasId?: string;
  /** A base URL, or 'sandbox' for the local Knox sandbox (and its demo client when no client id is given). */
  readonly authorizationHost?: string;
  readonly tokenHost?: string;
  readonly redirectUri?: string;
}

/** Whether the arguments set the client up themselves, so that nothing is asked. */
export function setUpFieldsGiven(fields: SamsungAccountSetUpFields): boolean {
  return (
    fields.clientId !== undefined ||
    fields.aliasId !== undefined ||
    fields.authorizationHost !== undefined ||
    fields.redirectUri !== undefined
  );
}

/** Why a typed authorization host is refused (one line), or undefined. */
export function authorizationHostProblem(value: string): string | undefined {
  try {
    checkSamsungAccountClient({
      clientId: 'x',
      aliasId: 'x',
      redirectUri: DEFAULT_REDIRECT_URI,
      authorizationHost: value,
    });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** How the authorization host is chosen: kept, the local sandbox's, or typed. */
export type HostChoiceKind = 'keep' | 'sandbox' | 'enter';

/** One way to choose the authorization host, as offered. */
export interface HostChoice {
  readonly label: string;
  readonly description: string;
  readonly choice: HostChoiceKind;
}

/** The authorization hosts offered: the current one, the sandbox when there is one, a typed one. */
export function hostChoices(
  current: SamsungAccountInfo | undefined,
  sandboxAvailable: boolean,
): HostChoice[] {
  return [
    ...(current
      ? [
          {
            label: current.authorizationHost ?? "The profile's base URL",
            description: 'keep',
            choice: 'keep' as const,
          },
        ]
      : []),
    ...(sandboxAvailable
      ? [
          {
            label: 'Local Knox sandbox',
            description: 'its demo Samsung Account client, on this machine',
            choice: 'sandbox' as const,
          },
        ]
      : []),
    {
      label: 'Enter the authorization host…',
      description: 'the host Samsung gave with your Samsung Account client',
      choice: 'enter',
    },
  ];
}

/** One redirect URI as offered: a ready value, or what to ask for next. */
export interface RedirectUriChoice {
  readonly label: string;
  readonly description: string;
  readonly detail?: string;
  readonly value?: string;
  readonly ask?: 'port' | 'https';
}

/** The redirect URIs offered: the current one, loopback (any or a fixed port), VS Code's own, https. */
export function redirectUriChoices(
  current: string | undefined,
  ownCallback: string,
): RedirectUriChoice[] {
  return [
    ...(current ? [{ label: current, description: 'keep', value: current }] : []),
    {
      label: DEFAULT_REDIRECT_URI,
      description: 'loopback, a free port each time',
      detail: 'Register http://127.0.0.1/callback (any port) with Samsung Account.',
      value: DEFAULT_REDIRECT_URI,
    },
    {
      label: 'Loopback on a fixed port…',
      description: 'http://127.0.0.1:<port>/callback',
      ask: 'port',
    },
    {
      label: ownCallback,
      description: 'VS Code receives the redirect (vscode:// URI handler)',
      value: ownCallback,
    },
    {
      label: "Your portal's https page…",
      description: 'you paste the address the browser lands on',
      ask: 'https',
    },
  ];
}

/** Why a typed loopback port is refused, or undefined for 1 to 65535. */
export function loopbackPortProblem(value: string): string | undefined {
  return /^\d{1,5}$/.test(value.trim()) && Number(value) > 0 && Number(value) < 65536
    ? undefined
    : 'Enter a port number from 1 to 65535.';
}

/** The loopback redirect URI on a fixed port. */
export function loopbackRedirectUri(port: string): string {
  return `http://127.0.0.1:${Number(port)}/callback`;
}

/** Why a typed https redirect URI is refused, or undefined. */
export function httpsRedirectUriProblem(value: string): string | undefined {
  return /^https:\/\/\S+$/.test(value.trim()) ? undefined : 'Enter an https:// URI.';
}
