/** Just enough of RFC 6350 to show a contact card: name, organisation, phones and emails. */
export interface VCard {
  name: string | undefined;
  organization: string | undefined;
  phones: string[];
  emails: string[];
}

function unescape(value: string): string {
  return value.replace(/\\([,;\\nN])/g, (_match, char: string) => (char === "n" || char === "N" ? "\n" : char));
}

export function parseVCard(text: string): VCard | undefined {
  if (!/^BEGIN:VCARD/im.test(text)) return undefined;
  // Long lines are folded with CRLF followed by a space or tab.
  const lines = text.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
  const card: VCard = { name: undefined, organization: undefined, phones: [], emails: [] };
  let structuredName: string | undefined;
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const property = (line.slice(0, colon).split(";")[0] ?? "").replace(/^[\w-]+\./, "").toUpperCase();
    const value = line.slice(colon + 1).trim();
    if (value === "") continue;
    if (property === "FN") card.name ??= unescape(value);
    else if (property === "N") {
      const [family = "", given = ""] = value.split(";").map(unescape);
      structuredName = [given, family].filter(Boolean).join(" ") || undefined;
    } else if (property === "ORG") card.organization ??= unescape(value.split(";")[0] ?? "");
    else if (property === "TEL") card.phones.push(unescape(value.replace(/^tel:/i, "")));
    else if (property === "EMAIL") card.emails.push(unescape(value.replace(/^mailto:/i, "")));
  }
  card.name ??= structuredName;
  return card;
}
