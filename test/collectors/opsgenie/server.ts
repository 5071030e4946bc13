import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** An Opsgenie incident or alert as the fake serves it (the documented fields). */
export type FakeItem = Record<string, unknown> & { id: string; createdAt: string; tags?: string[] };

/**
 * Opsgenie's REST API on loopback: `GET /v1/incidents` and `GET /v2/alerts`
 * with `query` (the `createdAt >= ms AND createdAt < ms` window and an
 * optional `tag: X` clause), offset/limit, sort=createdAt, paging.next links,
 * behind `Authorization: GenieKey …`.
 */
export class FakeOpsgenie {
  incidents: FakeItem[] = [];
  alerts: FakeItem[] = [];
  requests: URL[] = [];
  private server: Server;
  private base = "";

  constructor(readonly apiKey: string) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.base);
    this.requests.push(url);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ ...(body as object), took: 0.01, requestId: "req-1" }));
    };
    if (req.headers.authorization !== `GenieKey ${this.apiKey}`)
      return send(401, { message: "Could not authenticate" });
    const list = url.pathname === "/v1/incidents" ? this.incidents : url.pathname === "/v2/alerts" ? this.alerts : null;
    if (!list) return send(404, { message: "Not found" });
    const query = url.searchParams.get("query") ?? "";
    const from = Number(/createdAt >= (\d+)/.exec(query)?.[1] ?? 0),
      to = Number(/createdAt < (\d+)/.exec(query)?.[1] ?? Infinity);
    const tag = /tag: ([\w-]+)/.exec(query)?.[1];
    const offset = Number(url.searchParams.get("offset") ?? 0),
      limit = Number(url.searchParams.get("limit") ?? 20);
    if (url.searchParams.get("sort") !== "createdAt" || url.searchParams.get("order") !== "asc")
      return send(422, { message: "expected sort=createdAt order=asc" });
    const matching = list
      .filter((i) => Date.parse(i.createdAt) >= from && Date.parse(i.createdAt) < to && (!tag || i.tags?.includes(tag)))
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const next = new URL(url);
    next.searchParams.set("offset", String(offset + limit));
    send(200, {
      data: matching.slice(offset, offset + limit),
      paging: { first: url.toString(), ...(offset + limit < matching.length ? { next: next.toString() } : {}) },
    });
  }
}
