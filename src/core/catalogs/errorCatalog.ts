// Samsung's error codes: every row of "Troubleshooting Knox cloud services", the service codes
// of the services' error pages (e.g. https://docs.samsungknox.com/dev/knox-mobile-enrollment/server-integration/error-codes),
// and the OAuth 2.0 errors Knox's authorization server answers with.
// `meaning` is Samsung's description where Samsung gives one; causes and fixes are ours.
import { DOC_URLS } from './docUrls';

/** Which flow an error code belongs to. */
export type ErrorFlow =
  | 'http'
  | 'customer-auth'
  | 'samsung-account-token'
  | 'samsung-account-authorize'
  | 'oauth'
  | 'service';

/** What the extension can do about a code (each maps to a command in the VS Code layer). */
export type ErrorAction =
  | 'renewToken'
  | 'resignJwt'
  | 'openProfile'
  | 'checkClientSecret'
  | 'checkKeyFile'
  | 'checkScopes'
  | 'useKeyFileProfile'
  | 'signIn'
  | 'retryLater';

/** One code of Samsung's (never one of the toolkit's own failure codes). */
export interface ErrorCodeEntry {
  /** As Samsung writes it: '4032251', 'AUT_1806', 'LIC_4103', '429', 'invalid_client'. */
  readonly code: string;
  /**
   * Samsung's name or message: 'ACCESS_TOKEN_EXPIRED', 'Too Many Requests'. Samsung names
   * AUT_, LIC_ and OAuth codes by code only; for those it is a short summary of ours.
   */
  readonly name: string;
  readonly httpStatus?: number;
  readonly meaning: string;
  readonly cause: string;
  readonly fix: string;
  readonly flow: ErrorFlow;
  readonly docUrl: string;
  readonly action?: ErrorAction;
  /** Other spellings of the same code (4012250 for 40122050). */
  readonly aliases?: readonly string[];
  /** Where the code is seen when the troubleshooting page does not list it: 'Knox Guard, KAI'. */
  readonly seenIn?: string;
  /** The services (scope catalog ids: 'kme', 'msp', ...) whose answers this explanation is for. */
  readonly services?: readonly string[];
  /** The same code as other services answer it, each with its own explanation. */
  readonly variants?: readonly ServiceVariant[];
}

/** A code's explanation for the services that use it differently from the entry's own. */
export interface ServiceVariant {
  readonly services: readonly string[];
  readonly seenIn: string;
  readonly meaning: string;
  readonly cause: string;
  readonly fix: string;
  readonly action?: ErrorAction;
}

type Row = Omit<ErrorCodeEntry, 'flow' | 'docUrl'>;

const rows = (flow: ErrorFlow, docUrl: string, list: readonly Row[]): ErrorCodeEntry[] =>
  list.map((row) => ({ ...row, flow, docUrl }));

const SIGN_IN_AGAIN =
  'Sign in with Samsung Account again (signInGate) to get a fresh authorization code, then exchange it at once.';
const CONTACT_SUPPORT =
  'If it persists, contact Knox Support with the errorId from the body and the time of the call.';

const HTTP: readonly Row[] = [
  {
    code: '400',
    name: 'Bad Request',
    httpStatus: 400,
    meaning:
      'The client has issued an invalid request. This code is commonly used to specify validation errors in a request payload.',
    cause:
      'The body, query or headers failed validation: a missing or misspelled field, a string where a number is expected, malformed JSON, or JSON sent without Content-Type: application/json.',
    fix: "Read the response body: Knox usually names the field in `message` or `data`. Compare the request with the endpoint's API reference and send JSON with Content-Type: application/json.",
  },
  {
    code: '401',
    name: 'Unauthorized',
    httpStatus: 401,
    meaning: 'Authorization for the API is required, but the request was not authenticated.',
    cause:
      'No token, or one Knox did not accept: the x-knox-apitoken header (legacy) or Authorization: Bearer (OAuth) is missing or misspelled, the access token was sent unsigned, or it has expired.',
    fix: 'Renew the access token and retry once. If it fails again, check the header: x-knox-apitoken with the signed access token, or Authorization: Bearer <access_token> for OAuth.',
    action: 'renewToken',
  },
  {
    code: '403',
    name: 'Forbidden',
    httpStatus: 403,
    meaning:
      'The request was authenticated but does not have the appropriate permissions, or the requested resource cannot be found.',
    cause:
      "The token is valid but not allowed here: an OAuth token without a scope covering the endpoint, a client identifier without this service's privileges, Knox Manage called by a non-MSP customer, or a resource of another tenant.",
    fix: "Compare the token's scopes with the endpoint's and get a token with the narrowest scope that covers it. Legacy scheme: use the client identifier generated for this service. MSPs acting for a customer send x-wsm-managed-tenantid.",
    action: 'checkScopes',
  },
  {
    code: '404',
    name: 'Not Found',
    httpStatus: 404,
    meaning: 'Specifies that the requested path does not exist.',
    cause:
      'The path does not exist on this host: a typo, the wrong API version (v1 or v2), a host that does not serve the service (E-FOTA, KAI and MSP are on api.samsungknox.com; KME, KDP and Knox Guard on the regional kcs-api hosts), or an unknown id in the path.',
    fix: "Check the method, path and base URL against the service's API reference and the region host it lives on.",
  },
  {
    code: '406',
    name: 'Not Acceptable',
    httpStatus: 406,
    meaning:
      'The client has requested a MIME type via the Accept header for a value not supported by the server.',
    cause:
      'The Accept header asks for a media type Knox does not produce, such as text/html or application/xml.',
    fix: 'Send Accept: application/json, or leave the Accept header out.',
  },
  {
    code: '422',
    name: 'Unprocessable Entity',
    httpStatus: 422,
    meaning:
      'The client has made a valid request, but the server cannot process it. This response is often returned for APIs when certain limits are exceeded.',
    cause:
      'The request is well formed but breaks a limit or a rule: too many items in one bulk call, a duplicate, or a resource whose state does not allow the operation.',
    fix: "Read the body for the limit or rule that was hit; split bulk requests into smaller batches, or change the resource's state first.",
  },
  {
    code: '429',
    name: 'Too Many Requests',
    httpStatus: 429,
    meaning: 'The client has exceeded the number of requests allowed for a given time window.',
    cause:
      'Too many requests in a short time for this tenant or client. Samsung publishes no numeric limits.',
    fix: 'Wait as long as the Retry-After header says, or back off exponentially with jitter. Send fewer calls in parallel and reuse access tokens instead of minting one per request.',
    action: 'retryLater',
  },
  {
    code: '500',
    name: 'Internal Server Error',
    httpStatus: 500,
    meaning: 'An unexpected server error has occurred. These errors should be rare.',
    cause:
      'Knox failed while handling the request, sometimes because of input it does not validate (an unexpected type or size of a field).',
    fix: `Retry later if the operation is safe to repeat. ${CONTACT_SUPPORT}`,
    action: 'retryLater',
  },
  {
    code: '501',
    name: 'Not Implemented',
    httpStatus: 501,
    meaning:
      'The client request was valid and understood by the server, but the requested feature has yet to be implemented. These errors should be rare.',
    cause:
      'The endpoint or method is not available for this region, tenant or API version yet; retrying will not help.',
    fix: "Check the API reference and release notes for the feature's availability, use a supported alternative, or ask Knox Support.",
  },
];

const CUSTOMER_AUTH: readonly Row[] = [
  {
    code: '4000000',
    name: 'RESOURCE_INVALID_PARAM',
    httpStatus: 400,
    meaning: 'Invalid parameter provided.',
    cause:
      'A field is missing, empty, or of the wrong type or format. KME, KC and KDP answer with this code for their own validation failures too; `data` often names the field.',
    fix: 'Read `data` in the body for the field, then check the request against the API reference: required fields, numbers versus strings, enum values and date formats.',
  },
  {
    code: '4002250',
    name: 'API_KEY_NON_UNIQUE_JWTID',
    httpStatus: 400,
    meaning: 'Cannot use the same jwt again. A newly signed jwt needs to be created.',
    cause:
      'A signed JWT (clientIdentifierJwt or the signed access token) was sent a second time: Knox rejects a jti it has already seen. Caching a signed JWT, or retrying with the same one, does this.',
    fix: 'Sign a new JWT, with a new jti, for every request to the accesstoken endpoint; never cache or resend a signed JWT. Re-sign and retry.',
    action: 'resignJwt',
  },
  {
    code: '4002251',
    name: 'ACCESS_TOKEN_TIMEOUT_VALIDITY_RESOURCE_INVALID_PARAM',
    httpStatus: 400,
    meaning:
      'Incorrect parameter type was entered. Ensure that validityForAccessTokenInMinutes parameter is $int32',
    cause:
      'validityForAccessTokenInMinutes was sent as a string ("30"), a decimal or a value out of range; Knox wants a whole number from 1 to 30.',
    fix: 'Send validityForAccessTokenInMinutes as a JSON number from 1 to 30 (30 is the default), or leave it out.',
  },
  {
    code: '4010011',
    name: 'IDP_AUTHORIZATION_FAIL',
    httpStatus: 401,
    meaning: 'Failed to authorize the provided Samsung Account app ID.',
    cause:
      'Partner flow: Knox could not validate the Samsung Account behind the request. The Samsung Account access token signed into the client identifier has expired or was revoked, or the Samsung Account app is not the one registered with Knox for your portal.',
    fix: 'Sign in with Samsung Account again (or use the refresh token), sign the client identifier with the new Samsung Account access token, and check that the Samsung Account client id is the one Knox registered for your integration.',
    action: 'signIn',
  },
  {
    code: '40122050',
    aliases: ['4012250'],
    name: 'ACCESS_TOKEN_BAD_REQUEST',
    httpStatus: 401,
    meaning: 'Jwt improperly created. Check whether jwt was properly signed.',
    cause:
      "Knox could not verify the signed JWT: it was signed with a private key that does not match the public key sent in base64EncodedStringPublicKey, the public key is not keys.json's `Public` value, or the JWT was altered or not signed. Samsung's table writes 40122050; its responses carry 4012250.",
    fix: 'Do not retry: this is a signing error. Check that keys.json is the file downloaded with this client identifier, that you send its `Public` value verbatim, and that you sign with its `Private` key (RS512 or RS256).',
    action: 'checkKeyFile',
  },
  {
    code: '4032251',
    name: 'ACCESS_TOKEN_EXPIRED',
    httpStatus: 403,
    meaning: 'Provided Access token has expired. A new access token needs to be generated',
    cause:
      "The access token is past its validity (validityForAccessTokenInMinutes, at most 30 minutes) or its signed JWT's 30 minutes; a clock running late makes tokens look expired early.",
    fix: 'Request a new access token from the accesstoken endpoint, sign it, and retry the call once. Renew a minute before expiry, and check the system clock if tokens expire early.',
    action: 'renewToken',
  },
  {
    code: '4032252',
    name: 'ACCESS_TOKEN_INVALID',
    httpStatus: 403,
    meaning: 'Provided Access token is invalid for this api.',
    cause:
      "The token does not belong to this API: it was issued with another service's client identifier (a KME token sent to KDP), on another region's host, or the access token was sent unsigned or signed with another keys.json.",
    fix: "Use a token obtained with the client identifier of the service you are calling, on that region's host, signed with the same keys.json. Open the profile to check its client identifier and host.",
    action: 'openProfile',
  },
  {
    code: '4040000',
    name: 'RESOURCE_NOT_FOUND',
    httpStatus: 404,
    meaning: 'Resource not found.',
    cause:
      'The id in the path or body (profile, device, customer, alias) does not exist in this tenant, was deleted, or lives in another region.',
    fix: 'List the resources to check the id; check the region host, and for MSPs the x-wsm-managed-tenantid header.',
  },
  {
    code: '4042251',
    name: 'API_KEY_RESTRICTION_NOT_FOUND',
    httpStatus: 404,
    meaning: 'The IP address or http referer are empty.',
    cause:
      'Your API access is restricted by IP address or HTTP referer, and the request carried neither in a form Knox could check, for example behind a proxy that drops them.',
    fix: 'Call from an allowed IP address or with the allowed Referer header, or review the restrictions of your API access in the Knox Cloud API portal.',
  },
  {
    code: '4042252',
    name: 'API_KEY_RESTRICTION_INVALID',
    httpStatus: 404,
    meaning: 'The IP address or http referer are invalid.',
    cause:
      'The request came from an IP address, or with a Referer, that the restrictions of your API access do not allow (a new egress IP, a NAT, a cloud function).',
    fix: 'Call from an allowed address, or add the new address or referer to the restrictions in the Knox Cloud API portal.',
  },
];

const TOKEN_BODY =
  'The Samsung Account token request body (client_id, client_secret, grant_type, code, redirect_uri)';

const SAMSUNG_ACCOUNT_TOKEN: readonly Row[] = [
  {
    code: 'AUT_1001',
    name: 'client_id missing',
    httpStatus: 400,
    meaning:
      'The value of the client_id parameter was not present or had an empty value. Ensure your request body includes a valid client_id parameter and retry your request.',
    cause: `${TOKEN_BODY} has no client_id, or an empty one: a misspelled field, or a body sent with a Content-Type the endpoint does not read.`,
    fix: 'Send client_id with your Samsung Account client id in the token request body.',
    action: 'openProfile',
  },
  {
    code: 'AUT_1002',
    name: 'client_secret missing',
    httpStatus: 400,
    meaning:
      'The value of the client_secret parameter was not present or had an empty value. Ensure your request body includes a valid client_secret parameter and retry your request.',
    cause: `${TOKEN_BODY} has no client_secret, or an empty one, often because the secret was never stored or could not be read.`,
    fix: 'Send client_secret with your Samsung Account client secret; store it again if it is missing.',
    action: 'checkClientSecret',
  },
  {
    code: 'AUT_1006',
    name: 'code missing',
    httpStatus: 400,
    meaning:
      'The value of the code parameter was not present or had an empty value. Ensure your request body includes a valid code parameter and retry your request.',
    cause:
      'The token request has no authorization code: the code was not taken from the redirect_uri query after signInGate, or the sign-in was cancelled.',
    fix: `${SIGN_IN_AGAIN} Send it as code.`,
    action: 'signIn',
  },
  {
    code: 'AUT_1008',
    name: 'grant_type missing',
    httpStatus: 400,
    meaning:
      'The value of grant_type parameter was not present or had an empty value. Ensure your request body includes a valid grant_type parameter and retry your request.',
    cause: `${TOKEN_BODY} has no grant_type, or an empty one.`,
    fix: 'Send grant_type=authorization_code to exchange a code, or refresh_token to refresh.',
  },
  {
    code: 'AUT_1010',
    name: 'client_id length invalid',
    httpStatus: 400,
    meaning:
      "The length of the client_id parameter is invalid. Double check that you've included your full client_id in your request body and retry your request.",
    cause:
      'The client_id is truncated or has extra characters, typically from copying it partly, or with surrounding spaces or quotes.',
    fix: 'Copy the full Samsung Account client id again and send it without spaces or quotes.',
    action: 'openProfile',
  },
  {
    code: 'AUT_1011',
    name: 'client_secret length invalid',
    httpStatus: 400,
    meaning:
      "The length of the client_secret parameter is invalid. Double check that you've included your full client_secret in your request body and retry your request.",
    cause:
      'The client_secret is truncated or has extra characters, typically from copying it partly, or with surrounding spaces or quotes.',
    fix: 'Copy the full Samsung Account client secret again and store it without spaces or quotes.',
    action: 'checkClientSecret',
  },
  {
    code: 'AUT_1015',
    name: 'code length invalid',
    httpStatus: 400,
    meaning:
      "The length of the code parameter is invalid. Double check that you've included your full authorization code in your request body and retry your request.",
    cause:
      'The authorization code was cut short or padded: taken from the redirect URL without URL-decoding it, or cut at a special character.',
    fix: `Take the whole code query parameter from the redirect, URL-decoded. ${SIGN_IN_AGAIN}`,
    action: 'signIn',
  },
  {
    code: 'AUT_1017',
    name: 'grant_type length invalid',
    httpStatus: 400,
    meaning:
      "The length of the grant_type parameter is invalid. Double check that you've included your full grant_type in your request body and retry your request.",
    cause: 'The grant_type value is misspelled, truncated, or has extra spaces.',
    fix: 'Send exactly authorization_code (or refresh_token when refreshing).',
  },
  {
    code: 'AUT_1022',
    name: 'redirect_uri pattern invalid',
    httpStatus: 400,
    meaning:
      'The pattern of the redirect_uri parameter is invalid. Ensure your redirect_uri is registered with Samsung Account and exhibits proper URL encoding, then retry your request.',
    cause:
      'The redirect_uri is not a well-formed, URL-encoded URI, or does not match the one registered for the Samsung Account client.',
    fix: 'Send the redirect_uri registered with Samsung Account, URL-encoded, and identical to the one used with signInGate.',
  },
  {
    code: 'AUT_1024',
    name: 'client_id pattern invalid',
    httpStatus: 400,
    meaning:
      "The pattern of the client_id parameter is invalid. Double check that you've included your full client_id in your request body and retry your request.",
    cause:
      'The client_id contains characters a Samsung Account client id cannot have: spaces, quotes, a line break, or another value pasted in its place.',
    fix: 'Copy the Samsung Account client id again and send it as is.',
    action: 'openProfile',
  },
  {
    code: 'AUT_1045',
    name: 'redirect_uri length invalid',
    httpStatus: 400,
    meaning:
      "The length of a redirect_uri parameter is invalid. Double check that you've included your, full Samsung Account-registered and URL-encoded redirect_uri in the request body, then retry your request.",
    cause: 'The redirect_uri is empty, truncated, or longer than Samsung Account allows.',
    fix: 'Send the full registered redirect_uri, URL-encoded, exactly as used with signInGate.',
  },
  {
    code: 'AUT_1702',
    name: 'client_secret incorrect',
    httpStatus: 400,
    meaning:
      "The value of the client_secret parameter is incorrect. Ensure you've included your full Samsung Account client_secret in your request body, then retry your request.",
    cause:
      'The client_secret does not belong to the client_id: a secret of another client, an old secret after it was regenerated, or a secret of the wrong environment.',
    fix: 'Store the current Samsung Account client secret of this client id again, then retry.',
    action: 'checkClientSecret',
  },
  {
    code: 'AUT_1785',
    name: 'client_id not authenticated',
    httpStatus: 400,
    // Samsung's page has a stray "clientIdentifierJwt" where "please" belongs.
    meaning:
      "Unauthenticated client_id can't be issued access_token. Ensure the value of your Samsung Account client_id in the request body does not include any errors. If your client_id looks correct, but you still receive this error, please contact Knox Support.",
    cause:
      'Samsung Account does not recognise the client_id as an authenticated client: a typo, a client that is not registered or approved for Knox integration, or one that was disabled.',
    fix: 'Check the client id character by character; if it is right, ask Knox Support to check its registration.',
    action: 'openProfile',
  },
  {
    code: 'AUT_1802',
    name: 'code incorrect',
    httpStatus: 400,
    meaning:
      'The value of the code parameter is incorrect. Ensure the value of the authorization code in the request body does not include any errors. If your code looks correct, but you still receive this error, please contact Knox Support.',
    cause:
      'The authorization code is not valid: already exchanged once, expired (codes are short-lived), altered, or issued to another client id or redirect_uri.',
    fix: `Use each code once, straight after the redirect. ${SIGN_IN_AGAIN}`,
    action: 'signIn',
  },
  {
    code: 'AUT_1806',
    name: 'client_id does not match code',
    httpStatus: 400,
    meaning:
      "The value of the client_id parameter for code and access_token does not match. Ensure that you're sending the same Samsung Account client id used to call signInGate in the token request body.",
    cause:
      'The code was issued by signInGate for one client id and the token request sends another, for example when two profiles or environments are mixed.',
    fix: 'Send the same Samsung Account client id to signInGate and to the token endpoint; check which profile made the sign-in.',
    action: 'openProfile',
  },
];

const SAMSUNG_ACCOUNT_AUTHORIZE: readonly Row[] = [
  {
    code: 'LIC_4101',
    name: 'Invalid header or authToken',
    httpStatus: 400,
    meaning:
      'Invalid request header or authToken. Ensure your request header includes all required values and that the authToken in your request body is correct, then retry your request.',
    cause:
      'A required header, such as x-osp-appId, is missing or empty, or the authToken in the body is malformed.',
    fix: 'Send x-osp-appId with your Samsung Account client id and the authToken exactly as the token endpoint returned it.',
  },
  {
    code: 'LIC_4102',
    name: 'authToken not found',
    httpStatus: 400,
    meaning:
      'The authToken value was not found. Ensure your request body includes the correct authToken, then retry your request.',
    cause:
      'Samsung Account does not know the authToken: it expired, was revoked by a sign-out, or was altered.',
    fix: `Send the current token. ${SIGN_IN_AGAIN}`,
    action: 'signIn',
  },
  {
    code: 'LIC_4103',
    name: 'x-osp-appId does not match authToken',
    httpStatus: 400,
    meaning:
      'x-osp-appId was not equal to the client_id of authToken. Ensure your request uses the same Samsung Account client id used when retrieving the authToken in question from the token endpoint.',
    cause:
      'The x-osp-appId header carries a client id other than the one the authToken was issued to, for example from another profile or environment.',
    fix: 'Set x-osp-appId to the Samsung Account client id that obtained the token; check the profile.',
    action: 'openProfile',
  },
  {
    code: 'LIC_5101',
    name: 'Unknown or internal error',
    httpStatus: 500,
    meaning:
      'Unknown or internal error. The request is likely valid, but may need to be sent again.',
    cause:
      'Samsung Account failed on its side, or a service behind it was briefly unavailable; the request itself is likely fine.',
    fix: `Send the request again after a short wait. ${CONTACT_SUPPORT}`,
    action: 'retryLater',
  },
];

const SERVICE: readonly Row[] = [
  {
    code: '40300000',
    name: 'AUTHORIZATION_FAIL',
    httpStatus: 403,
    meaning: 'Authorization failed: the caller may not perform this operation.',
    cause:
      "The token is valid but lacks the right: an OAuth token without a scope covering the endpoint, a client identifier without this service's privileges, or a resource of another tenant.",
    fix: "Compare the token's scopes, or the client identifier's privileges, with what the endpoint needs, and get a token that covers it.",
    action: 'checkScopes',
    seenIn: 'Knox cloud services (KME and others)',
    services: ['kme', 'kc', 'kdp', 'ke', 'km'],
  },
  {
    code: '4010000',
    name: 'AUTHORIZATION_FAIL',
    httpStatus: 401,
    meaning: 'Authorization failed: the request carried no token Knox accepts.',
    cause:
      'Knox Guard or KAI rejected the token: missing, expired, unsigned, or of the wrong scheme (Knox Guard does not accept OAuth tokens).',
    fix: 'Renew the access token and retry once; for Knox Guard use the signed x-knox-apitoken of the legacy scheme.',
    action: 'renewToken',
    seenIn: 'Knox Guard, Knox Asset Intelligence',
    services: ['kg', 'kai'],
  },
  {
    code: '4030000',
    name: 'AUTHORIZATION_FAIL',
    httpStatus: 403,
    meaning: 'Authorization failed for the Knox MSP Portal operation.',
    cause:
      'The token lacks an msp scope covering the endpoint, the caller is not an MSP partner, or the managed customer in x-wsm-managed-tenantid is not linked to this MSP.',
    fix: 'Get a token with msp, msp.customers or msp.profiles as the endpoint needs, and check the managed tenant id.',
    action: 'checkScopes',
    seenIn: 'Knox MSP Portal',
    services: ['msp'],
    variants: [
      {
        services: ['kme', 'kc', 'kdp', 'ke', 'km', 'kg', 'kai'],
        seenIn: 'Knox Mobile Enrollment and the other services',
        meaning: 'Authorization failed: the caller may not perform this operation of the service.',
        cause:
          "The token lacks a scope covering the endpoint, or the client identifier is another service's.",
        fix: 'Get a token whose scopes, or client identifier, cover the endpoint.',
        action: 'checkScopes',
      },
    ],
  },
  {
    code: '4040300',
    name: 'DEVICE_NOT_FOUND',
    httpStatus: 404,
    meaning: 'The device is not found.',
    cause:
      'No device with that IMEI or serial number is in this tenant: not uploaded yet by the reseller, uploaded to another tenant or region, deleted, or a typo.',
    fix: 'List the devices to check the identifier; ask the reseller to upload the device if it is missing.',
    seenIn: 'Knox Mobile Enrollment',
  },
  {
    code: '5000000',
    name: 'INTERNAL_SERVER_ERROR',
    httpStatus: 500,
    meaning: 'An internal server error occurred.',
    cause:
      'Knox Mobile Enrollment failed while handling the request, sometimes because of input it does not validate.',
    fix: `Retry later if the operation is safe to repeat. ${CONTACT_SUPPORT}`,
    action: 'retryLater',
    seenIn: 'Knox Mobile Enrollment',
  },
];

const OAUTH_TOKEN: readonly Row[] = [
  {
    code: 'invalid_request',
    name: 'Malformed token request',
    httpStatus: 400,
    meaning:
      'The token request is missing a required parameter, repeats one, or is otherwise malformed.',
    cause:
      'The body is not form-encoded (application/x-www-form-urlencoded), or grant_type, client_id or client_secret is missing.',
    fix: 'POST a form-encoded body with grant_type=client_credentials, client_id, client_secret and a space-separated scope.',
  },
  {
    code: 'invalid_client',
    name: 'Client authentication failed',
    httpStatus: 401,
    meaning: 'Client authentication failed: unknown client, wrong secret, or unsupported method.',
    cause:
      'The client id or secret of the Cloud App is wrong: a typo, a secret regenerated in the Knox Developer Portal, or credentials of another app.',
    fix: 'Copy the client id and secret again from Cloud Apps in the Knox Developer Portal and store the secret again.',
    action: 'checkClientSecret',
  },
  {
    code: 'invalid_grant',
    name: 'Grant invalid or expired',
    httpStatus: 400,
    meaning:
      'The authorization code or refresh token is invalid, expired, revoked, or was issued to another client or redirect URI.',
    cause:
      'A refresh token already replaced by a newer one (each refresh returns a new one), an authorization code used twice, or a PKCE code_verifier that does not match.',
    fix: 'Sign in again to get a new authorization code; always keep the newest refresh token.',
    action: 'signIn',
  },
  {
    code: 'unauthorized_client',
    name: 'Grant type not allowed for client',
    httpStatus: 400,
    meaning: 'The client is not authorized to use this grant type.',
    cause:
      'The Cloud App is not set up for the grant type sent (client_credentials versus authorization_code).',
    fix: 'Use the grant type the Cloud App was created for, or change its settings in the Knox Developer Portal.',
  },
  {
    code: 'unsupported_grant_type',
    name: 'Grant type not supported',
    httpStatus: 400,
    meaning: 'The authorization server does not support this grant type.',
    cause: 'grant_type is misspelled or not one Knox supports.',
    fix: 'Send grant_type=client_credentials, authorization_code or refresh_token.',
  },
  {
    code: 'invalid_scope',
    name: 'Scope invalid',
    httpStatus: 400,
    meaning:
      'A requested scope is invalid, unknown, malformed, or exceeds what the client was granted.',
    cause:
      'A misspelled scope, a scope not enabled for the Cloud App, scopes separated by commas instead of spaces, or a service without OAuth (Knox Guard).',
    fix: "Request only scopes granted to your Cloud App, spelled as in Samsung's scopes list and separated by spaces.",
    action: 'checkScopes',
  },
];

const OAUTH_BEARER: readonly Row[] = [
  {
    code: 'invalid_token',
    name: 'Access token invalid',
    httpStatus: 401,
    meaning: 'The access token is expired, revoked, malformed, or invalid.',
    cause:
      'The OAuth access token has expired (about 10 minutes by default, 60 at most), was revoked, or was cut when copied.',
    fix: 'Request a new access token and retry once.',
    action: 'renewToken',
  },
  {
    code: 'insufficient_scope',
    name: 'Scope insufficient',
    httpStatus: 403,
    meaning: 'The request requires higher privileges than the access token provides.',
    cause: 'The access token was issued without a scope that covers this endpoint.',
    fix: "Request a token that includes the endpoint's narrowest scope.",
    action: 'checkScopes',
  },
];

/** Every known code, in the troubleshooting page's order, then service and OAuth codes. */
export const ERROR_CATALOG: readonly ErrorCodeEntry[] = [
  ...rows('http', DOC_URLS.troubleshooting, HTTP),
  ...rows('customer-auth', DOC_URLS.troubleshooting, CUSTOMER_AUTH),
  ...rows('samsung-account-token', DOC_URLS.troubleshooting, SAMSUNG_ACCOUNT_TOKEN),
  ...rows('samsung-account-authorize', DOC_URLS.troubleshooting, SAMSUNG_ACCOUNT_AUTHORIZE),
  ...rows('service', DOC_URLS.troubleshooting, SERVICE),
  ...rows('oauth', DOC_URLS.oauthTokenErrors, OAUTH_TOKEN),
  ...rows('oauth', DOC_URLS.bearerTokenErrors, OAUTH_BEARER),
];
