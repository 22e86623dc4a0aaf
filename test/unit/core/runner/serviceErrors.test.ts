import assert from 'node:assert/strict';
import { findErrorCode } from '../../../../src/core/catalogs/errorLookup';
import { explainErrorCode } from '../../../../src/core/knoxErrors/explainErrorCode';
import { parseHttpFile } from '../../../../src/core/httpFile/httpFile';
import { buildRequest } from '../../../../src/core/runner/buildRequest';
import { explainResult } from '../../../../src/core/knoxErrors/explainResult';
import { runRequest } from '../../../../src/core/runner/runRequest';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback } from '../../../helpers/loopback';

const MSP_MEANING = 'Authorization failed for the Knox MSP Portal operation.';
const SERVICE_MEANING =
  'Authorization failed: the caller may not perform this operation of the service.';

// Each service answers in its own body shape (knox-facts section 4; the sandbox's routes).
describe('errors explained for the service of the request, one test per body shape', () => {
  let server: Loopback;
  let reply: { status: number; body: unknown } = { status: 200, body: {} };

  before(async () => {
    server = await startLoopback((_req, res) => replyJson(res, reply.status, reply.body));
  });
  after(() => server.close());

  async function explain(requestLine: string, status: number, body: unknown) {
    reply = { status, body };
    const file = parseHttpFile(requestLine.replace(' /', ` ${server.url}/`));
    const request = file.requests[0];
    assert.ok(request);
    const built = await buildRequest({ file, request, profile: undefined });
    const explanation = explainResult(await runRequest(built, {}));
    assert.ok(explanation, 'an error is explained');
    return explanation;
  }

  it('KME, KC and KDP ({errorId, code, message, data}): 4030000 is not an MSP Portal failure there', async () => {
    const body = { errorId: 'e-1', code: 4030000, message: 'AUTHORIZATION_FAIL', data: 'no' };
    for (const line of [
      'GET /kcs/v1/kme/devices/list',
      'POST /kc/v2/devices/getDevices',
      'GET /kcs/v1/rp/devices',
    ]) {
      const x = await explain(line, 403, body);
      assert.equal(x.meaning, SERVICE_MEANING, line);
      assert.equal(x.title, '4030000 AUTHORIZATION_FAIL');
    }
  });

  it('Knox Guard and KAI ({result: "FAIL", error: {code, message, reason}})', async () => {
    const body = (code: number) => ({
      result: 'FAIL',
      error: { code, message: 'AUTHORIZATION_FAIL', reason: 'token rejected' },
    });
    const kai = await explain('POST /kai/v1/devices/getDevices', 401, body(4010000));
    assert.match(kai.meaning ?? '', /no token Knox accepts/);
    const kg = await explain('POST /kcs/v1.1/kg/devices/list', 403, body(4030000));
    assert.equal(kg.meaning, SERVICE_MEANING);
  });

  it('MSP Portal ({transactionalId, code, errorCode, errorMessage}): its own explanation', async () => {
    const x = await explain('GET /msp/v1/managedCustomers', 403, {
      transactionalId: 't-1',
      code: 'AUTHORIZATION_FAIL',
      errorCode: '4030000',
      errorMessage: 'not linked',
    });
    assert.equal(x.meaning, MSP_MEANING);
    assert.equal(x.message, 'not linked');
  });

  it('E-FOTA ({errorKey, errorMessage} under 400): the status explained, its own message kept', async () => {
    const x = await explain('GET /ke/v1/campaigns', 400, {
      errorKey: 'campaign.notFound',
      errorMessage: 'No campaign with that id',
    });
    assert.equal(x.title, 'campaign.notFound');
    assert.equal(x.message, 'No campaign with that id');
    assert.match(x.meaning ?? '', /invalid request/);
  });

  it('Knox Manage ({code, message}): 4030000 is not an MSP Portal failure there', async () => {
    const x = await explain('GET /km/v1/group/selectGroups', 403, {
      code: 4030000,
      message: 'AUTHORIZATION_FAIL',
    });
    assert.equal(x.meaning, SERVICE_MEANING);
  });

  it('a hover without a request says which services use a shared code, and how', () => {
    const entry = findErrorCode('4030000');
    assert.ok(entry);
    const x = explainErrorCode(entry);
    const usedBy = x.sections.find((s) => s.label === 'Used by');
    assert.match(usedBy?.text ?? '', /Knox MSP Portal; Knox Mobile Enrollment/);
    assert.ok(x.sections.some((s) => s.label.startsWith('In Knox Mobile Enrollment')));
    assert.equal(x.sections[0]?.text, MSP_MEANING);
  });
});
