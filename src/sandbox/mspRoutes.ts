import { randomUUID } from 'node:crypto';
import { jsonResponse } from './sandboxRequest';
import type { SandboxResponse } from './sandboxRequest';
import { paginate } from './paginate';
import type { ServiceCall, ServiceRoute } from './serviceRoute';
import { bodyFields, idList, invalidParam, notFound, optionalString } from './serviceRoute';
import type { KmeProfile, ManagedCustomer } from './tenantState';

const PAGE_SIZE = 50;

function customerJson(customer: ManagedCustomer): Record<string, unknown> {
  const { customerId, customerName, email, region, status, createdTime } = customer;
  return { customerId, customerName, email, region, status, createdTime };
}

function answer(body: Record<string, unknown>): SandboxResponse {
  return jsonResponse(200, { transactionalId: randomUUID(), ...body });
}

function list(call: ServiceCall): SandboxResponse {
  const page = paginate(
    [...call.tenant.managedCustomers.values()],
    call.req.query.get('pageNum'),
    call.req.query.get('pageSize'),
    PAGE_SIZE,
  );
  if (typeof page === 'string') return invalidParam(call, page);
  return answer({
    totalCount: page.totalCount,
    pageNum: page.pageNum,
    pageSize: page.pageSize,
    customers: page.items.map(customerJson),
  });
}

function create(call: ServiceCall): SandboxResponse {
  const fields = bodyFields(call);
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const name = optionalString(fields, 'customerName');
  const email = optionalString(fields, 'email');
  if (!name) return invalidParam(call, 'customerName is required.');
  if (email === null || (email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(email))) {
    return invalidParam(call, 'email must be an e-mail address.');
  }
  const customer = call.tenant.addManagedCustomer(
    `2${call.tenant.nextId().padStart(9, '0')}`,
    name,
    email ?? '',
    call.now,
  );
  return answer(customerJson(customer));
}

function findCustomer(call: ServiceCall, id: unknown): ManagedCustomer | undefined {
  return typeof id === 'string' ? call.tenant.managedCustomers.get(id) : undefined;
}

function noCustomer(call: ServiceCall, id: unknown): SandboxResponse {
  return notFound(call, `No managed customer ${String(id)}.`);
}

function get(call: ServiceCall): SandboxResponse {
  const customer = findCustomer(call, call.params['customerId']);
  return customer ? answer(customerJson(customer)) : noCustomer(call, call.params['customerId']);
}

function update(call: ServiceCall): SandboxResponse {
  const customer = findCustomer(call, call.params['customerId']);
  if (!customer) return noCustomer(call, call.params['customerId']);
  const fields = bodyFields(call);
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const name = optionalString(fields, 'customerName');
  const email = optionalString(fields, 'email');
  if (name === null || name === '' || email === null)
    return invalidParam(call, 'customerName and email must be non-empty strings.');
  if (name) customer.customerName = name;
  if (email) customer.email = email;
  return answer(customerJson(customer));
}

function setLink(status: ManagedCustomer['status']) {
  return (call: ServiceCall): SandboxResponse => {
    const fields = bodyFields(call);
    if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
    const customer = findCustomer(call, fields['customerId']);
    if (!customer) return noCustomer(call, fields['customerId']);
    customer.status = status;
    return answer(customerJson(customer));
  };
}

function profiles(call: ServiceCall): SandboxResponse {
  const items = [...call.tenant.profiles.values()].map((p) => ({
    profileId: p.id,
    profileName: p.profileName,
    service: 'KME',
  }));
  return answer({ totalCount: items.length, profiles: items });
}

// Copies the account's KME profiles into managed customers; "overwrite" replaces a profile of
// the same name, "copy" skips it.
function copyProfiles(overwrite: boolean) {
  return (call: ServiceCall): SandboxResponse => {
    const fields = bodyFields(call);
    if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
    const profileIds = idList(fields, ['profileIds'], ['profileId', 'id']);
    const customerIds = idList(fields, ['customerIds', 'targetCustomerIds'], ['customerId', 'id']);
    if (!profileIds?.length || !customerIds?.length) {
      return invalidParam(call, 'profileIds and customerIds must be non-empty arrays.');
    }
    const sources: KmeProfile[] = [];
    for (const id of profileIds) {
      const profile = call.tenant.profiles.get(id);
      if (!profile) return notFound(call, `No profile ${id} in this account.`);
      sources.push(profile);
    }
    const results: Record<string, unknown>[] = [];
    for (const customerId of customerIds) {
      const customer = findCustomer(call, customerId);
      if (!customer) return noCustomer(call, customerId);
      const target = customer.tenant;
      for (const source of sources) {
        const existing = [...target.profiles.values()].find(
          (p) => p.profileName === source.profileName,
        );
        if (existing && !overwrite) {
          results.push({
            customerId,
            profileId: source.id,
            result: 'SKIPPED',
            reason: 'PROFILE_NAME_EXISTS',
          });
          continue;
        }
        const copy = { ...source, id: existing?.id ?? target.nextId(), updatedTime: call.now };
        target.profiles.set(copy.id, copy);
        results.push({
          customerId,
          profileId: source.id,
          targetProfileId: copy.id,
          result: 'SUCCESS',
        });
      }
    }
    return answer({ results });
  };
}

/** Knox MSP Portal: managed customers (each a tenant of its own) and profile copies. */
export const MSP_ROUTES: readonly ServiceRoute[] = [
  { method: 'GET', path: '/msp/v1/managedCustomers', service: 'msp', handle: list },
  { method: 'POST', path: '/msp/v1/managedCustomers', service: 'msp', handle: create },
  {
    method: 'POST',
    path: '/msp/v1/managedCustomers/link',
    service: 'msp',
    handle: setLink('LINKED'),
  },
  {
    method: 'POST',
    path: '/msp/v1/managedCustomers/delink',
    service: 'msp',
    handle: setLink('DELINKED'),
  },
  { method: 'GET', path: '/msp/v1/managedCustomers/{customerId}', service: 'msp', handle: get },
  { method: 'PUT', path: '/msp/v1/managedCustomers/{customerId}', service: 'msp', handle: update },
  { method: 'GET', path: '/msp/v1/profiles', service: 'msp', handle: profiles },
  { method: 'POST', path: '/msp/v1/profiles/copy', service: 'msp', handle: copyProfiles(false) },
  {
    method: 'POST',
    path: '/msp/v1/profiles/overwrite',
    service: 'msp',
    handle: copyProfiles(true),
  },
];
