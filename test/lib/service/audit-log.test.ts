import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { audit, createUser, OPERATOR, setMember, type Principal } from "@/lib/service/access";
import { AUDIT_PAGE_SIZE, describeChanges, readAuditPage } from "@/lib/service/audit-log";
import { saveAnswers } from "@/lib/service/maturity";
import { changeSettings } from "@/lib/service/settings";
import { team } from "../../factories";
import { freshDatabase, importObjects } from "../../support/db";

const T0 = Date.UTC(2026, 10, 2, 9);

describe("the audit log: settings and answers changes, and reading it a page at a time", () => {
  let store: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Db;
  const users: Record<string, Principal> = {};

  async function user(email: string, roles: Record<string, "viewer" | "editor" | "owner"> = {}, admin = false) {
    const u = await createUser(db, OPERATOR, { email, password: "a-long-enough-password", admin }, T0);
    for (const [slug, role] of Object.entries(roles)) await setMember(db, OPERATOR, slug, { email, role }, T0);
    users[email] = { kind: "user", userId: u.id, email, name: u.name, admin };
    return users[email]!;
  }

  beforeEach(async () => {
    store = await freshDatabase();
    db = store.db;
    await importObjects(db, "acme", [team({ id: "payments", name: "Payments" })]);
    await importObjects(db, "other", [team({ id: "ops", name: "Ops" })]);
    await user("olga@acme.test", { acme: "owner" });
    await user("vic@acme.test", { acme: "viewer" });
    await user("bo@other.test", { other: "owner" });
    await user("root@instance.test", {}, true);
  });
  afterEach(async () => {
    await store.dispose();
  });

  test("a settings change names who, when, and each setting's old and new value; no change writes nothing", async () => {
    await changeSettings(
      db,
      "acme",
      { attributionWindowHours: "12", reworkLabels: "hotfix, rollback" },
      users["olga@acme.test"],
      T0 + 1000,
    );
    await changeSettings(db, "acme", { attributionWindowHours: 12 }, users["olga@acme.test"], T0 + 2000);
    await changeSettings(db, "acme", {}, users["olga@acme.test"], T0 + 3000);
    await changeSettings(db, "acme", { productionEnv: "^live$" }); // the CLI
    const log = await readAuditPage(db, users["olga@acme.test"]!, { workspace: "acme", action: "settings" });
    expect(log.total).toBe(2);
    expect(log.rows.map((r) => [r.actor, r.detail])).toEqual([
      ["cli", "productionEnv: ^prod(uction)?([-_.: ].*)?$ → ^live$"],
      [
        "user:olga@acme.test",
        'attributionWindowHours: 24 → 12; reworkLabels: ["hotfix","revert","incident"] → ["hotfix","rollback"]',
      ],
    ]);
    expect(log.rows[1]!.at).toBe(T0 + 1000);
    expect(log.rows.every((r) => r.workspace === "acme")).toBe(true);
  });

  test("a questionnaire save names the scope, who gave the answers and each answer that changed", async () => {
    const olga = users["olga@acme.test"]!;
    await saveAnswers(db, {
      workspace: "acme",
      author: "Ana Rao",
      now: T0,
      actor: olga,
      saves: [{ team: null, changes: { developers: 60, gpu: false }, mode: "merge" }],
    });
    await saveAnswers(db, {
      workspace: "acme",
      author: "Ana Rao",
      now: T0 + 1,
      actor: olga,
      saves: [
        { team: null, changes: { developers: 80 }, mode: "merge" },
        { team: "payments", changes: { gpu: true }, mode: "merge" },
      ],
    });
    // The same answers again: nothing changed, nothing written.
    await saveAnswers(db, {
      workspace: "acme",
      author: "Ana Rao",
      now: T0 + 2,
      saves: [{ team: null, changes: { developers: 80 }, mode: "merge" }],
    });
    const log = await readAuditPage(db, OPERATOR, { workspace: "acme", action: "answers.save" });
    expect(log.rows.map((r) => r.detail)).toEqual([
      "team payments, given by Ana Rao: gpu: none → true",
      "organisation, given by Ana Rao: developers: 60 → 80",
      "organisation, given by Ana Rao: developers: none → 60; gpu: none → false",
    ]);
    expect(log.rows.map((r) => r.actor)).toEqual(["user:olga@acme.test", "user:olga@acme.test", "user:olga@acme.test"]);
  });

  test("pages of 50, newest first, filtered by actor (part, any case) and action family", async () => {
    for (let i = 0; i < 120; i++)
      await audit(
        db,
        i % 3 === 0 ? OPERATOR : users["olga@acme.test"]!,
        null,
        i % 2 ? "user.x" : "token.y",
        `#${i}`,
        T0 + i,
      );
    const root = users["root@instance.test"]!;
    const first = await readAuditPage(db, root, { workspace: "instance", action: "user" });
    const users_ = 60 + 4; // 60 user.x, plus the four user.create of the setup
    expect(first.total).toBe(users_);
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.pages).toBe(2);
    expect(first.rows[0]!.detail).toBe("#119");
    const second = await readAuditPage(db, root, { workspace: "instance", action: "user", page: 2 });
    expect(second.rows).toHaveLength(users_ - AUDIT_PAGE_SIZE);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(users_);
    const byOlga = await readAuditPage(db, root, { workspace: null, actor: "OLGA@", action: "token.y" });
    expect(byOlga.total).toBe(40); // even i not divisible by 3: 60 - 20
    expect(byOlga.rows.every((r) => r.actor === "user:olga@acme.test" && r.action === "token.y")).toBe(true);
    // % and _ are literal, not wildcards.
    expect((await readAuditPage(db, root, { workspace: null, actor: "%" })).total).toBe(0);
    expect((await readAuditPage(db, root, { workspace: null, action: "user" })).actions).toContain("member.set");
  });

  test("owners read their workspace's log; a viewer is refused; a non-member gets the 404 of no such workspace; only admins read the instance's", async () => {
    await changeSettings(db, "acme", { newcomerGraceDays: 10 }, users["olga@acme.test"]);
    expect((await readAuditPage(db, users["olga@acme.test"]!, { workspace: "acme" })).total).toBeGreaterThan(0);
    await expect(readAuditPage(db, users["vic@acme.test"]!, { workspace: "acme" })).rejects.toThrow(ForbiddenError);
    const foreign = await readAuditPage(db, users["bo@other.test"]!, { workspace: "acme" }).catch((e) => e);
    const missing = await readAuditPage(db, users["bo@other.test"]!, { workspace: "acmx" }).catch((e) => e);
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(foreign.message.replace("acme", "X")).toBe(missing.message.replace("acmx", "X"));
    await expect(readAuditPage(db, users["olga@acme.test"]!, { workspace: "instance" })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(readAuditPage(db, users["olga@acme.test"]!, { workspace: null })).rejects.toThrow(ForbiddenError);
    const all = await readAuditPage(db, users["root@instance.test"]!, { workspace: null });
    expect(all.rows.some((r) => r.workspace === null) && all.rows.some((r) => r.workspace === "acme")).toBe(true);
  });

  test("describeChanges lists only what changed, in the order given", () => {
    expect(describeChanges({ a: 1, b: "x", c: null }, { a: 1, b: "y", c: [1] }, ["c", "b", "a"])).toBe(
      "c: none → [1]; b: x → y",
    );
    expect(describeChanges({ a: 1 }, { a: 1 })).toBeNull();
  });
});
