import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { printPdf } from "@/lib/report/print";
import { findChromium } from "@/lib/report/chromium";
import { PRINT_TIME_CAP_MS, printQueue } from "@/lib/service/report-pdf";
import { freshDatabase, importObjects } from "../support/db";
import { repository } from "../factories";
import { adminRequest } from "../support/session";

// Finding 3: report.pdf queued without bound, printed without a cap, and took its cover name from the address.
const store = await freshDatabase();
process.env.ALTIMETER_DB = store.file;
const { GET } = await import("@/app/w/[workspace]/report.pdf/route");

let server: Server;
let origin: string;
beforeAll(async () => {
  await importObjects(store.db, "demo", [repository({ id: "repo" })]);
  // A report page that answers but never says its charts are drawn.
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>never ready</title><p>drawing…</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.dispose();
});

const requestPdf = async () =>
  GET(await adminRequest("http://localhost/w/demo/report.pdf?from=2026-01-05&to=2026-01-12"), {
    params: Promise.resolve({ workspace: "demo" }),
  });

describe("report.pdf under a flood", () => {
  test("with one print running and two waiting, a fourth request is a 429 with Retry-After and starts nothing", async () => {
    const releases: (() => void)[] = [];
    const started: number[] = [];
    const held = [1, 2, 3].map((n) =>
      printQueue.run(async () => {
        started.push(n);
        await new Promise<void>((resolve) => releases.push(resolve));
      }),
    );
    expect(printQueue.size).toBe(3);
    const refused = await requestPdf();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("too_many_requests");
    expect(body.error.message).toMatch(/^3 reports are being printed or waiting \(at most 3\): try again in \d+ s$/);
    // The held jobs run one at a time, in order, and the queue empties.
    expect(started).toEqual([1]);
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()!();
      await held[i];
    }
    expect(started).toEqual([1, 2, 3]);
    expect(printQueue.size).toBe(0);
  });

  test("a print that overruns its time cap is stopped with a message naming the cap", async () => {
    expect(PRINT_TIME_CAP_MS).toBeLessThanOrEqual(60_000);
    await expect(
      printPdf({ chromium: findChromium({}), url: `${origin}/w/demo/report`, footer: "test", timeoutMs: 5_000 }),
    ).rejects.toThrow(`printing ${origin}/w/demo/report took over 5 s and was stopped; nothing was printed`);
  });

  test("the cover's name is not taken from the address: ?preparedBy is not passed on to the page printed", async () => {
    const { reportPagePath } = await import("@/lib/report/paths");
    const address = { workspace: "demo", from: "2026-01-05", to: "2026-01-12", preparedBy: "Mallory" };
    expect(reportPagePath(address)).toBe("/w/demo/report?from=2026-01-05&to=2026-01-12");
  });

  test("the cover's name is the app's setting: ALTIMETER_REPORT_PREPARED_BY over the config", async () => {
    const { reportCoverName } = await import("@/lib/service/report");
    process.env.ALTIMETER_REPORT_PREPARED_BY = "  Ana Rao  ";
    expect(reportCoverName()).toBe("Ana Rao");
    delete process.env.ALTIMETER_REPORT_PREPARED_BY;
  });
});
