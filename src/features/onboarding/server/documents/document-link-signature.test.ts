import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SKIP_ENV_VALIDATION = "1";
  process.env.NEXTAUTH_SECRET = "unit-tests-only-secret-0123456789abcdef";
});

const { checkDocumentLink, documentLinkPath, DOCUMENT_LINK_SECONDS } = await import("./document-link-signature");

const DOCUMENT = "3f0c2b1a-9d8e-4f7a-8b6c-5d4e3f2a1b0c";
const VIEWER = "0b6f5a4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e";
const NOW = new Date("2027-03-01T08:00:00.250Z");
const EXPIRES = Math.floor(NOW.getTime() / 1000) + DOCUMENT_LINK_SECONDS;

function query(path: string) {
  const url = new URL(path, "https://medbookings.example");
  return { expires: url.searchParams.get("expires"), signature: url.searchParams.get("signature") };
}

describe("document viewing links", () => {
  const path = documentLinkPath({ documentId: DOCUMENT, viewerUserId: VIEWER, expires: EXPIRES });

  it("are app paths that expire after 5 minutes", () => {
    expect(DOCUMENT_LINK_SECONDS).toBe(300);
    expect(path).toMatch(new RegExp(`^/api/provider-documents/${DOCUMENT}\\?expires=${EXPIRES}&signature=[A-Za-z0-9_-]{43}$`));
  });

  it("are valid for their viewer until they expire", () => {
    expect(checkDocumentLink({ documentId: DOCUMENT, viewerUserId: VIEWER, ...query(path), now: NOW })).toBe("valid");
    expect(checkDocumentLink({ documentId: DOCUMENT, viewerUserId: VIEWER, ...query(path), now: new Date(EXPIRES * 1000) })).toBe("valid");
    expect(checkDocumentLink({ documentId: DOCUMENT, viewerUserId: VIEWER, ...query(path), now: new Date(EXPIRES * 1000 + 1000) })).toBe("expired");
  });

  it("are not valid for anyone else, another document, a moved expiry or a broken signature", () => {
    const { expires, signature } = query(path);
    const other = "11111111-2222-4333-8444-555555555555";
    expect(checkDocumentLink({ documentId: DOCUMENT, viewerUserId: other, expires, signature, now: NOW })).toBe("invalid");
    expect(checkDocumentLink({ documentId: other, viewerUserId: VIEWER, expires, signature, now: NOW })).toBe("invalid");
    expect(checkDocumentLink({ documentId: DOCUMENT, viewerUserId: VIEWER, expires: String(EXPIRES + 3600), signature, now: NOW })).toBe("invalid");
    const flipped = `${signature!.slice(0, -1)}${signature!.endsWith("A") ? "B" : "A"}`;
    expect(checkDocumentLink({ documentId: DOCUMENT, viewerUserId: VIEWER, expires, signature: flipped, now: NOW })).toBe("invalid");
    expect(checkDocumentLink({ documentId: DOCUMENT, viewerUserId: VIEWER, expires, signature: null, now: NOW })).toBe("invalid");
    expect(checkDocumentLink({ documentId: DOCUMENT, viewerUserId: VIEWER, expires: "soon", signature, now: NOW })).toBe("invalid");
  });

  it("say a forged expired link is invalid, not expired", () => {
    const { expires } = query(path);
    expect(checkDocumentLink({ documentId: DOCUMENT, viewerUserId: VIEWER, expires, signature: "x".repeat(43), now: new Date((EXPIRES + 10) * 1000) })).toBe("invalid");
  });
});
