import { describe, expect, it } from "vitest";
import { requestMetaFromHeaders } from "@/server/trpc/context";
import { clientIpFromForwardedFor, normalizeIp } from "./client-ip";
import { clientKeyFromIp, emailKey, phoneKey, storedKey, UNKNOWN_CLIENT_KEY } from "./keys";

describe("client address from trusted proxy hops", () => {
  it("takes the entry appended by the outermost trusted proxy (length − hops)", () => {
    expect(clientIpFromForwardedFor("203.0.113.7", 1)).toBe("203.0.113.7");
    // client → proxy A (appends client) → proxy B (appends A) → app
    expect(clientIpFromForwardedFor("203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
  });

  it("ignores whatever the client put in front of the trusted entries", () => {
    expect(clientIpFromForwardedFor("1.1.1.1, 8.8.8.8, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientIpFromForwardedFor("1.1.1.1, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    // Each spoofed prefix still gives the same client, so rotating it does not escape a limit.
    const spoofs = ["9.9.9.9", "9.9.9.9, 8.8.4.4", "garbage, 1.2.3.4"];
    expect(new Set(spoofs.map((prefix) => clientIpFromForwardedFor(`${prefix}, 203.0.113.7`, 1)))).toEqual(new Set(["203.0.113.7"]));
  });

  it("knows no client when there are fewer entries than trusted hops, no header, or hops = 0", () => {
    expect(clientIpFromForwardedFor("203.0.113.7", 2)).toBeNull();
    expect(clientIpFromForwardedFor(null, 1)).toBeNull();
    expect(clientIpFromForwardedFor("", 1)).toBeNull();
    expect(clientIpFromForwardedFor("203.0.113.7", 0)).toBeNull();
    expect(clientIpFromForwardedFor("203.0.113.7", -1)).toBeNull();
    expect(clientIpFromForwardedFor("203.0.113.7", 1.5)).toBeNull();
  });

  it("reads IPv6, bracketed forms with ports, IPv4 with a port and IPv4-mapped IPv6", () => {
    expect(clientIpFromForwardedFor("2001:DB8::1", 1)).toBe("2001:db8::1");
    expect(clientIpFromForwardedFor("[2001:db8::1]:443", 1)).toBe("2001:db8::1");
    expect(clientIpFromForwardedFor("203.0.113.7:51234", 1)).toBe("203.0.113.7");
    expect(clientIpFromForwardedFor("::ffff:203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientIpFromForwardedFor("fe80::1%eth0", 1)).toBe("fe80::1");
  });

  it("gives null for garbage in the trusted position rather than a key the client can vary", () => {
    for (const entry of ["unknown", "_hidden", "999.1.1.1", "1.2.3", "not an ip", "<script>", "2001:db8::g", "a".repeat(100)]) {
      expect(clientIpFromForwardedFor(`203.0.113.7, ${entry}`, 1)).toBeNull();
    }
    expect(normalizeIp("   ")).toBeNull();
    expect(clientIpFromForwardedFor("203.0.113.7,", 1)).toBeNull();
  });
});

describe("request metadata", () => {
  it("gives the request's ipAddress from the trusted hop, never from the raw first entry", () => {
    const forged = new Headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.7", "x-real-ip": "1.1.1.1" });
    expect(requestMetaFromHeaders(forged).ipAddress).toBe("203.0.113.7");
    expect(requestMetaFromHeaders(new Headers({ "x-forwarded-for": "198.51.100.9" })).ipAddress).toBe("198.51.100.9");
    expect(requestMetaFromHeaders(new Headers({ "x-real-ip": "1.1.1.1" })).ipAddress).toBeNull();
  });

  it("keeps a well-formed x-request-id and replaces free text with a generated one", () => {
    expect(requestMetaFromHeaders(new Headers({ "x-request-id": "abc-123" })).requestId).toBe("abc-123");
    const replaced = requestMetaFromHeaders(new Headers({ "x-request-id": "jane@example.test said hi" })).requestId;
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("rate-limit keys", () => {
  it("keys IPv4 by address and IPv6 by its /64, so one subscriber cannot rotate addresses", () => {
    expect(clientKeyFromIp("203.0.113.7")).toBe("203.0.113.7");
    expect(clientKeyFromIp("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKeyFromIp("2001:db8:1:2:ffff:ffff:ffff:fffe")).toBe("2001:db8:1:2::/64");
    expect(clientKeyFromIp("2001:0db8:0001:0002::9")).toBe("2001:db8:1:2::/64");
    expect(clientKeyFromIp("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKeyFromIp("::1")).toBe("0:0:0:0::/64");
    expect(clientKeyFromIp(null)).toBe(UNKNOWN_CLIENT_KEY);
  });

  it("counts one email however it is cased and a phone as given", () => {
    expect(emailKey(" Sam@Example.TEST ")).toBe("sam@example.test");
    expect(phoneKey(" +447700900123 ")).toBe("+447700900123");
  });

  it("stores a fixed-length hash, never the address or contact itself", () => {
    const stored = storedKey(`sam@example.test${"x".repeat(300)}`);
    expect(stored).toHaveLength(43);
    expect(stored).not.toContain("sam");
  });
});
