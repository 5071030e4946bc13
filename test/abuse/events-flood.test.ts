import { afterAll, describe, expect, test } from "vitest";
import { importSources } from "@/lib/import/importer";
import { EVENTS_LISTED_REJECTIONS, EVENTS_MAX_REJECTIONS } from "@/lib/service/events-api";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import { freshDatabase } from "../support/db";
import { deployment, repository } from "../factories";

// Finding 6: 2.4 M bad lines took 23 s and held every other request for as long.
const store = await freshDatabase();
process.env.ALTIMETER_DB = store.file;
process.env.ALTIMETER_EVENTS_TOKEN_FLOOD = "flood-token";
const { POST } = await import("@/app/api/events/route");
await ensureWorkspace(store.db, "flood");
afterAll(() => store.dispose());

const post = (body: BodyInit) =>
  POST(
    new Request("http://localhost/api/events?workspace=flood", {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", authorization: "Bearer flood-token" },
      body,
      // @ts-expect-error Node's fetch needs this for a streamed body.
      duplex: "half",
    }),
  );

describe("the events API under a flood of bad lines", () => {
  test("4.8 MB of 2.4 M bad lines is answered after the rejection cap, listing few and saying where it stopped", async () => {
    const body = `${JSON.stringify(repository({ id: "repo" }))}\n${"x\n".repeat(2_400_000)}`;
    const res = await post(body);
    expect(res.status).toBe(207);
    const summary = (await res.json()) as {
      imported: Record<string, number>;
      rejected: { line: number }[];
      rejectedTotal: number;
      stopped: string;
    };
    expect(summary.imported).toEqual({ repository: 1 });
    expect(summary.rejectedTotal).toBe(EVENTS_MAX_REJECTIONS);
    expect(summary.rejected).toHaveLength(EVENTS_LISTED_REJECTIONS);
    expect(summary.stopped).toBe(
      `stopped reading at body line ${EVENTS_MAX_REJECTIONS + 1}: ${EVENTS_MAX_REJECTIONS} lines were rejected (at most ${EVENTS_MAX_REJECTIONS} are checked); fix them and send the rest again`,
    );
  });

  test("a streamed body is imported as it arrives: lines after the cap are never pulled from the client", async () => {
    let pulled = 0;
    const chunks = 10_000;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === chunks) return controller.close();
        pulled++;
        controller.enqueue(new TextEncoder().encode("not json\n".repeat(10)));
      },
    });
    const res = await post(stream);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { rejectedTotal: number }).rejectedTotal).toBe(EVENTS_MAX_REJECTIONS);
    // 1,000 bad lines need 100 chunks; a little read-ahead aside, the other 9,900 were never read.
    expect(pulled).toBeLessThan(200);
  });

  test("an import yields to the event loop, so other work runs before it ends", async () => {
    let importDone = false;
    let ranDuringImport: boolean | null = null;
    setImmediate(() => {
      ranDuringImport = !importDone;
    });
    const records = Array.from({ length: 20_000 }, (_, i) => deployment({ id: `d-${i}`, repositoryId: "repo" }));
    await importSources(store.db, { workspace: "flood", sources: [{ name: "many", format: "objects", records }] });
    importDone = true;
    expect(ranDuringImport).toBe(true);
  });
});

describe("finding 9: the events API never creates a workspace", () => {
  test("a valid token for a workspace nobody created is a 404, and no workspace appears", async () => {
    process.env.ALTIMETER_EVENTS_TOKEN_GHOST = "ghost-token";
    const res = await POST(
      new Request("http://localhost/api/events?workspace=ghost", {
        method: "POST",
        headers: { "content-type": "application/x-ndjson", authorization: "Bearer ghost-token" },
        body: `${JSON.stringify(repository({ id: "r" }))}\n`,
      }),
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: 'unknown workspace "ghost"' } });
    expect(await store.db.value("SELECT count(*) FROM workspaces WHERE slug = 'ghost'")).toBe(0);
  });
});
