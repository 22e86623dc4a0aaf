/** The pages the catalogs point to, kept in one place so a moved page is one edit. */
export const DOC_URLS = {
  /** Samsung's "Troubleshooting Knox cloud services" page: HTTP, customer, AUT_ and LIC_ codes. */
  troubleshooting: 'https://docs.samsungknox.com/dev/knox-cloud-services/troubleshooting/',
  /** OAuth 2.0 token endpoint errors (RFC 6749 section 5.2). */
  oauthTokenErrors: 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2',
  /** Bearer token errors of a protected API (RFC 6750 section 3.1). */
  bearerTokenErrors: 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1',
} as const;
