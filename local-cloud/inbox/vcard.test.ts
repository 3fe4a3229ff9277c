import http from "node:http";
import type { AddressInfo } from "node:net";

import { describe, expect, it } from "vitest";

import { createMediaResolver } from "./media";
import { parseVCard } from "./vcard";

describe("parseVCard", () => {
  it("reads the name, organisation, phones and emails, unfolding long lines", () => {
    const card = parseVCard(
      "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Lovelace;Ada;;Dr;\r\nORG:Cape Town\\, Clinic\r\nitem1.TEL;TYPE=work:tel:+2711\r\n 5550100\r\nEMAIL;TYPE=work:ada@example.com\r\nEND:VCARD",
    );
    expect(card).toEqual({ name: "Ada Lovelace", organization: "Cape Town, Clinic", phones: ["+27115550100"], emails: ["ada@example.com"] });
  });

  it("is undefined for anything that is not a vCard", () => {
    expect(parseVCard("<html></html>")).toBeUndefined();
  });
});

describe("media resolver", () => {
  it("fetches a URL without an extension once to learn it is a vCard", async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { "content-type": "text/vcard; charset=utf-8" }).end("BEGIN:VCARD\nFN:Front desk\nTEL:+27115550199\nEND:VCARD\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/contact`;
      const resolver = createMediaResolver({ blob: undefined, fetchTimeoutMs: 1_000 });
      const index = resolver.blobIndex(undefined);
      const view = await resolver.resolve(url, index);
      expect(view).toEqual({ kind: "vcard", href: url, card: { name: "Front desk", organization: undefined, phones: ["+27115550199"], emails: [] } });
      await resolver.resolve(url, index);
      expect(hits).toBe(1);
      expect(await resolver.resolve("https://cdn.example.com/x-ray.JPG", index)).toMatchObject({ kind: "image" });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
