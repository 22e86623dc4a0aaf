import assert from 'node:assert/strict';
import { baseUrlFor, mayCarryToken, tokenOrigins } from '../../../../src/core/runner/requestTarget';
import { tokenLabel } from '../../../../src/core/runner/tokenLabel';
import { maskHeaders } from '../../../../src/core/runner/maskHeaders';

describe('requestTarget', () => {
  const us = { kind: 'region', region: 'us' } as const;
  const local = { kind: 'custom', baseUrl: 'http://127.0.0.1:8080/base' } as const;

  it('picks the host by service for region profiles and the custom base URL otherwise', () => {
    assert.equal(baseUrlFor(us, 'kme'), 'https://us-kcs-api.samsungknox.com');
    assert.equal(baseUrlFor(us, 'kai'), 'https://api.samsungknox.com');
    assert.equal(baseUrlFor(us, undefined), 'https://us-kcs-api.samsungknox.com');
    assert.equal(baseUrlFor(local, 'kai'), 'http://127.0.0.1:8080/base');
  });

  it("lets a token go only to the profile's own Knox hosts", () => {
    assert.deepEqual(tokenOrigins(us), [
      'https://us-kcs-api.samsungknox.com',
      'https://api.samsungknox.com',
    ]);
    assert.equal(mayCarryToken('https://api.samsungknox.com/kai/v1/x', us), true);
    assert.equal(
      mayCarryToken('https://eu-kcs-api.samsungknox.com/kcs/v1/kme/devices/list', us),
      false,
    );
    assert.equal(mayCarryToken('https://us-kcs-api.samsungknox.com.evil.example/kcs', us), false);
    assert.equal(mayCarryToken('http://127.0.0.1:8080/kcs/v1', local), true);
    assert.equal(mayCarryToken('http://127.0.0.1:8081/kcs/v1', local), false);
    assert.equal(mayCarryToken('not a url', local), false);
  });
});

describe('tokenLabel', () => {
  it('says how long the token lasts, that it expired, or that there is none', () => {
    const now = 1_000_000;
    assert.equal(tokenLabel({ expiresAt: now + 12 * 60_000 + 5000 }, now), 'token: 12 min');
    assert.equal(tokenLabel({ expiresAt: now + 45_000 }, now), 'token: 45 s');
    assert.equal(tokenLabel({ expiresAt: now }, now), 'token: expired');
    assert.equal(tokenLabel(undefined, now), 'no token');
  });
});

describe('maskHeaders', () => {
  it('masks credential headers whole, keeping the scheme, and redacts the rest', () => {
    assert.deepEqual(
      maskHeaders(
        {
          Authorization: 'Bearer abc.def',
          'X-Api-Key': 'k-123',
          Cookie: 'a=b',
          Accept: 'application/json',
          'X-Echo': 'said secret-42',
        },
        ['secret-42'],
      ),
      [
        { name: 'Authorization', value: 'Bearer [REDACTED]' },
        { name: 'X-Api-Key', value: '[REDACTED]' },
        { name: 'Cookie', value: '[REDACTED]' },
        { name: 'Accept', value: 'application/json' },
        { name: 'X-Echo', value: 'said [REDACTED]' },
      ],
    );
  });
});
