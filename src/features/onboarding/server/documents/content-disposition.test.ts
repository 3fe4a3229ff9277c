import { describe, expect, it } from "vitest";
import { documentContentDisposition } from "./content-disposition";

describe("documentContentDisposition", () => {
  it("shows images inline and offers PDFs as downloads, under the provider's name", () => {
    expect(documentContentDisposition("licence.pdf", "application/pdf")).toBe(`attachment; filename="licence.pdf"; filename*=UTF-8''licence.pdf`);
    expect(documentContentDisposition("scan.JPG", "image/jpeg")).toBe(`inline; filename="scan.JPG"; filename*=UTF-8''scan.JPG`);
  });

  it("gives the name the content's extension when it lacks it", () => {
    expect(documentContentDisposition("licence", "image/png")).toBe(`inline; filename="licence.png"; filename*=UTF-8''licence.png`);
  });

  it("keeps quotes, semicolons and non-ASCII out of the fallback and encodes them in filename*", () => {
    expect(documentContentDisposition(`Dr "Müller"; x=1 (2026).pdf`, "application/pdf")).toBe(
      `attachment; filename="Dr _M_ller_ x_1 (2026).pdf"; filename*=UTF-8''Dr%20%22M%C3%BCller%22%3B%20x%3D1%20%282026%29.pdf`,
    );
  });

  it("offers anything else as a download", () => {
    expect(documentContentDisposition("notes", "application/octet-stream")).toBe(`attachment; filename="notes"; filename*=UTF-8''notes`);
  });
});
