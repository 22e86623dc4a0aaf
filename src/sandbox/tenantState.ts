/** A Knox Mobile Enrollment profile. */
export interface KmeProfile {
  readonly id: string;
  profileName: string;
  description: string;
  profileType: string;
  mdmApkUrl: string;
  mdmServerUri: string;
  companyName: string;
  customJson: string;
  readonly createdTime: number;
  updatedTime: number;
}

export interface KmeDevice {
  readonly deviceId: string;
  readonly serialNumber: string;
  readonly model: string;
  readonly uploadId: string;
  readonly resellerName: string;
  profileId: string | null;
}

export interface KmeUpload {
  readonly uploadId: string;
  readonly resellerName: string;
  readonly deviceCount: number;
  readonly uploadedTime: number;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
}

export interface ProfileJob {
  readonly transactionId: string;
  readonly profileId: string;
  readonly createdTime: number;
}

export interface KdpDevice {
  readonly deviceId: string;
  readonly model: string;
  readonly customerId: string;
  readonly orderNumber: string;
  readonly uploadedTime: number;
}

export interface KdpResult {
  readonly deviceId: string;
  readonly result: 'SUCCESS' | 'FAIL';
  readonly reason?: string;
}

export interface KdpTransaction {
  readonly transactionId: string;
  readonly type: 'UPLOAD' | 'DELETE';
  readonly createdTime: number;
  readonly results: readonly KdpResult[];
}

export interface GuardDevice {
  readonly deviceUid: string;
  readonly imei: string;
  readonly serialNumber: string;
  readonly model: string;
  status: 'Active' | 'Locked' | 'Completed';
  lockMessage: string | null;
}

export interface ManagedCustomer {
  readonly customerId: string;
  customerName: string;
  email: string;
  readonly region: string;
  status: 'LINKED' | 'DELINKED';
  readonly createdTime: number;
  readonly tenant: TenantState;
}

const MODELS = ['SM-G991B', 'SM-A536B', 'SM-T736B', 'SM-G736B', 'SM-S918B'];

/** A 15-digit IMEI with a valid Luhn check digit. */
export function makeImei(body14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(body14[13 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body14}${(10 - (sum % 10)) % 10}`;
}

/**
 * One customer's data: KME profiles and devices, KDP devices and transactions, Guard devices
 * and, for the account itself, the MSP's managed customers (each with a TenantState of its own).
 * Seeded with a few devices so lists and pagination have something to show.
 */
export class TenantState {
  readonly profiles = new Map<string, KmeProfile>();
  readonly kmeDevices = new Map<string, KmeDevice>();
  readonly kmeUploads = new Map<string, KmeUpload>();
  readonly profileJobs = new Map<string, ProfileJob>();
  readonly kdpDevices = new Map<string, KdpDevice>();
  readonly kdpTransactions = new Map<string, KdpTransaction>();
  readonly guardDevices = new Map<string, GuardDevice>();
  readonly managedCustomers = new Map<string, ManagedCustomer>();
  private lastId = 1_000_000;

  constructor(
    readonly tenantId: string,
    readonly tenantName: string,
    seed: number,
    nowMs: number,
  ) {
    const prefix = `35${String(seed).padStart(2, '0')}`;
    const uploadId = this.nextId();
    this.kmeUploads.set(uploadId, {
      uploadId,
      resellerName: 'Sandbox Reseller',
      deviceCount: 25,
      uploadedTime: nowMs,
      status: 'PENDING',
    });
    for (let i = 0; i < 25; i++) {
      const deviceId = makeImei(`${prefix}0000${String(i).padStart(6, '0')}`);
      this.kmeDevices.set(deviceId, {
        deviceId,
        serialNumber: `R58N${String(seed).padStart(2, '0')}${String(i).padStart(5, '0')}`,
        model: MODELS[i % MODELS.length] ?? 'SM-G991B',
        uploadId,
        resellerName: 'Sandbox Reseller',
        profileId: null,
      });
    }
    for (let i = 0; i < 12; i++) {
      const deviceId = makeImei(`${prefix}1000${String(i).padStart(6, '0')}`);
      this.kdpDevices.set(deviceId, {
        deviceId,
        model: MODELS[i % MODELS.length] ?? 'SM-G991B',
        customerId: tenantId,
        orderNumber: `PO-${seed}-${1000 + i}`,
        uploadedTime: nowMs,
      });
    }
    for (let i = 0; i < 5; i++) {
      const imei = makeImei(`${prefix}2000${String(i).padStart(6, '0')}`);
      const deviceUid = this.nextId();
      this.guardDevices.set(deviceUid, {
        deviceUid,
        imei,
        serialNumber: `R9KG${String(seed).padStart(2, '0')}${String(i).padStart(5, '0')}`,
        model: MODELS[i % MODELS.length] ?? 'SM-G991B',
        status: 'Active',
        lockMessage: null,
      });
    }
  }

  /** A new id, unique within this tenant: numeric strings, as Knox's ids look. */
  nextId(): string {
    this.lastId += 1;
    return String(this.lastId);
  }

  /** Adds a managed customer with its own, freshly seeded data. */
  addManagedCustomer(
    customerId: string,
    customerName: string,
    email: string,
    nowMs: number,
  ): ManagedCustomer {
    const customer: ManagedCustomer = {
      customerId,
      customerName,
      email,
      region: 'US',
      status: 'LINKED',
      createdTime: nowMs,
      tenant: new TenantState(customerId, customerName, 10 + this.managedCustomers.size, nowMs),
    };
    this.managedCustomers.set(customerId, customer);
    return customer;
  }
}

/** The sandbox account's own tenant, an MSP with two linked managed customers. */
export function createAccountTenant(nowMs: number): TenantState {
  const account = new TenantState('sandbox', 'Sandbox Account', 1, nowMs);
  account.addManagedCustomer('2000000001', 'Contoso Retail', 'it@contoso.example', nowMs);
  account.addManagedCustomer('2000000002', 'Fabrikam Logistics', 'it@fabrikam.example', nowMs);
  return account;
}
