import { describe, expect, it } from "vitest";
import { maskAddress, maskEmail, maskPhone } from "./mask-contact";

describe("maskEmail", () => {
  it("keeps the first letter and the domain", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j***@example.com");
    expect(maskEmail("x@example.com")).toBe("x***@example.com");
  });
  it("uses the last @ (a quoted local part may hold one)", () => {
    expect(maskEmail('"a@b"@example.com')).toBe('"***@example.com');
  });
  it("hides text that is not an email", () => {
    expect(maskEmail("nobody")).toBe("n***");
  });
});

describe("maskPhone", () => {
  it("keeps the country code start and the last three digits", () => {
    expect(maskPhone("+447700900777")).toBe("+44*******777");
  });
  it("hides short numbers entirely", () => {
    expect(maskPhone("12345")).toBe("*****");
  });
});

describe("maskAddress", () => {
  it("masks by kind", () => {
    expect(maskAddress("pat@example.test")).toBe("p***@example.test");
    expect(maskAddress("+15551234567")).toBe("+15******567");
  });
});
