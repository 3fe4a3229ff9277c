import { describe, expect, it } from "vitest";
import { containsPattern, escapeLike, isUuid, phoneDigits } from "./search-text";

describe("search text", () => {
  it("escapes LIKE wildcards and the escape character", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(containsPattern("a_b")).toBe("%a\\_b%");
  });

  it("recognises an id", () => {
    expect(isUuid("3f2504e0-4f89-41d3-9a0c-0305e82c3301")).toBe(true);
    expect(isUuid("3f2504e0")).toBe(false);
  });

  it("reads phone-like queries as digits without the trunk zero", () => {
    expect(phoneDigits("07700 900777")).toBe("7700900777");
    expect(phoneDigits("+44 (7700) 900-777")).toBe("447700900777");
    expect(phoneDigits("jane")).toBeNull();
    expect(phoneDigits("012")).toBeNull();
  });
});
