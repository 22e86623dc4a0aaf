import { KNOX_ERRORS, knoxError } from './errors';
import type { SandboxResponse } from './sandboxRequest';
import { jsonResponse } from './sandboxRequest';
import { paginate } from './paginate';
import type { ServiceCall, ServiceRoute } from './serviceRoute';
import { bodyFields, idList, invalidParam, notFound, optionalString } from './serviceRoute';
import type { KmeDevice, KmeProfile, TenantState } from './tenantState';

const PAGE_SIZE = 50;
const MAX_NAME = 100;
// The Knox Admin Portal refuses these characters in profile names.
const FORBIDDEN_NAME = /[\\#/$*%^&()+?{}[\]]/;
const TEXT_FIELDS = [
  'description',
  'profileType',
  'mdmApkUrl',
  'mdmServerUri',
  'companyName',
  'customJson',
] as const;

function profileJson(profile: KmeProfile, tenant: TenantState): Record<string, unknown> {
  let deviceCount = 0;
  for (const device of tenant.kmeDevices.values())
    if (device.profileId === profile.id) deviceCount++;
  return { ...profile, deviceCount };
}

function deviceJson(device: KmeDevice, tenant: TenantState): Record<string, unknown> {
  const profile = device.profileId === null ? undefined : tenant.profiles.get(device.profileId);
  return {
    deviceId: device.deviceId,
    serialNumber: device.serialNumber,
    model: device.model,
    status: profile ? 'ASSIGNED' : 'NOT_ASSIGNED',
    profileId: profile?.id ?? null,
    profileName: profile?.profileName ?? null,
    uploadId: device.uploadId,
    resellerName: device.resellerName,
  };
}

function nameProblem(
  name: string | undefined | null,
  tenant: TenantState,
  exceptId?: string,
): string | undefined {
  if (typeof name !== 'string' || name.trim() === '')
    return 'profileName is required and must be a non-empty string.';
  if (name.length > MAX_NAME) return `profileName is longer than ${MAX_NAME} characters.`;
  if (FORBIDDEN_NAME.test(name))
    return 'profileName contains a character Knox refuses: \\ # / $ * % ^ & ( ) + ? { } [ ]';
  for (const profile of tenant.profiles.values()) {
    if (profile.id !== exceptId && profile.profileName.toLowerCase() === name.toLowerCase()) {
      return `A profile named "${name}" already exists (id ${profile.id}).`;
    }
  }
  return undefined;
}

function newProfile(call: ServiceCall): KmeProfile | SandboxResponse {
  const fields = bodyFields(call);
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const name = optionalString(fields, 'profileName');
  const problem = nameProblem(name, call.tenant);
  if (problem) return invalidParam(call, problem);
  const text: Record<string, string> = {};
  for (const field of TEXT_FIELDS) {
    const value = optionalString(fields, field);
    if (value === null) return invalidParam(call, `${field} must be a string.`);
    text[field] = value ?? '';
  }
  const profile: KmeProfile = {
    id: call.tenant.nextId(),
    profileName: name ?? '',
    description: text['description'] ?? '',
    profileType: text['profileType'] || 'ANDROID_ENTERPRISE',
    mdmApkUrl: text['mdmApkUrl'] ?? '',
    mdmServerUri: text['mdmServerUri'] ?? '',
    companyName: text['companyName'] ?? '',
    customJson: text['customJson'] ?? '',
    createdTime: call.now,
    updatedTime: call.now,
  };
  call.tenant.profiles.set(profile.id, profile);
  return profile;
}

function createProfile(call: ServiceCall): SandboxResponse {
  const profile = newProfile(call);
  return 'status' in profile ? profile : jsonResponse(200, profileJson(profile, call.tenant));
}

function createProfileAsync(call: ServiceCall): SandboxResponse {
  const profile = newProfile(call);
  if ('status' in profile) return profile;
  const transactionId = call.tenant.nextId();
  call.tenant.profileJobs.set(transactionId, {
    transactionId,
    profileId: profile.id,
    createdTime: call.now,
  });
  return jsonResponse(200, { transactionId, status: 'IN_PROGRESS' });
}

function profileStatus(call: ServiceCall): SandboxResponse {
  const transactionId = call.req.query.get('transactionId');
  if (!transactionId) return invalidParam(call, 'transactionId is required.');
  const job = call.tenant.profileJobs.get(transactionId);
  if (!job) return notFound(call, `No profile transaction ${transactionId}.`);
  return jsonResponse(200, {
    transactionId,
    status: call.tenant.profiles.has(job.profileId) ? 'COMPLETED' : 'DELETED',
    profileId: job.profileId,
  });
}

function listProfiles(call: ServiceCall): SandboxResponse {
  const page = paginate(
    [...call.tenant.profiles.values()],
    call.req.query.get('pageNum'),
    call.req.query.get('pageSize'),
    PAGE_SIZE,
  );
  if (typeof page === 'string') return invalidParam(call, page);
  return jsonResponse(200, {
    totalCount: page.totalCount,
    profileList: page.items.map((p) => profileJson(p, call.tenant)),
  });
}

function findProfile(call: ServiceCall, id: string | undefined): KmeProfile | SandboxResponse {
  const profile = id === undefined ? undefined : call.tenant.profiles.get(id);
  return profile ?? notFound(call, `No profile with id ${id}.`);
}

function getProfile(call: ServiceCall): SandboxResponse {
  const profile = findProfile(call, call.params['id']);
  return 'status' in profile ? profile : jsonResponse(200, profileJson(profile, call.tenant));
}

function updateProfile(call: ServiceCall): SandboxResponse {
  const profile = findProfile(call, call.params['profileId']);
  if ('status' in profile) return profile;
  const fields = bodyFields(call);
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const name = optionalString(fields, 'profileName');
  if (name !== undefined) {
    const problem = nameProblem(name, call.tenant, profile.id);
    if (problem) return invalidParam(call, problem);
  }
  for (const field of TEXT_FIELDS) {
    if (optionalString(fields, field) === null)
      return invalidParam(call, `${field} must be a string.`);
  }
  if (name) profile.profileName = name;
  for (const field of TEXT_FIELDS) {
    const value = optionalString(fields, field);
    if (typeof value === 'string') profile[field] = value;
  }
  profile.updatedTime = call.now;
  return jsonResponse(200, profileJson(profile, call.tenant));
}

function deleteProfile(call: ServiceCall): SandboxResponse {
  const profile = findProfile(call, call.params['id']);
  if ('status' in profile) return profile;
  call.tenant.profiles.delete(profile.id);
  for (const device of call.tenant.kmeDevices.values()) {
    if (device.profileId === profile.id) device.profileId = null;
  }
  return jsonResponse(200, { id: profile.id, status: 'DELETED' });
}

function listDevices(call: ServiceCall): SandboxResponse {
  const { query } = call.req;
  const profileId = query.get('profileId');
  const devices = [...call.tenant.kmeDevices.values()].filter(
    (d) => profileId === null || d.profileId === profileId,
  );
  const page = paginate(devices, query.get('pageNum'), query.get('pageSize'), PAGE_SIZE);
  if (typeof page === 'string') return invalidParam(call, page);
  return jsonResponse(200, {
    totalCount: page.totalCount,
    deviceList: page.items.map((d) => deviceJson(d, call.tenant)),
  });
}

// KME matches devices by IMEI or serial number (Knox Mobile Enrollment 20.07 release notes).
function changeDevices(
  call: ServiceCall,
  change: (device: KmeDevice) => void,
  fields = bodyFields(call),
): SandboxResponse {
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const ids = idList(fields, ['deviceIds', 'devices']);
  if (!ids || ids.length === 0)
    return invalidParam(call, 'deviceIds must be a non-empty array of IMEIs or serial numbers.');
  const failed: string[] = [];
  let done = 0;
  for (const id of ids) {
    const device =
      call.tenant.kmeDevices.get(id) ??
      [...call.tenant.kmeDevices.values()].find((d) => d.serialNumber === id);
    if (device) {
      change(device);
      done++;
    } else failed.push(id);
  }
  if (done === 0) {
    return knoxError(
      call.service,
      KNOX_ERRORS.DEVICE_NOT_FOUND,
      `None of the devices is in this account: ${failed.join(', ')}.`,
    );
  }
  return jsonResponse(200, {
    totalCount: ids.length,
    successCount: done,
    failCount: failed.length,
    failedDeviceIds: failed,
  });
}

function assignProfile(call: ServiceCall): SandboxResponse {
  const fields = bodyFields(call);
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const profileId = fields['profileId'];
  if (typeof profileId !== 'string' && typeof profileId !== 'number')
    return invalidParam(call, 'profileId is required.');
  const profile = findProfile(call, String(profileId));
  if ('status' in profile) return profile;
  return changeDevices(call, (device) => (device.profileId = profile.id), fields);
}

function unassignProfile(call: ServiceCall): SandboxResponse {
  return changeDevices(call, (device) => (device.profileId = null));
}

function deleteDevices(call: ServiceCall): SandboxResponse {
  return changeDevices(call, (device) => call.tenant.kmeDevices.delete(device.deviceId));
}

function listUploads(call: ServiceCall): SandboxResponse {
  const page = paginate(
    [...call.tenant.kmeUploads.values()],
    call.req.query.get('pageNum'),
    call.req.query.get('pageSize'),
    PAGE_SIZE,
  );
  if (typeof page === 'string') return invalidParam(call, page);
  return jsonResponse(200, { totalCount: page.totalCount, uploadList: page.items });
}

function approveUploads(call: ServiceCall): SandboxResponse {
  const fields = bodyFields(call);
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const ids = idList(fields, ['uploadIds', 'uploads'], ['uploadId', 'id']);
  if (!ids || ids.length === 0) return invalidParam(call, 'uploadIds must be a non-empty array.');
  const action = fields['action'] ?? 'APPROVE';
  if (action !== 'APPROVE' && action !== 'REJECT')
    return invalidParam(call, 'action must be APPROVE or REJECT.');
  const failed: string[] = [];
  for (const id of ids) {
    const upload = call.tenant.kmeUploads.get(id);
    if (upload && upload.status === 'PENDING')
      upload.status = action === 'APPROVE' ? 'APPROVED' : 'REJECTED';
    else failed.push(id);
  }
  return jsonResponse(200, {
    totalCount: ids.length,
    successCount: ids.length - failed.length,
    failedUploadIds: failed,
  });
}

/** Knox Mobile Enrollment: profiles and devices, with state. */
export const KME_ROUTES: readonly ServiceRoute[] = [
  { method: 'POST', path: '/kcs/v1/kme/profiles/create', service: 'kme', handle: createProfile },
  {
    method: 'POST',
    path: '/kcs/v1/kme/profiles/createAsync',
    service: 'kme',
    handle: createProfileAsync,
  },
  { method: 'GET', path: '/kcs/v1/kme/profiles/list', service: 'kme', handle: listProfiles },
  { method: 'GET', path: '/kcs/v1/kme/profiles/status', service: 'kme', handle: profileStatus },
  { method: 'GET', path: '/kcs/v1/kme/profiles/{id}/get', service: 'kme', handle: getProfile },
  {
    method: 'PUT',
    path: '/kcs/v1/kme/profiles/{profileId}',
    service: 'kme',
    handle: updateProfile,
  },
  { method: 'DELETE', path: '/kcs/v1/kme/profiles/{id}', service: 'kme', handle: deleteProfile },
  { method: 'GET', path: '/kcs/v1/kme/devices/list', service: 'kme', handle: listDevices },
  {
    method: 'PUT',
    path: '/kcs/v1/kme/devices/assignProfile',
    service: 'kme',
    handle: assignProfile,
  },
  {
    method: 'PUT',
    path: '/kcs/v1/kme/devices/unassignProfile',
    service: 'kme',
    handle: unassignProfile,
  },
  {
    method: 'PUT',
    path: '/kcs/v2/kme/devices/unassignProfile',
    service: 'kme',
    handle: unassignProfile,
  },
  { method: 'POST', path: '/kcs/v1/kme/devices/delete', service: 'kme', handle: deleteDevices },
  { method: 'GET', path: '/kcs/v1/kme/devices/uploads/list', service: 'kme', handle: listUploads },
  {
    method: 'POST',
    path: '/kcs/v1/kme/devices/uploads/approvals',
    service: 'kme',
    handle: approveUploads,
  },
];
