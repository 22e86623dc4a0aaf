import assert from 'node:assert/strict';
import { requestVariableValue } from '../../../../src/core/runner/requestVariables';
import type { RecordedExchange } from '../../../../src/core/runner/requestVariables';

const exchange: RecordedExchange = {
  request: { headers: { 'Content-Type': 'application/json' }, body: '{"pageNum":0}' },
  response: {
    headers: { location: '/kcs/v1/kme/profiles/7', 'content-type': 'application/json' },
    body: JSON.stringify({
      totalCount: 2,
      deviceList: [{ deviceId: 'R58M', tags: ['a'] }, { deviceId: 'R58N' }],
      'odd key': { x: 1 },
    }),
  },
};

describe('requestVariableValue', () => {
  it('selects from the response body with a JSONPath subset', () => {
    assert.equal(requestVariableValue(exchange, 'response.body.$.totalCount'), '2');
    assert.equal(requestVariableValue(exchange, 'response.body.$.deviceList[1].deviceId'), 'R58N');
    assert.equal(requestVariableValue(exchange, 'response.body.$.deviceList[-1].deviceId'), 'R58N');
    assert.equal(requestVariableValue(exchange, "response.body.$['odd key']"), '{"x":1}');
    assert.equal(requestVariableValue(exchange, 'response.body.$.deviceList[0].tags'), '["a"]');
    assert.equal(requestVariableValue(exchange, 'response.body.*'), exchange.response.body);
    assert.equal(requestVariableValue(exchange, 'request.body.$.pageNum'), '0');
  });

  it('reads headers case-insensitively', () => {
    assert.equal(
      requestVariableValue(exchange, 'response.headers.Location'),
      '/kcs/v1/kme/profiles/7',
    );
    assert.equal(
      requestVariableValue(exchange, 'request.headers.content-type'),
      'application/json',
    );
  });

  it('gives undefined for what is not there', () => {
    assert.equal(requestVariableValue(exchange, 'response.body.$.missing'), undefined);
    assert.equal(requestVariableValue(exchange, 'response.body.$.deviceList[9]'), undefined);
    assert.equal(requestVariableValue(exchange, 'response.body.$.toString'), undefined);
    assert.equal(requestVariableValue(exchange, 'response.body.$..bad'), undefined);
    assert.equal(requestVariableValue(exchange, 'response.headers.nope'), undefined);
    assert.equal(
      requestVariableValue(
        { ...exchange, response: { headers: {}, body: 'not json' } },
        'response.body.$.a',
      ),
      undefined,
    );
  });
});
