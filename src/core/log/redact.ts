import { isSecretFieldName, isSecretHeaderName } from './secretNames';

const MASK = '[REDACTED]';

const isSecretName = isSecretFieldName;
// In free text "name: value" may be a header or prose ("validityForAccessTokenInMinutes: 30"):
// the wider header rule applies only to hyphenated names, as real header names are.
const isHeaderInText = (name: string): boolean =>
  isSecretFieldName(name) || (name.includes('-') && isSecretHeaderName(name));
const normalise = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

// OAuth authorization codes travel as `code`, the same name as Knox's error codes. A value that
// looks like an error code (digits, AUT_1806, ACCESS_TOKEN_EXPIRED, invalid_client) is kept.
function isAuthCode(name: string, value: string): boolean {
  return (
    normalise(name) === 'code' &&
    value.length >= 6 &&
    !/^\d+$/.test(value) &&
    !/^[A-Z][A-Z0-9_]*$/.test(value) &&
    !/^[a-z]+(?:_[a-z]+)*$/.test(value)
  );
}

const isSecretPair = (name: string, value: string, jwk = false): boolean =>
  value !== '' &&
  value !== MASK &&
  (isSecretName(name) || isAuthCode(name, value) || (jwk && JWK_PRIVATE.has(name)));

// Headers as data: {"name":"x-knox-apitoken","value":"..."} (also printed by util.inspect) and
// ["x-knox-apitoken","..."] (Headers entries).
const NAME_VALUE_OBJECT =
  /((["']?)name\2\s*:\s*(["'])([A-Za-z0-9_-]+)\3\s*,\s*(["']?)value\5\s*:\s*(["']))((?:(?!\6)[^\\]|\\.)*)\6/g;
const NAME_VALUE_TUPLE = /(\[\s*(["'])([A-Za-z0-9_-]+)\2\s*,\s*(["']))((?:(?!\4)[^\\]|\\.)*)\4/g;
// <accessToken>...</accessToken>, with or without a namespace prefix and attributes.
const XML_ELEMENT = /(<((?:[\w.-]+:)?([A-Za-z_][\w.-]*))(?:\s[^<>]*)?>)([^<]+)(<\/\2>)/g;
// PEM blocks: keys and certificates, armour and all.
const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
// "name": "value", 'name': 'value', name: 'value' (JSON, printed objects); ':' or '='.
const QUOTED_PAIR =
  /(?<![A-Za-z0-9_-])(["']?)([A-Za-z0-9_-]+)\1(\s*[:=]\s*)(["'])((?:(?!\4)[^\\]|\\.)*)\4/g;
// \"name\":\"value\": JSON inside a JSON string, also escaped twice or more (\\\"name\\\").
// A run of backslashes is entered only at its first one, and a value stops at any '"', so the
// scan stays linear; the closing quote is left for the next pair (a value that opens JSON).
const ESCAPED_PAIR =
  /((?<!\\)\\+"([A-Za-z0-9_-]+)\\+"\s*:\s*\\+")((?:[^\\"\r\n]|\\+[^\\"\r\n])*)(?=\\+")/g;
// curl -u id:secret, --user id:secret, --user=id:secret: the whole id:secret goes (a value
// without ':' is no credential: `sort -u file`).
const CURL_USER = /(^|[\s;|&(])(-u|--user)(\s+|=)("[^"\r\n]*"|'[^'\r\n]*'|[^\s"']\S*)/g;
// A JWK's private members (RSA d, p, q, dp, dq, qi; EC and OKP d; oct k), secret only in a JWK.
const JWK_PRIVATE: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']);
const JWK_MARK = /(?<![A-Za-z0-9_-])kty(?![A-Za-z0-9_-])/;
// "name: value" as a whole quoted string: curl -H "x-knox-apitoken: ...".
const QUOTED_HEADER = /(["'])(\s*([A-Za-z0-9_-]+)\s*:\s*)([^"'\r\n]+)\1/g;
// name: value at the start of a line: raw HTTP headers. The whole rest of the line goes.
const HEADER_LINE = /^([ \t]*([A-Za-z0-9_-]+)[ \t]*:[ \t]*)([^\r\n]+)/gm;
// name=value and name: value inside a line: forms, queries, log lines ("https://" is no pair).
const INLINE_PAIR =
  /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]+)(\s*(?:=|:(?!\/\/))\s*)((?:Bearer|Basic)\s+)?([^\s&"',;}<>:=]+)/gi;
const VALUE_END = /[\s&"',;}<>]/;
const RUN_END = /[\s&]/;
const CLOSERS = /["',;:}\])>]/;
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/=-]{8,})/gi;
// https://user:password@host
const URL_PASSWORD = /(\/\/[^/\s:@]+:)([^@\s/]+)@/g;
// DER keys in base64, also wrapped over lines ("MII" starts every RSA SPKI and PKCS#8/#1 key).
const DER_BASE64 = /\bMII[A-Za-z0-9+/]{20,}(?:={0,2}(?:\r?\n[A-Za-z0-9+/]{4,}={0,2})*)/g;

/**
 * Removes every credential from `text`: tokens, JWTs, keys, client secrets, authorization codes,
 * the values of `x-knox-apitoken` and `Authorization`, URL passwords, and any value in `known`
 * (secrets the caller holds, even short opaque ones). Every log line and shown request goes through it.
 */
export function redact(text: string, known: Iterable<string> = []): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  const values = [...known].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  for (const value of values) out = out.split(value).join(MASK);

  out = out.replace(PEM, MASK);
  // A text holding a JWK ("kty") has its private members masked wherever they appear.
  const jwk = JWK_MARK.test(out);
  const maskHeaderData = (all: string, head: string, name: string, value: string): string =>
    isSecretHeaderName(name) && value !== '' && value !== MASK
      ? `${head}${MASK}${all.slice(-1)}`
      : all;
  out = out.replace(
    NAME_VALUE_OBJECT,
    (
      all,
      head: string,
      _q: string,
      _nq: string,
      name: string,
      _k: string,
      _vq: string,
      value: string,
    ) => maskHeaderData(all, head, name, value),
  );
  out = out.replace(
    XML_ELEMENT,
    (all, open: string, _tag: string, name: string, value: string, close: string) =>
      isSecretFieldName(name) && value.trim() !== MASK ? `${open}${MASK}${close}` : all,
  );
  out = out.replace(
    NAME_VALUE_TUPLE,
    (all, head: string, _q: string, name: string, _vq: string, value: string) =>
      maskHeaderData(all, head, name, value),
  );
  out = out.replace(
    QUOTED_PAIR,
    (all, q: string, name: string, sep: string, vq: string, value: string) =>
      isSecretPair(name, value, jwk) ? `${q}${name}${q}${sep}${vq}${MASK}${vq}` : all,
  );
  out = out.replace(ESCAPED_PAIR, (all, head: string, name: string, value: string) =>
    isSecretPair(name, value, jwk) ? `${head}${MASK}` : all,
  );
  out = out.replace(CURL_USER, (all, before: string, option: string, gap: string, value: string) =>
    value.includes(':') && !value.includes(MASK) ? `${before}${option}${gap}${MASK}` : all,
  );
  out = out.replace(QUOTED_HEADER, (all, q: string, head: string, name: string, value: string) =>
    isHeaderInText(name) && value.trim() !== MASK ? `${q}${head}${MASK}${q}` : all,
  );
  out = out.replace(HEADER_LINE, (all, head: string, name: string, value: string) =>
    isHeaderInText(name) && !/^["']?\[REDACTED\]["']?$/.test(value.trim()) ? `${head}${MASK}` : all,
  );
  out = maskInlinePairs(out);
  out = out.replace(AUTH_SCHEME, (all, scheme: string, gap: string, value: string) =>
    // A credential has a digit or is long; "Bearer authentication" is prose.
    value !== MASK && (/\d/.test(value) || value.length >= 20) ? `${scheme}${gap}${MASK}` : all,
  );
  out = out.replace(URL_PASSWORD, (_all, head: string) => `${head}${MASK}@`);
  out = maskJwts(out);
  out = out.replace(DER_BASE64, MASK);
  return out;
}

// JWTs and JWT-like strings (the portal's client identifiers are HS512 JWTs): eyJ, a run of
// base64url of 4 or more, '.', another such run, and optionally '.' and a third. No word
// boundary: a JWT glued to other text ("xeyJ...") is still one. A scan, not a regular
// expression: on a run of "eyJeyJ..." the expression backtracks from every "eyJ" to the end.
function maskJwts(text: string): string {
  let out = '';
  let done = 0;
  for (let start = text.indexOf('eyJ'); start >= 0; start = text.indexOf('eyJ', start)) {
    const first = base64urlRun(text, start + 3);
    if (first - (start + 3) < 4 || text[first] !== '.') {
      // No eyJ inside this run can start a JWT either: it would end at the same place.
      start = Math.max(first, start + 3);
      continue;
    }
    const second = base64urlRun(text, first + 1);
    if (second - (first + 1) < 4) {
      start += 3;
      continue;
    }
    const end = text[second] === '.' ? base64urlRun(text, second + 1) : second;
    out += text.slice(done, start) + MASK;
    done = end;
    start = end;
  }
  return out + text.slice(done);
}

function base64urlRun(text: string, from: number): number {
  let end = from;
  while (end < text.length && isBase64url(text.charCodeAt(end))) end++;
  return end;
}

function isBase64url(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 45 ||
    code === 95
  );
}

// A pair that is not secret may hold one in its value ("note: token=abc"), so the scan resumes
// at the value instead of after it. Values stop at ':' and '=' to keep the scan linear; a secret
// value is then masked on to the end of its run (base64 padding, "id:secret").
function maskInlinePairs(text: string): string {
  const pattern = new RegExp(INLINE_PAIR.source, INLINE_PAIR.flags);
  let out = '';
  let done = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const [, name = '', sep = '', scheme = '', value = ''] = m;
    const valueStart = m.index + name.length + sep.length + scheme.length;
    if (isSecretPair(name, value)) {
      let end = valueStart + value.length;
      while (end < text.length && !VALUE_END.test(text.charAt(end))) end++;
      // A quote or ';' inside the value must not leave its rest in clear ("abc'def"): mask on to
      // the next space or '&', giving back only closing punctuation at the very end ('abc",').
      let hard = end;
      while (hard < text.length && !RUN_END.test(text.charAt(hard))) hard++;
      while (hard > end && CLOSERS.test(text.charAt(hard - 1))) hard--;
      end = hard;
      out += text.slice(done, valueStart) + MASK;
      done = end;
      pattern.lastIndex = end;
    } else {
      pattern.lastIndex = m.index + name.length + sep.length;
    }
  }
  return out + text.slice(done);
}

/** Holds the secrets the session has seen so that `redact` also hides short, opaque ones. */
export class Redactor {
  private readonly known = new Set<string>();

  /** Remembers a secret value; later calls to `redact` mask it wherever it appears. */
  remember(value: string | undefined): void {
    if (value && value.length >= 4) this.known.add(value);
  }

  /** Stops masking a value, e.g. after its credential was removed. */
  forget(value: string): void {
    this.known.delete(value);
  }

  /** `redact` with every remembered secret. */
  redact(text: string): string {
    return redact(text, this.known);
  }
}
