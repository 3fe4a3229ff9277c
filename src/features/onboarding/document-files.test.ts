import { describe, expect, it } from "vitest";
import { acceptAttribute, cleanFileName, describeContentTypes, fileNameExtension, fileNameProblem, formatMegabytes, MAX_FILE_NAME_LENGTH } from "./document-files";

const CATALOGUE = ["application/pdf", "image/png", "image/jpeg"];

describe("verification file helpers", () => {
  it("names accepted types and limits for people", () => {
    expect(describeContentTypes(CATALOGUE)).toBe("PDF, PNG or JPEG");
    expect(describeContentTypes(["application/pdf"])).toBe("PDF");
    expect(formatMegabytes(10_485_760)).toBe("10 MB");
    expect(formatMegabytes(5_242_880)).toBe("5 MB");
    expect(formatMegabytes(1_572_864)).toBe("1.5 MB");
    expect(formatMegabytes(2_000)).toBe("0.1 MB");
  });

  it("gives the file input both the types and their extensions", () => {
    expect(acceptAttribute(CATALOGUE)).toBe("application/pdf,.pdf,image/png,.png,image/jpeg,.jpg,.jpeg,.jpe,.jfif");
  });

  it.each([
    "../../etc/passwd.pdf",
    "a\\b.pdf",
    "folder/licence.pdf",
    "licence..pdf",
    "nul\u0000.pdf",
    "bell\u0007.pdf",
    "new\nline.pdf",
    "del\u007f.pdf",
    "licence\u202efdp.exe",
    "zero\u200bwidth.pdf",
    `${"a".repeat(MAX_FILE_NAME_LENGTH - 3)}.pdf`,
  ])("refuses the file name %j", (name) => {
    expect(fileNameProblem(name)).toMatch(/^The file name must not contain a path/);
  });

  it.each(["licence.pdf", "Licence – Dr Müller (2026).PDF", "scan 1.jpeg", `${"a".repeat(MAX_FILE_NAME_LENGTH - 4)}.pdf`])("accepts the file name %j", (name) => {
    expect(fileNameProblem(name)).toBeNull();
  });

  it("keeps a cleaned display name", () => {
    expect(cleanFileName("  my   licence\t.pdf ")).toBe("my licence .pdf");
    expect(cleanFileName("Cafe\u0301.pdf")).toBe("Café.pdf");
    expect(cleanFileName("   ")).toBe("document");
  });

  it("reads an extension only when it looks like one", () => {
    expect(fileNameExtension("licence.PDF")).toBe("pdf");
    expect(fileNameExtension("licence.pdf.exe")).toBe("exe");
    expect(fileNameExtension("scan.2024")).toBeNull();
    expect(fileNameExtension("Dr. Smith licence")).toBeNull();
    expect(fileNameExtension("licence")).toBeNull();
  });
});
