import assert from 'node:assert/strict';
import { environmentNames, environmentVariables } from '../../../../src/core/runner/environment';

describe('environmentVariables', () => {
  const setting = {
    $shared: { host: 'https://us-kcs-api.samsungknox.com', pageSize: 50 },
    staging: { host: 'https://staging.example', verbose: true, nested: { no: 1 } },
    broken: 'not an object',
  };

  it('overlays the active environment on $shared, keeping only scalar values', () => {
    assert.deepEqual(environmentVariables(setting, 'staging'), {
      host: 'https://staging.example',
      pageSize: '50',
      verbose: 'true',
    });
    assert.deepEqual(environmentVariables(setting, undefined), {
      host: 'https://us-kcs-api.samsungknox.com',
      pageSize: '50',
    });
    assert.deepEqual(environmentVariables(setting, 'missing'), {
      host: 'https://us-kcs-api.samsungknox.com',
      pageSize: '50',
    });
    assert.deepEqual(environmentVariables(undefined, 'staging'), {});
    assert.deepEqual(environmentVariables(setting, 'toString'), {
      host: 'https://us-kcs-api.samsungknox.com',
      pageSize: '50',
    });
  });

  it('lists the environments a user can pick', () => {
    assert.deepEqual(environmentNames(setting), ['staging']);
    assert.deepEqual(environmentNames([]), []);
  });
});
