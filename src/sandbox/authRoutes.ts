import { KNOX_ERRORS, knoxError } from './errors';
import type { SandboxRequest, SandboxResponse } from './sandboxRequest';
import { isRecord, jsonResponse, readJson } from './sandboxRequest';
import { verifyKnoxJwt } from './jwtVerify';
import type { ClientRegistration, KcsAuthority } from './kcsAuthority';
import type { SamsungAccountStore } from './samsungAccountStore';

/** Access token validity limits in minutes (customer-access-token.txt step 8). */
export const MIN_VALIDITY_MINUTES = 1;
export const MAX_VALIDITY_MINUTES = 30;
/** How long a session token of the customer/partner flow lives (Samsung documents no value). */
export const SESSION_TOKEN_MINUTES = 60;

export interface AuthDeps {
  readonly authority: KcsAuthority;
  readonly samsungAccount: SamsungAccountStore;
  readonly now: () => number;
}

type Body = Readonly<Record<string, unknown>>;

const ROUTES: Readonly<Record<string, (body: Body, deps: AuthDeps) => SandboxResponse>> = {
  '/ams/v1/users/accesstoken': accessToken,
  '/ams/v1/users/customer/sessiontoken': sessionToken,
  '/ams/v1/users/customer/accesstoken': customerAccessToken,
};

/** True for the legacy Knox Cloud Authentication paths. */
export function isAuthPath(path: string): boolean {
  return path.startsWith('/ams/v1/users/');
}

/** Serves Knox Cloud Authentication: access tokens, and session tokens for the EMM/partner flow. */
export function handleAuth(req: SandboxRequest, deps: AuthDeps): SandboxResponse {
  const handler = ROUTES[req.path.replace(/\/$/, '')];
  if (!handler)
    return knoxError(undefined, KNOX_ERRORS.RESOURCE_NOT_FOUND, `No endpoint at ${req.path}.`);
  if (req.method !== 'POST') {
    return knoxError(undefined, KNOX_ERRORS.METHOD_NOT_ALLOWED, `${req.path} takes POST.`, {
      allow: 'POST',
    });
  }
  const parsed = readJson(req);
  if (!parsed.ok) return invalidParam(parsed.problem);
  if (!isRecord(parsed.value)) return invalidParam('The request body must be a JSON object.');
  return handler(parsed.value, deps);
}

function invalidParam(detail: string): SandboxResponse {
  return knoxError(undefined, KNOX_ERRORS.RESOURCE_INVALID_PARAM, detail);
}

function badJwt(detail: string): SandboxResponse {
  return knoxError(undefined, KNOX_ERRORS.ACCESS_TOKEN_BAD_REQUEST, detail);
}

function requireString(body: Body, name: string): string | SandboxResponse {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') {
    return invalidParam(`${name} is required and must be a non-empty string.`);
  }
  return value;
}

function validity(body: Body): number | SandboxResponse {
  const value = body['validityForAccessTokenInMinutes'];
  if (value === undefined || value === null) return MAX_VALIDITY_MINUTES;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < MIN_VALIDITY_MINUTES ||
    value > MAX_VALIDITY_MINUTES
  ) {
    return knoxError(
      undefined,
      KNOX_ERRORS.ACCESS_TOKEN_TIMEOUT_VALIDITY,
      `validityForAccessTokenInMinutes must be an int32 from ${MIN_VALIDITY_MINUTES} to ${MAX_VALIDITY_MINUTES}; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

interface CheckedJwt {
  readonly publicKeyBase64: string;
  readonly subject: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * The checks every signed JWT posted to Knox Cloud Authentication goes through: a valid
 * signature by the posted public key, `publicKey` claim equal to it, the flow's claim, and a
 * jti never seen before.
 */
function checkSignedJwt(
  body: Body,
  field: string,
  claim: string,
  deps: AuthDeps,
): CheckedJwt | SandboxResponse {
  const publicKeyBase64 = requireString(body, 'base64EncodedStringPublicKey');
  if (typeof publicKeyBase64 !== 'string') return publicKeyBase64;
  const jwt = requireString(body, field);
  if (typeof jwt !== 'string') return jwt;
  const key = deps.authority.publicKey(publicKeyBase64);
  if (!key) {
    return invalidParam(
      'base64EncodedStringPublicKey is not the standard base64 of an RSA X.509 SubjectPublicKeyInfo (keys.json "Public").',
    );
  }
  const nowSeconds = Math.floor(deps.now() / 1000);
  const verified = verifyKnoxJwt(jwt, key, nowSeconds);
  if (!verified.ok) return badJwt(`${field}: ${verified.problem}`);
  const { claims } = verified.jwt;
  if (claims['publicKey'] !== publicKeyBase64) {
    return badJwt(
      `${field}: its "publicKey" claim is not the base64EncodedStringPublicKey sent with it.`,
    );
  }
  const subject = claims[claim];
  if (typeof subject !== 'string' || subject === '')
    return badJwt(`${field}: it has no "${claim}" claim.`);
  const jti = claims['jti'];
  if (typeof jti !== 'string' || jti === '') return badJwt(`${field}: it has no "jti" claim.`);
  if (!deps.authority.claimJti(jti, Number(claims['exp']))) {
    return knoxError(
      undefined,
      KNOX_ERRORS.API_KEY_NON_UNIQUE_JWTID,
      `${field}: jti ${jti} was used before. Sign a new JWT for every request.`,
    );
  }
  return { publicKeyBase64, subject, claims };
}

/** Checks the partner variant's `delegatedSAToken` claim; undefined when absent or valid. */
function checkDelegation(
  claims: Readonly<Record<string, unknown>>,
  deps: AuthDeps,
): SandboxResponse | undefined {
  const token = claims['delegatedSAToken'];
  if (token === undefined) return undefined;
  const status = typeof token === 'string' ? deps.samsungAccount.tokenStatus(token) : 'unknown';
  if (status === 'valid') return undefined;
  return knoxError(
    undefined,
    KNOX_ERRORS.IDP_AUTHORIZATION_FAIL,
    `The Samsung Account access token in delegatedSAToken is ${status}. Sign the user in again.`,
  );
}

function registeredSubject(
  checked: CheckedJwt,
  deps: AuthDeps,
): ClientRegistration | SandboxResponse {
  const registration = deps.authority.registration(checked.subject);
  if (!registration) {
    return badJwt(
      'clientIdentifier is not a client identifier issued by this Knox Cloud (the sandbox).',
    );
  }
  if (registration.publicKeyBase64 !== checked.publicKeyBase64) {
    return badJwt(
      'clientIdentifier is registered for another public key. Sign with the keys.json it belongs to.',
    );
  }
  return registration;
}

function accessToken(body: Body, deps: AuthDeps): SandboxResponse {
  const minutes = validity(body);
  if (typeof minutes !== 'number') return minutes;
  const checked = checkSignedJwt(body, 'clientIdentifierJwt', 'clientIdentifier', deps);
  if ('status' in checked) return checked;
  const registration = registeredSubject(checked, deps);
  if ('status' in registration) return registration;
  const delegation = checkDelegation(checked.claims, deps);
  if (delegation) return delegation;
  const token = deps.authority.issueAccessToken(
    { service: registration.service, publicKeyBase64: checked.publicKeyBase64 },
    minutes,
  );
  return jsonResponse(200, { accessToken: token });
}

function sessionToken(body: Body, deps: AuthDeps): SandboxResponse {
  const checked = checkSignedJwt(body, 'clientIdentifierJwt', 'clientIdentifier', deps);
  if ('status' in checked) return checked;
  const registration = registeredSubject(checked, deps);
  if ('status' in registration) return registration;
  const delegation = checkDelegation(checked.claims, deps);
  if (delegation) return delegation;
  const delegated = checked.claims['delegatedSAToken'];
  const token = deps.authority.issueSession(
    {
      service: registration.service,
      publicKeyBase64: checked.publicKeyBase64,
      ...(typeof delegated === 'string' ? { samsungAccountToken: delegated } : {}),
    },
    SESSION_TOKEN_MINUTES,
  );
  return jsonResponse(200, { sessionToken: token });
}

function customerAccessToken(body: Body, deps: AuthDeps): SandboxResponse {
  const minutes = validity(body);
  if (typeof minutes !== 'number') return minutes;
  const checked = checkSignedJwt(body, 'sessionTokenJwt', 'sessionToken', deps);
  if ('status' in checked) return checked;
  const session = deps.authority.session(checked.subject);
  if (!session) {
    return knoxError(
      undefined,
      KNOX_ERRORS.ACCESS_TOKEN_INVALID,
      'The session token is unknown to this Knox Cloud.',
    );
  }
  if (session.publicKeyBase64 !== checked.publicKeyBase64) {
    return badJwt('The session token was issued to another public key.');
  }
  if (session.expiresAt <= deps.now()) {
    return knoxError(
      undefined,
      KNOX_ERRORS.ACCESS_TOKEN_EXPIRED,
      'The session token has expired. Request a new one.',
    );
  }
  if (session.samsungAccountToken !== undefined) {
    const status = deps.samsungAccount.tokenStatus(session.samsungAccountToken);
    if (status !== 'valid') {
      return knoxError(
        undefined,
        KNOX_ERRORS.IDP_AUTHORIZATION_FAIL,
        `The Samsung Account token behind this session is ${status}. Sign the user in again.`,
      );
    }
  }
  const token = deps.authority.issueAccessToken(
    { service: session.service, publicKeyBase64: checked.publicKeyBase64 },
    minutes,
  );
  return jsonResponse(200, { accessToken: token });
}
