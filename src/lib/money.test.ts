import { describe, expect, it } from "vitest";
import { formatMoney } from "./money";

describe("formatMoney", () => {
  it("uses the currency's own minor unit", () => {
    expect(formatMoney(12_050, "EUR", "en")).toBe("€120.50");
    expect(formatMoney(5_000, "JPY", "en")).toBe("¥5,000");
    expect(formatMoney(1_234, "KWD", "en")).toBe("KWD\u00a01.234");
  });
});
