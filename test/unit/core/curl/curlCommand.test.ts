import assert from 'node:assert/strict';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { parseHttpFile } from '../../../../src/core/httpFile/httpFile';
import type { Profile } from '../../../../src/core/profiles/profile';
import { buildRequest } from '../../../../src/core/runner/buildRequest';
import type { BuiltRequest } from '../../../../src/core/runner/buildRequest';
import { curlCommand } from '../../../../src/core/curl/curlCommand';
import { legacyProfile, oauthProfile } from '../runner/fixtures';

const SIGNED = 'eyJhbGciOiJSUzUxMiJ9.eyJhY2Nlc3NUb2tlbiI6InNlY3JldCJ9.c2lnbmF0dXJlLXZhbHVl';

async function built(text: string, profile: Profile): Promise<BuiltRequest> {
  const file = parseHttpFile(text);
  const request = file.requests[0];
  assert.ok(request);
  return buildRequest({ file, request, profile });
}

describe('curlCommand', () => {
  it('writes the legacy token as the $KNOX_API_TOKEN placeholder by default', async () => {
    const request = await built(
      'GET /kcs/v1/kme/devices/list?pageNum=0',
      legacyProfile({ tenantId: 't-1' }),
    );
    const curl = curlCommand(request, { token: { value: SIGNED, expiresAt: 0, kind: 'legacy' } });
    assert.equal(
      curl,
      [
        "curl 'https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list?pageNum=0'",
        "-H 'x-wsm-managed-tenantid: t-1'",
        `-H 'x-knox-apitoken: '"$KNOX_API_TOKEN"`,
      ].join(' \\\n  '),
    );
    assert.ok(!curl.includes(SIGNED));
  });

  it('writes an OAuth bearer token as a redacted placeholder', async () => {
    const request = await built('GET /kcs/v1/kme/devices/list', oauthProfile(['kme']));
    const curl = curlCommand(request);
    assert.match(curl, /-H 'Authorization: Bearer <redacted>'/);
  });

  it('puts the real token in only when asked, and then needs one', async () => {
    const request = await built('GET /kcs/v1/kme/devices/list', legacyProfile());
    assert.match(
      curlCommand(request, {
        revealSecrets: true,
        token: { value: SIGNED, expiresAt: 0, kind: 'legacy' },
      }),
      new RegExp(`-H 'x-knox-apitoken: ${SIGNED.replace(/\./g, '\\.')}'`),
    );
    assert.throws(
      () => curlCommand(request, { revealSecrets: true }),
      (e: unknown) => isKnoxToolError(e, 'INVALID_INPUT') && /needs the token/.test(e.message),
    );
  });

  it('keeps a token header the user wrote, once, and still hides its value', async () => {
    const request = await built(
      'GET /kcs/v1/kme/devices/list\nX-Knox-ApiToken: hand-made-token',
      legacyProfile(),
    );
    const curl = curlCommand(request);
    assert.equal(curl.match(/apitoken/gi)?.length, 1);
    assert.ok(!curl.includes('hand-made-token'));
  });

  it('redacts secrets in the body unless revealing', async () => {
    const request = await built(
      'POST /kcs/v1/kme/devices/delete\n\n{"devices":["R58M"],"clientSecret":"s3cr3t-value"}',
      legacyProfile(),
    );
    const curl = curlCommand(request);
    assert.match(curl, /--data-raw '\{"devices":\["R58M"\],"clientSecret":"\[REDACTED\]"\}'/);
    assert.match(curl, /-H 'Content-Type: application\/json'/);
  });
});
