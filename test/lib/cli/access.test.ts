import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { altimeter } from "../../support/cli";
import { freshDatabase, TEST_ENGINE } from "../../support/db";

const store = await freshDatabase();
afterAll(() => store.dispose());
const run = (args: string[]) => altimeter(args, { db: store.file });

/** Everything the store holds, as text: the database file on SQLite, every table's rows on PostgreSQL. */
async function storedText(): Promise<string> {
  if (TEST_ENGINE === "sqlite") {
    const files = [store.file, `${store.file}-wal`].filter((f) => existsSync(f));
    return files.map((f) => readFileSync(f, "latin1")).join("\n");
  }
  const tables = await store.db.rows<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
  );
  const texts = await Promise.all(
    tables.map(async (t) => JSON.stringify(await store.db.rows(`SELECT * FROM "${t.name}"`))),
  );
  return texts.join("\n");
}

describe("altimeter users, members and tokens", () => {
  test("add a user with a sign-in link, give them a role, and create, list and revoke a token shown only once", async () => {
    const made = altimeter(["import", "-", "--workspace", "acme"], {
      db: store.file,
      input: '{"type":"team","id":"t1","name":"T1"}\n',
    });
    expect(made.status, made.stderr).toBe(0);

    const added = run(["users", "add", "Lead@Example.com", "--admin"]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(
      /one-time sign-in link \(24 hours\): http:\/\/\S+\/api\/auth\/one-time-link\?token=\S{40,}/,
    );
    expect(run(["users"]).stdout.trim()).toBe("lead@example.com (admin)");
    expect(run(["users", "add", "lead@example.com"]).stderr).toMatch(/already a user lead@example\.com/);

    expect(run(["members", "set", "lead@example.com", "viewer", "--workspace", "acme"]).status).toBe(0);
    expect(JSON.parse(run(["members", "--workspace", "acme", "--json"]).stdout)).toEqual([
      { email: "lead@example.com", name: "lead", role: "viewer" },
    ]);
    expect(run(["members", "set", "lead@example.com", "boss", "--workspace", "acme"]).stderr).toMatch(
      /role must be one of viewer, editor, owner, got "boss"/,
    );

    const created = run(["tokens", "create", "ci-deploys", "--scope", "write:events", "--workspace", "acme"]);
    expect(created.status, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^alt_[A-Za-z0-9_-]{40,}$/);
    // Stored hashed: the secret is nowhere in the store.
    const stored = await storedText();
    expect(stored).not.toContain(token);
    expect(stored).toContain(createHash("sha256").update(token).digest("hex"));
    const listed = JSON.parse(run(["tokens", "--workspace", "acme", "--json"]).stdout);
    expect(listed).toMatchObject([{ id: 1, name: "ci-deploys", scope: "write:events", revoked: false }]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(run(["tokens", "revoke", "1", "--workspace", "acme"]).status).toBe(0);
    expect(JSON.parse(run(["tokens", "--workspace", "acme", "--json"]).stdout)[0].revoked).toBe(true);
    expect(run(["tokens", "revoke", "1", "--workspace", "acme"]).stderr).toMatch(/no live token #1 in acme/);
    expect(run(["tokens", "create", "x", "--scope", "admin", "--workspace", "acme"]).stderr).toMatch(
      /scope must be one of read:metrics, write:events, got "admin"/,
    );
  });
});
