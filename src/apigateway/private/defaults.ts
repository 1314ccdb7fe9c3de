/**
 * `defaults` overlaid with the properties of `given` that are not undefined, so `{ tracingEnabled: undefined }`
 * keeps the default instead of erasing it (a plain spread would erase it).
 */
export function withDefaults<T extends object>(defaults: Partial<T>, given: T | undefined): T {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value !== undefined) {
      merged[key] = value;
    }
  }
  return merged as T;
}
