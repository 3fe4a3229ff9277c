import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildPatientVCard } from "./build-patient-vcard";
import { buildProviderVCard, type ProviderCardDetails } from "./build-provider-vcard";

const APP_URL = "https://medbookings.example/";

/** The card as a third-party parser (ical.js) reads it. */
function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

function values(card: ICAL.Component, name: string): unknown[] {
  return card.getAllProperties(name).map((property) => property.getFirstValue());
}

/**
 * A text property's value. ical.js reads every vCard's text values by vCard 4's rules and leaves
 * RFC 2426's "\;" escape in place (kewisch/ical.js#173, open), so that one escape is undone here;
 * the raw lines are checked against RFC 2426 separately.
 */
function textValue(card: ICAL.Component, name: string): string | undefined {
  const value = card.getFirstPropertyValue(name);
  return typeof value === "string" ? value.replace(/\\;/g, ";") : undefined;
}

function provider(overrides: Partial<ProviderCardDetails> = {}): ProviderCardDetails {
  return {
    id: "0b7f3c52-5a0e-4d7e-9a41-6f1e2d3c4b5a",
    slug: "dr-lee",
    displayName: "Dr Anna Lee",
    specialties: ["General practitioner", "Travel medicine"],
    practices: [
      {
        organizationName: "Sea Point Health",
        locations: [{ name: "Main rooms", formattedAddress: "12 Main Road, Sea Point, Cape Town, 8005, South Africa" }],
      },
    ],
    ...overrides,
  };
}

describe("buildProviderVCard", () => {
  it("writes a vCard 3.0 with name, specialties, practice, address and public page that ical.js reads back", () => {
    const text = buildProviderVCard({ provider: provider(), appUrl: APP_URL });
    const card = parse(text);

    expect(card.name).toBe("vcard");
    expect(card.getFirstPropertyValue("version")).toBe("3.0");
    expect(card.getFirstPropertyValue("fn")).toBe("Dr Anna Lee");
    expect(card.getFirstPropertyValue("n")).toEqual(["Dr Anna Lee", "", "", "", ""]);
    expect(card.getFirstPropertyValue("title")).toBe("General practitioner, Travel medicine");
    expect(card.getFirstPropertyValue("org")).toBe("Sea Point Health");
    expect(card.getFirstPropertyValue("url")).toBe("https://medbookings.example/providers/dr-lee");
    expect(card.getFirstPropertyValue("uid")).toBe("urn:uuid:0b7f3c52-5a0e-4d7e-9a41-6f1e2d3c4b5a");
    expect(values(card, "adr")).toEqual([["", "", "12 Main Road, Sea Point, Cape Town, 8005, South Africa", "", "", "", ""]]);
    expect(card.getFirstProperty("adr")?.getParameter("type")).toBe("WORK");
    expect(card.getFirstPropertyValue("label")).toBe("Sea Point Health\nMain rooms\n12 Main Road, Sea Point, Cape Town, 8005, South Africa");
    // No practice phone or email exists in the schema; the provider's sign-in email is private.
    expect(values(card, "tel")).toEqual([]);
    expect(values(card, "email")).toEqual([]);
    expect(text.startsWith("BEGIN:VCARD\r\nVERSION:3.0\r\n")).toBe(true);
    expect(text.endsWith("END:VCARD\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("escapes commas, semicolons, backslashes and newlines in awkward names so they read back unchanged", () => {
    const text = buildProviderVCard({
      provider: provider({
        displayName: "Dr O'Brien; Smith, Jr.\r\nPhD \\ MBChB",
        specialties: ["Ear; nose, and throat"],
        practices: [{ organizationName: "Smith; Jones, Partners", locations: [{ name: "Rooms; 2", formattedAddress: "Unit 4; 1 Long St, Cape Town" }] }],
      }),
      appUrl: APP_URL,
    });
    const card = parse(text);

    expect(textValue(card, "fn")).toBe("Dr O'Brien; Smith, Jr.\nPhD \\ MBChB");
    expect(card.getFirstPropertyValue("n")).toEqual(["Dr O'Brien; Smith, Jr.\nPhD \\ MBChB", "", "", "", ""]);
    expect(textValue(card, "title")).toBe("Ear; nose, and throat");
    // Unescaped, the ";" would split the name into an organization and a unit.
    expect(card.getFirstPropertyValue("org")).toBe("Smith; Jones, Partners");
    expect(card.getFirstPropertyValue("adr")).toEqual(["", "", "Unit 4; 1 Long St, Cape Town", "", "", "", ""]);
    expect(textValue(card, "label")).toBe("Smith; Jones, Partners\nRooms; 2\nUnit 4; 1 Long St, Cape Town");
    // RFC 2426 text-value: ";" and "," are never bare (vcards-js alone leaves ";" bare in FN, TITLE and LABEL).
    expect(text).toContain("FN:Dr O'Brien\\; Smith\\, Jr.\\nPhD \\\\ MBChB\r\n");
    expect(text).toContain("TITLE:Ear\\; nose\\, and throat\r\n");
    expect(text).toContain("ORG:Smith\\; Jones\\, Partners\r\n");
  });

  it("folds long UTF-8 lines at 75 octets without cutting a character", () => {
    // vcards-js alone folds after 75 UTF-16 units: here that cuts the emoji's surrogate pair.
    const displayName = `${"a".repeat(71)}😀 Zoë Ndlovu-Müller ${"é".repeat(60)}`;
    const text = buildProviderVCard({ provider: provider({ displayName }), appUrl: APP_URL });
    const bytes = Buffer.from(text, "utf8");

    for (const line of bytes.toString("utf8").split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(bytes.toString("utf8")).not.toContain("\uFFFD");
    expect(parse(bytes.toString("utf8")).getFirstPropertyValue("fn")).toBe(displayName);
  });

  it("lists every site; with several practices it names each on its address instead of one ORG", () => {
    const card = parse(
      buildProviderVCard({
        provider: provider({
          practices: [
            { organizationName: "Alpha Clinic", locations: [{ name: "North", formattedAddress: "1 North Rd" }, { name: "South", formattedAddress: "2 South Rd" }] },
            { organizationName: "Beta Practice", locations: [{ name: "Beta Practice", formattedAddress: "3 Beta St" }] },
          ],
        }),
        appUrl: APP_URL,
      }),
    );

    expect(values(card, "org")).toEqual([]);
    expect(values(card, "adr").map((adr) => (adr as string[])[2])).toEqual(["1 North Rd", "2 South Rd", "3 Beta St"]);
    expect(values(card, "label")).toEqual(["Alpha Clinic\nNorth\n1 North Rd", "Alpha Clinic\nSouth\n2 South Rd", "Beta Practice\n3 Beta St"]);
  });

  it("leaves out what the provider does not have and writes the same text for the same details", () => {
    const details = provider({ specialties: [], practices: [] });
    const text = buildProviderVCard({ provider: details, appUrl: "http://localhost:3000" });
    const card = parse(text);

    for (const name of ["title", "org", "adr", "label", "rev"]) expect(values(card, name)).toEqual([]);
    expect(card.getFirstPropertyValue("url")).toBe("http://localhost:3000/providers/dr-lee");
    expect(buildProviderVCard({ provider: details, appUrl: "http://localhost:3000" })).toBe(text);
  });

  it("refuses an empty name or a relative app URL, naming the field", () => {
    expect(() => buildProviderVCard({ provider: provider({ displayName: " \r\n " }), appUrl: APP_URL })).toThrow(
      expect.objectContaining({ code: "VALIDATION", details: { fieldErrors: { "provider.displayName": ["Must not be empty."] } } }),
    );
    expect(() => buildProviderVCard({ provider: provider(), appUrl: "/relative" })).toThrow(
      expect.objectContaining({ code: "VALIDATION", details: { fieldErrors: { appUrl: ["Must be an absolute http(s) URL."] } } }),
    );
  });
});

describe("buildPatientVCard", () => {
  it("writes the patient's name, email and mobile number", () => {
    const text = buildPatientVCard({
      patient: { userId: "9d1c6a0e-2b4f-4c8e-8f0a-1b2c3d4e5f60", name: "Thandi van der Merwe, Jr.", email: "thandi@example.test", phone: "+27825550101" },
    });
    const card = parse(text);

    expect(card.getFirstPropertyValue("version")).toBe("3.0");
    expect(card.getFirstPropertyValue("fn")).toBe("Thandi van der Merwe, Jr.");
    expect(card.getFirstPropertyValue("n")).toEqual(["Thandi van der Merwe, Jr.", "", "", "", ""]);
    expect(values(card, "email")).toEqual(["thandi@example.test"]);
    expect(values(card, "tel")).toEqual(["+27825550101"]);
    expect(card.getFirstProperty("tel")?.getParameter("type")).toBe("CELL");
    expect(card.getFirstPropertyValue("uid")).toBe("urn:uuid:9d1c6a0e-2b4f-4c8e-8f0a-1b2c3d4e5f60");
  });

  it("writes a guest without a phone or UID, and drops control characters", () => {
    const card = parse(buildPatientVCard({ patient: { userId: null, name: "Léa\u0007 Dubois;\rMartin", email: "lea@example.test", phone: null } }));

    expect(textValue(card, "fn")).toBe("Léa Dubois;\nMartin");
    expect(values(card, "tel")).toEqual([]);
    expect(values(card, "uid")).toEqual([]);
    expect(values(card, "email")).toEqual(["lea@example.test"]);
  });

  it("refuses a patient without a name", () => {
    expect(() => buildPatientVCard({ patient: { userId: null, name: "", email: "x@example.test", phone: null } })).toThrow(
      expect.objectContaining({ code: "VALIDATION", details: { fieldErrors: { "patient.name": ["Must not be empty."] } } }),
    );
  });
});
