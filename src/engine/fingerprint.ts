/**
 * Canonical JSON: object keys sorted, so equal content gives equal text whatever the key order. Keys
 * named in `omit` are left out at every depth. Built in one pass without intermediate arrays: model
 * markets serialise every prompt with it (the scripted model's usage), 2026-12-06.
 */
export function canonicalJson(value: unknown, omit?: string): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i > 0 ? "," : "") + canonicalJson(value[i], omit);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort orders by UTF-16 code units, as `a < b` does.
  const keys = Object.keys(record).sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || key === omit) continue;
    out += `${first ? "" : ","}${JSON.stringify(key)}:${canonicalJson(item, omit)}`;
    first = false;
  }
  return `${out}}`;
}

/** A 64-bit FNV-1a style fingerprint of a text, as hex. Used to tell a retried action from a different one. */
export function fingerprint(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}
