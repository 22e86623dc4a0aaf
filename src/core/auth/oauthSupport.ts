import { OAUTH_EXCLUSIONS } from '../catalogs/scopeCatalog';
import { serviceInfo } from '../catalogs/scopeLookup';
import type { KnoxService } from '../catalogs/scopeCatalog';
import { KnoxToolError } from '../toolError';

/** A Knox service as the scope catalog names it, plus Knox Attestation, which has no scopes. */
export type OAuthService = KnoxService | 'attestation';

/** Whether a service accepts Knox OAuth 2.0 tokens, and if not, why and what to use. */
export type OAuthAvailability =
  { readonly supported: true } | { readonly supported: false; readonly reason: string };

/**
 * Says whether `service` can be called with a Knox OAuth 2.0 token, from the scope catalog's
 * service data: Knox Guard, Knox Manage (unless called by an MSP) and Knox Attestation cannot.
 */
export function oauthSupportFor(
  service: OAuthService,
  options: { readonly msp?: boolean } = {},
): OAuthAvailability {
  if (service === 'attestation') {
    const reason =
      OAUTH_EXCLUSIONS.find((e) => e.service === undefined && /attestation/i.test(e.name))
        ?.reason ??
      'Knox Attestation does not accept OAuth 2.0 tokens: use a signed Knox Cloud access token.';
    return { supported: false, reason };
  }
  const info = serviceInfo(service);
  if (info.oauth === 'supported' || (info.oauth === 'msp-only' && options.msp === true)) {
    return { supported: true };
  }
  return {
    supported: false,
    reason: info.oauthNote ?? `${info.name} does not accept OAuth 2.0 tokens.`,
  };
}

/** Throws KnoxToolError 'OAUTH_NOT_SUPPORTED' with the reason when `service` cannot use OAuth 2.0. */
export function assertOAuthSupported(
  service: OAuthService,
  options: { readonly msp?: boolean } = {},
): void {
  const support = oauthSupportFor(service, options);
  if (!support.supported) throw new KnoxToolError('OAUTH_NOT_SUPPORTED', support.reason);
}
