/**
 * What vcards-js 2.11 leaves to us, so its output is a valid vCard 3.0 (RFC 2426) in UTF-8:
 * - it escapes ";" only in structured values (N, ADR), but a text value must escape it too; in
 *   ORG an unescaped ";" even splits the name into organizational units;
 * - it folds lines every 75 UTF-16 code units, which can cut an emoji's surrogate pair in two (each
 *   half then becomes U+FFFD in UTF-8) and overruns the 75-octet line limit with accented text;
 * - it stamps REV with the clock, so two builds of the same details would differ and the stored
 *   content hash could never tell that nothing changed.
 */

const LINE_BREAK = "\r\n";
const MAX_LINE_OCTETS = 75;
/** Text-valued properties vcards-js writes with commas and newlines escaped but not semicolons. */
const TEXT_PROPERTIES = new Set(["FN", "TITLE", "ROLE", "ORG", "NOTE", "LABEL", "NICKNAME"]);

/**
 * A field value as people type it, made safe for vcards-js: one kind of line break (a lone CR
 * would end the content line early) and no other control characters, which RFC 2426 text
 * values do not allow.
 */
export function cleanCardText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, "\n")
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")
      .trim()
  );
}

/** The content lines of a card with folding undone (RFC 2426 §2.6: CRLF followed by one space). */
export function unfoldCardLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split(LINE_BREAK)) {
    if (line.startsWith(" ") && lines.length > 0) lines[lines.length - 1] += line.slice(1);
    else if (line !== "") lines.push(line);
  }
  return lines;
}

function propertyName(line: string): string {
  return (/^[A-Za-z0-9-]+/.exec(line)?.[0] ?? "").toUpperCase();
}

/** Escapes every ";" not already escaped; a backslash always starts a two-character escape. */
function escapeBareSemicolons(value: string): string {
  let escaped = "";
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    if (char === "\\") {
      escaped += value.slice(index, index + 2);
      index++;
    } else {
      escaped += char === ";" ? "\\;" : char;
    }
  }
  return escaped;
}

function escapeTextValue(line: string): string {
  // Our parameters (TYPE=WORK,PREF) never contain ":", so the first one starts the value.
  const colon = line.indexOf(":");
  return line.slice(0, colon + 1) + escapeBareSemicolons(line.slice(colon + 1));
}

/** Folds at 75 octets, between code points, so no UTF-8 sequence is cut. */
function foldLine(line: string): string {
  const segments: string[] = [];
  let segment = "";
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    if (octets + size > limit) {
      segments.push(segment);
      segment = "";
      octets = 0;
      // Continuation lines start with the space that unfolding removes.
      limit = MAX_LINE_OCTETS - 1;
    }
    segment += char;
    octets += size;
  }
  segments.push(segment);
  return segments.join(`${LINE_BREAK} `);
}

/**
 * Turns vcards-js output into the card we store: REV dropped, `extraLines` (unfolded content
 * lines, e.g. further addresses) placed before END, text values escaped, lines folded by octets.
 */
export function finishCard(generated: string, extraLines: readonly string[] = []): string {
  const lines = unfoldCardLines(generated).filter((line) => propertyName(line) !== "REV");
  const end = lines.findIndex((line) => line.toUpperCase() === "END:VCARD");
  if (end < 0) throw new Error("vcards-js produced a card without END:VCARD");
  lines.splice(end, 0, ...extraLines);
  return lines
    .map((line) => (TEXT_PROPERTIES.has(propertyName(line)) ? escapeTextValue(line) : line))
    .map(foldLine)
    .map((line) => line + LINE_BREAK)
    .join("");
}
