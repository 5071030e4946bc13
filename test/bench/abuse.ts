/**
 * `node --conditions=react-server --import tsx test/bench/abuse.ts`: the load
 * figures of issue 13's findings 1, 3 and 6, against the demo workspace:
 * 1. the hostile weekly series (refused) and the longest allowed one, with RSS;
 * 3. five concurrent report.pdf requests to a running production build (how many print, how many get 429);
 * 6. a 4.8 MB body of 2.4 M bad lines to the events API, and how long a concurrent API call waits.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeDatabase, openDatabase } from "@/db/client";
import { ensureBuild, startAppServer } from "@/lib/report/app-server";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import { createDemoWorkspace } from "@/lib/service/demo";
import { createToken, OPERATOR } from "@/lib/service/access";
import { DAY_MS } from "@/lib/time";
import { addTestUser, signInOverHttp } from "../support/browser";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const say = (text: string) => process.stdout.write(`${text}\n`);
const dir = mkdtempSync(path.join(os.tmpdir(), "altimeter-bench-abuse-"));
const dbFile = path.join(dir, "altimeter.db");
process.env.ALTIMETER_DB = dbFile;
process.env.ALTIMETER_EVENTS_TOKEN_FLOOD = "bench-token";
const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`;

try {
  const db = await openDatabase(dbFile);
  await createDemoWorkspace(db, { slug: "demo", now: Date.now() });
  await ensureWorkspace(db, "flood");
  // Every API call and page needs a caller: a read token for the API, a signed-in viewer for the PDF.
  const { token } = await createToken(db, OPERATOR, "demo", { name: "bench", scope: "read:metrics" });
  const viewer = await addTestUser(db, "bench@altimeter.test", { demo: "viewer" });
  const { GET } = await import("@/app/api/v1/workspaces/[workspace]/metrics/route");
  const { POST } = await import("@/app/api/events/route");
  const metrics = (query: string) =>
    GET(
      new Request(`http://bench/api/v1/workspaces/demo/metrics?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      {
        params: Promise.resolve({ workspace: "demo" }),
      },
    );
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  await metrics(`from=${day(today - 91 * DAY_MS)}&to=${day(today)}`); // warm the facts

  // 1.
  let t = performance.now();
  const hostile = await metrics("from=1000-01-01&to=9999-12-31&series=week");
  say(`1. hostile series 1000-01-01..9999-12-31: ${hostile.status} in ${ms(t)}`);
  t = performance.now();
  const longest = await metrics(`from=${day(today - 1096 * DAY_MS)}&to=${day(today)}&series=week`);
  const weeks = ((await longest.json()) as { series: unknown[] }).series.length;
  say(
    `   longest allowed series (1,096 days, ${weeks} weeks): ${longest.status} in ${ms(t)}, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );

  // 6.
  const body = `${JSON.stringify({ type: "repository", id: "r", name: "n", createdAt: "2026-01-01T00:00:00Z" })}\n${"x\n".repeat(2_400_000)}`;
  t = performance.now();
  const flood = POST(
    new Request("http://bench/api/events?workspace=flood", {
      method: "POST",
      headers: { authorization: "Bearer bench-token", "content-type": "application/x-ndjson" },
      body,
    }),
  );
  const t2 = performance.now();
  const waited = metrics(`from=${day(today - 91 * DAY_MS)}&to=${day(today)}`).then(() => performance.now() - t2);
  const answer = await flood;
  const floodMs = performance.now() - t;
  say(
    `6. events API, ${(body.length / 1e6).toFixed(1)} MB of 2.4 M bad lines: ${answer.status} in ${floodMs.toFixed(0)} ms; a concurrent metrics call waited ${(await waited).toFixed(0)} ms`,
  );
  await closeDatabase(db);

  // 3.
  await ensureBuild(root, say);
  const server = await startAppServer({ appDir: root, dbFile });
  try {
    const cookie = await signInOverHttp(server.url, viewer);
    t = performance.now();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(async () => {
        const started = performance.now();
        const res = await fetch(`${server.url}/w/demo/report.pdf`, { headers: { cookie } });
        await res.arrayBuffer();
        return { status: res.status, retryAfter: res.headers.get("retry-after"), ms: performance.now() - started };
      }),
    );
    say(
      `3. five concurrent report.pdf requests: ${results.map((r) => `${r.status}${r.retryAfter ? ` (Retry-After ${r.retryAfter})` : ""} ${r.ms.toFixed(0)} ms`).join(", ")}; all answered in ${ms(t)}`,
    );
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
