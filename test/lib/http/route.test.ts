import { describe, expect, test, vi } from "vitest";
import { NotFoundError, UnauthorizedError, UnavailableError, ValidationError } from "@/lib/errors";
import { route } from "@/lib/http/route";

const get = (path: string) => new Request(`http://127.0.0.1:3000${path}`);
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

describe("route", () => {
  test("decodes the segments and hands the handler the URL", async () => {
    const handler = route<{ workspace: string }>(async ({ params, url }) =>
      Response.json({ workspace: params.workspace, q: url.searchParams.get("q") }),
    );
    const res = await handler(get("/w/a%20b?q=1"), params({ workspace: "a%20b" }));
    expect(await res.json()).toEqual({ workspace: "a b", q: "1" });
  });

  test("every typed error becomes { error: { code, message } } with its status", async () => {
    const cases: [Error, number, string][] = [
      [new ValidationError("from is not a date"), 400, "invalid_input"],
      [new NotFoundError("not found"), 404, "not_found"],
      [new UnauthorizedError("bad token"), 401, "unauthorized"],
    ];
    for (const [error, status, code] of cases) {
      const res = await route(async () => {
        throw error;
      })(get("/x"));
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: { code, message: error.message } });
    }
  });

  test("a 401 names the Bearer scheme and a busy error says when to retry", async () => {
    const unauthorised = await route(async () => {
      throw new UnauthorizedError("no");
    })(get("/x"));
    expect(unauthorised.headers.get("www-authenticate")).toBe("Bearer");
    const busy = Object.assign(new UnavailableError("the store is busy"), { retryAfterSeconds: 2.5 });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await route(async () => {
      throw busy;
    })(get("/x"));
    spy.mockRestore();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("3");
  });

  test("the store's lock errors on either engine are a 503 with Retry-After; its other errors stay an opaque 500", async () => {
    const failing = (code: string) =>
      route(async () => {
        throw Object.assign(new Error(`driver error ${code}`), { code });
      })(get("/x"));
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // SQLite busy and locked; PostgreSQL lock_not_available, deadlock_detected, serialization_failure.
      for (const code of ["SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED", "55P03", "40P01", "40001"]) {
        const res = await failing(code);
        expect(res.status, code).toBe(503);
        expect(res.headers.get("retry-after"), code).toBe("2");
      }
      // A unique violation, a missing table, a constraint: bugs, not a busy store.
      for (const code of ["23505", "42P01", "SQLITE_CONSTRAINT_UNIQUE"])
        expect((await failing(code)).status, code).toBe(500);
    } finally {
      spy.mockRestore();
    }
  });

  test("an unexpected error is logged and answered opaquely, never with its message", async () => {
    const logged: unknown[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((e) => logged.push(e));
    const res = await route(async () => {
      throw new Error("SELECT * FROM secrets");
    })(get("/x"));
    spy.mockRestore();
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("secrets");
    expect(logged).toHaveLength(1);
  });

  test("authorise runs before the handler, and its refusal stops it", async () => {
    let ran = false;
    const res = await route(
      async () => {
        ran = true;
        return new Response("ok");
      },
      {
        authorise: () => {
          throw new NotFoundError("no workspace here");
        },
      },
    )(get("/x"));
    expect(res.status).toBe(404);
    expect(ran).toBe(false);
  });
});
