import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** An incident as PagerDuty's REST API v2 documents it (the fields the fake serves). */
export interface FakeIncident {
  id: string;
  incident_number: number;
  title: string;
  status: "triggered" | "acknowledged" | "resolved";
  created_at: string;
  last_status_change_at: string;
  html_url: string;
  urgency: "high" | "low";
  priority: { id: string; summary: string } | null;
  service: { id: string; type: "service_reference"; summary: string };
  teams: { id: string; type: "team_reference"; summary: string }[];
  /** Served by /incidents/{id}/log_entries, not in the incident itself. */
  log?: { type: string; created_at: string }[];
}

/**
 * A PagerDuty REST API v2 on loopback: `GET /incidents` (since/until on
 * created_at, statuses[], service_ids[], offset/limit/more, sort by creation)
 * and `GET /incidents/{id}/log_entries`, behind `Authorization: Token token=…`.
 */
export class FakePagerduty {
  incidents: FakeIncident[] = [];
  requests: URL[] = [];
  /** Status codes to answer the next requests with, before serving normally. */
  faults: number[] = [];
  /** How long each answer takes, to make a sync slow enough to interrupt. */
  delayMs = 0;
  /** While set, every answer waits for it (to hold a sync in the middle, without a clock). */
  hold: Promise<void> | null = null;
  /** Called with the number of each request as it arrives. */
  onRequest: ((n: number) => void) | null = null;
  private server: Server;

  constructor(readonly token: string) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://localhost");
    this.requests.push(url);
    this.onRequest?.(this.requests.length);
    if (this.hold !== null) void this.hold.then(() => this.answer(req, res, url));
    else if (this.delayMs > 0) setTimeout(() => this.answer(req, res, url), this.delayMs);
    else this.answer(req, res, url);
  }

  private answer(req: IncomingMessage, res: ServerResponse, url: URL) {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Token token=${this.token}`)
      return send(401, { error: { message: "Unauthorized", code: 2006 } });
    if (req.headers.accept !== "application/vnd.pagerduty+json;version=2")
      return send(400, { error: { message: "Accept header", code: 2001 } });
    const fault = this.faults.shift();
    if (fault === 429)
      return send(429, { error: { message: "Rate Limit Exceeded", code: 2020 } }, { "retry-after": "0" });
    if (fault) return send(fault, { error: { message: "Bad Gateway" } });
    const log = /^\/incidents\/([^/]+)\/log_entries$/.exec(url.pathname);
    if (log) {
      const incident = this.incidents.find((i) => i.id === decodeURIComponent(log[1]!));
      if (!incident) return send(404, { error: { message: "Not Found", code: 2100 } });
      return send(200, { log_entries: incident.log ?? [], limit: 100, offset: 0, more: false, total: null });
    }
    if (url.pathname !== "/incidents") return send(404, { error: { message: "Not Found", code: 2100 } });
    const q = url.searchParams;
    const since = Date.parse(q.get("since")!),
      until = Date.parse(q.get("until")!);
    const statuses = q.getAll("statuses[]"),
      services = q.getAll("service_ids[]");
    const limit = Number(q.get("limit") ?? 25),
      offset = Number(q.get("offset") ?? 0);
    if (offset + limit > 10_000) return send(400, { error: { message: "Offset must be less than 10000", code: 2001 } });
    const matching = this.incidents
      .filter((i) => Date.parse(i.created_at) >= since && Date.parse(i.created_at) < until)
      .filter((i) => statuses.length === 0 || statuses.includes(i.status))
      .filter((i) => services.length === 0 || services.includes(i.service.id))
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    const page = matching.slice(offset, offset + limit).map(({ log: _log, ...rest }) => ({
      ...rest,
      type: "incident",
      summary: `[#${rest.incident_number}] ${rest.title}`,
    }));
    send(200, { incidents: page, limit, offset, more: offset + limit < matching.length, total: null });
  }
}

/** A PagerDuty incident with defaults. */
export function fakeIncident(n: number, createdAt: string, overrides: Partial<FakeIncident> = {}): FakeIncident {
  return {
    id: `P${String(n).padStart(6, "0")}`,
    incident_number: n,
    title: `Incident ${n}`,
    status: "resolved",
    created_at: createdAt,
    last_status_change_at: new Date(Date.parse(createdAt) + 30 * 60_000).toISOString().replace(".000Z", "Z"),
    html_url: `https://acme.pagerduty.com/incidents/P${n}`,
    urgency: "high",
    priority: null,
    service: { id: "PSVC001", type: "service_reference", summary: "Checkout API" },
    teams: [],
    ...overrides,
  };
}
