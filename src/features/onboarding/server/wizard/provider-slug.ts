/** The longest slug base; a "-N" suffix may follow. providers.bySlug accepts up to 120. */
const MAX_BASE_LENGTH = 60;

/**
 * The public address part made from a provider's name: "Dr. Amélie Dupont-Roy, MD" →
 * "amelie-dupont-roy". Titles in front ("Dr.", "Prof.") and letters after a comma are left out;
 * accents are dropped; names in other scripts, which leave nothing, become "provider".
 */
export function providerSlugBase(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/,.*$/s, "")
    .replace(/^\s*(?:(?:dr|prof|mr|mrs|ms|mx)\.?\s+)+/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_BASE_LENGTH)
    .replace(/-+$/, "");
  return slug || "provider";
}

/**
 * The base itself when no provider has it, else the base with the lowest free "-2", "-3", …
 * suffix. `taken` holds the slugs already in use that start with the base.
 */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
