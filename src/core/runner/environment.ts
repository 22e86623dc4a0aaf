/** The environment REST Client calls `$shared`: its variables apply under every environment. */
export const SHARED_ENVIRONMENT = '$shared';

/**
 * The variables of environment `active` from the `knox.environments` setting (`{ "<name>": {
 * "host": "..." } }`): `$shared` overlaid with the named environment's own. Values that are not
 * strings, numbers or booleans are ignored; an unknown or absent name gives `$shared` only.
 */
export function environmentVariables(
  environments: unknown,
  active: string | undefined,
): Readonly<Record<string, string>> {
  const all = asRecord(environments);
  const shared = variablesOf(all?.[SHARED_ENVIRONMENT]);
  if (active === undefined || active === '' || active === SHARED_ENVIRONMENT) return shared;
  return {
    ...shared,
    ...variablesOf(Object.hasOwn(all ?? {}, active) ? all?.[active] : undefined),
  };
}

/** The environments a user can pick, in the setting's order (`$shared` is not one). */
export function environmentNames(environments: unknown): readonly string[] {
  const all = asRecord(environments);
  if (!all) return [];
  return Object.keys(all).filter(
    (name) => name !== SHARED_ENVIRONMENT && asRecord(all[name]) !== undefined,
  );
}

function variablesOf(value: unknown): Record<string, string> {
  const record = asRecord(value);
  const out: Record<string, string> = {};
  if (!record) return out;
  for (const [name, raw] of Object.entries(record)) {
    if (typeof raw === 'string') out[name] = raw;
    else if (typeof raw === 'number' || typeof raw === 'boolean') out[name] = String(raw);
  }
  return out;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
