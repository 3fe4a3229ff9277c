import vCardsJS from "vcards-js";
import { cardAppUrl, optionalCardText, requiredCardText } from "./card-input";
import { finishCard, unfoldCardLines } from "./vcard-format";

export interface ProviderCardPractice {
  organizationName: string;
  locations: { name: string; formattedAddress: string }[];
}

/** What the schema knows about a provider that belongs on the card patients save. */
export interface ProviderCardDetails {
  id: string;
  slug: string;
  displayName: string;
  /** Names of the provider's specialties (provider types). */
  specialties: string[];
  /** Organizations the provider is active in, with their locations. */
  practices: ProviderCardPractice[];
}

export interface BuildProviderVCardInput {
  provider: ProviderCardDetails;
  /** The app's public origin; the card links to the provider's public page. */
  appUrl: string;
}

/**
 * One ADR (and its LABEL) per location, each from a card of its own: vcards-js writes at most a
 * home and a work address, and a practice may have several sites.
 */
function addressLines(practice: ProviderCardPractice, location: ProviderCardPractice["locations"][number]): string[] {
  const card = vCardsJS();
  const organizationName = optionalCardText(practice.organizationName);
  const locationName = optionalCardText(location.name);
  const address = optionalCardText(location.formattedAddress);
  if (address === undefined) return [];
  // The schema keeps one formatted address, not its parts, so it is the street component whole
  // rather than a guessed split into city and postcode.
  card.workAddress.street = address;
  card.workAddress.label = [organizationName, locationName !== organizationName ? locationName : undefined, address]
    .filter((line) => line !== undefined)
    .join("\n");
  return unfoldCardLines(card.getFormattedString()).filter((line) => /^(ADR|LABEL)[;:]/i.test(line));
}

/**
 * The provider's card as vCard 3.0 text: name, specialties as TITLE, the practice (ORG when there
 * is exactly one; with several, each address's label names its practice) and the sites' addresses,
 * and the provider's public page. The schema holds no practice phone or email, so the card has none
 * (the provider's sign-in email is private).
 */
export function buildProviderVCard({ provider, appUrl }: BuildProviderVCardInput): string {
  const displayName = requiredCardText("provider.displayName", provider.displayName);
  const slug = requiredCardText("provider.slug", provider.slug);
  const origin = cardAppUrl(appUrl);

  const card = vCardsJS();
  card.version = "3.0";
  card.uid = `urn:uuid:${provider.id}`;
  card.formattedName = displayName;
  // One display name is all we have; splitting it into given and family names would be a guess
  // (titles, particles, several surnames), so the whole name is the family name.
  card.lastName = displayName;
  const specialties = provider.specialties.map(optionalCardText).filter((name) => name !== undefined);
  if (specialties.length > 0) card.title = specialties.join(", ");
  const organizations = [...new Set(provider.practices.map((practice) => optionalCardText(practice.organizationName)))].filter(
    (name) => name !== undefined,
  );
  if (organizations.length === 1) card.organization = organizations[0]!;
  card.url = `${origin}/providers/${encodeURIComponent(slug)}`;

  const addresses = provider.practices.flatMap((practice) => practice.locations.map((location) => addressLines(practice, location)));
  return finishCard(card.getFormattedString(), addresses.flat());
}
