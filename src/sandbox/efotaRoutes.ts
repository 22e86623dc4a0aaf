import { jsonResponse } from './sandboxRequest';
import type { SandboxResponse } from './sandboxRequest';
import type { ServiceCall, ServiceRoute } from './serviceRoute';
import { notFound } from './serviceRoute';

function campaigns(call: ServiceCall): Record<string, unknown>[] {
  return [
    {
      campaignId: 'CMP-1001',
      name: 'Pilot firmware',
      status: 'ACTIVE',
      targetFirmware: 'S918BXXU3BWK5',
      createdTime: call.now,
    },
    {
      campaignId: 'CMP-1002',
      name: 'Hold on current',
      status: 'SCHEDULED',
      targetFirmware: 'S918BXXU2BWGJ',
      createdTime: call.now,
    },
  ];
}

function list(call: ServiceCall): SandboxResponse {
  const items = campaigns(call);
  return jsonResponse(200, { totalCount: items.length, campaigns: items });
}

function get(call: ServiceCall): SandboxResponse {
  const campaign = campaigns(call).find((c) => c['campaignId'] === call.params['campaignId']);
  return campaign
    ? jsonResponse(200, campaign)
    : notFound(call, `No campaign ${call.params['campaignId']}.`);
}

function licenses(call: ServiceCall): SandboxResponse {
  return jsonResponse(200, {
    totalCount: 1,
    licenses: [
      {
        licenseId: 'LIC-1',
        licenseType: 'TRIAL',
        seats: 100,
        usedSeats: 12,
        expiryTime: call.now + 90 * 86_400_000,
      },
    ],
  });
}

/** Knox E-FOTA: a few read endpoints (the rest answer from the scope catalog). */
export const EFOTA_ROUTES: readonly ServiceRoute[] = [
  { method: 'GET', path: '/ke/v1/campaigns', service: 'ke', handle: list },
  { method: 'GET', path: '/ke/v1/campaigns/{campaignId}', service: 'ke', handle: get },
  { method: 'GET', path: '/ke/v1/licenses', service: 'ke', handle: licenses },
];
