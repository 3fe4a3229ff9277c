import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";

import { WebhookPoster } from "./webhook-post";

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: number;
}

const servers: http.Server[] = [];
const posters: WebhookPoster[] = [];

async function startApp(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const received: Received[] = [];
  const sockets = new Map<unknown, number>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size + 1);
      received.push({ method: req.method, url: req.url, headers: req.headers, body, socket: sockets.get(req.socket)! });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

function poster(): WebhookPoster {
  const created = new WebhookPoster();
  posters.push(created);
  return created;
}

afterEach(async () => {
  for (const created of posters.splice(0)) created.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe("WebhookPoster", () => {
  it("posts the body with the vendor's headers plus those fetch() added, and answers the app's status", async () => {
    const app = await startApp((_req, res) => res.writeHead(204).end());
    const result = await poster().post(
      `${app.url}/api/webhooks/twilio/status?ref=abc`,
      { "content-type": "application/x-www-form-urlencoded", "user-agent": "TwilioProxy/1.1", "x-twilio-signature": "sig=" },
      "MessageStatus=sent&To=%2B27820000001",
      15_000,
    );
    expect(result).toEqual({ statusCode: 204, error: null });
    expect(app.received).toHaveLength(1);
    const [request] = app.received;
    expect(request).toMatchObject({ method: "POST", url: "/api/webhooks/twilio/status?ref=abc", body: "MessageStatus=sent&To=%2B27820000001" });
    expect(request?.headers).toMatchObject({
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": "TwilioProxy/1.1",
      "x-twilio-signature": "sig=",
      "content-length": "36",
      accept: "*/*",
      "accept-language": "*",
      "sec-fetch-mode": "cors",
      "accept-encoding": "gzip, deflate",
      connection: "keep-alive",
    });
  });

  it("keeps one connection for consecutive posts", async () => {
    const app = await startApp((_req, res) => res.writeHead(200).end("ok"));
    const sender = poster();
    for (let index = 0; index < 3; index += 1) {
      expect(await sender.post(`${app.url}/hook`, {}, `n=${index}`, 15_000)).toEqual({ statusCode: 200, error: null });
    }
    expect(app.received.map((request) => request.socket)).toEqual([1, 1, 1]);
  });

  it("follows no redirect: a 3xx is the answer", async () => {
    const app = await startApp((_req, res) => res.writeHead(302, { location: "/elsewhere" }).end());
    expect(await poster().post(`${app.url}/hook`, {}, "x", 15_000)).toEqual({ statusCode: 302, error: null });
    expect(app.received.map((request) => request.url)).toEqual(["/hook"]);
  });

  it("words failures as fetch() did, since the Inbox shows them", async () => {
    const app = await startApp(() => undefined); // never answers
    const closed = await startApp((_req, res) => res.end());
    const closedUrl = closed.url;
    closed.server.closeAllConnections();
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    servers.splice(servers.indexOf(closed.server), 1);

    const sender = poster();
    expect(await sender.post(`${app.url}/hook`, {}, "x", 200)).toEqual({ statusCode: null, error: "The operation was aborted due to timeout" });
    expect(await sender.post(`${closedUrl}/hook`, {}, "x", 15_000)).toEqual({ statusCode: null, error: "fetch failed" });
    expect(await sender.post("not a url", {}, "x", 15_000)).toEqual({ statusCode: null, error: "Failed to parse URL from not a url" });
    expect(await sender.post("ftp://127.0.0.1/hook", {}, "x", 15_000)).toEqual({ statusCode: null, error: "fetch failed" });
  });

  it("sends again on a new connection when the kept-alive one was reset before carrying the post", async () => {
    // A raw server that resets its first connection when a second request arrives on it, as when
    // a server drops an idle connection at the moment the client reuses it.
    const bodies: string[] = [];
    let connections = 0;
    const server = net.createServer((socket) => {
      connections += 1;
      const connection = connections;
      let requests = 0;
      socket.on("data", (chunk) => {
        requests += 1;
        if (connection === 1 && requests === 2) {
          socket.resetAndDestroy();
          return;
        }
        bodies.push(chunk.toString("utf8").split("\r\n\r\n")[1] ?? "");
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\nok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const sender = poster();
      expect(await sender.post(url, {}, "first", 15_000)).toEqual({ statusCode: 200, error: null });
      expect(await sender.post(url, {}, "second", 15_000)).toEqual({ statusCode: 200, error: null });
      expect(bodies).toEqual(["first", "second"]);
      expect(connections).toBe(2);
    } finally {
      for (const created of posters.splice(0)) created.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
