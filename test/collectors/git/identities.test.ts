import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitCollector, gitConfig } from "@/collectors/git";
import type { CollectorContext } from "@/collectors/types";
import type { Db } from "@/db/client";
import { getMetricRecords } from "@/lib/service/metrics";
import { getTeamDetails } from "@/lib/service/team-details";
import { altimeter } from "../../support/cli";
import { freshDatabase } from "../../support/db";
import { TestRepository, type Author } from "./repo";

// No .mailmap: one maintainer under three addresses, a contributor whose login only a merge subject gives,
// two strangers sharing the local part "info", and one-word names that only a person can merge.
const mike: Author = { name: "Mike Cao", email: "mike@mikecao.com" };
const mikeGmail: Author = { name: "Mike Cao", email: "moocao@gmail.com" };
const mikeNoreply: Author = { name: "mike cao", email: "123+mikecao@users.noreply.github.com" };
const nina: Author = { name: "Nina", email: "nina@shop.io" };
const ann: Author = { name: "Ann Info", email: "info@ann.example" };
const ben: Author = { name: "Ben Info", email: "info@ben.example" };
const yash: Author = { name: "Yash", email: "yash@work.example" };
const yashHome: Author = { name: "Yash", email: "yash.s@home.example" };

function context(db: Db): CollectorContext {
  return { db, workspace: "shop", now: () => Date.parse("2025-05-01T00:00:00Z"), progress: () => {} };
}

const march = { workspace: "shop", from: "2025-03-01", to: "2025-04-01" };

async function newcomers(db: Db) {
  const { records } = await getMetricRecords(db, march);
  return records.onboarding.map((r) => ({ id: r.person.id, days: r.onboardingDays }));
}

describe("one person under several ids", async () => {
  const store = await freshDatabase();
  const repo = new TestRepository("shop");
  const collect = () =>
    gitCollector.collect(
      context(store.db),
      gitConfig({ repositories: [{ path: repo.dir, id: "acme/shop", team: "web" }] }),
    );

  beforeAll(() => {
    repo.commit(mike, "2025-01-02T09:00:00Z", "Initial commit");
    repo.commit(mike, "2025-01-10T09:00:00Z", "Routing");
    repo.commit(mikeGmail, "2025-03-03T09:00:00Z", "Fix the build from home");
    repo.checkout("feature", true);
    repo.commit(nina, "2025-03-05T09:00:00Z", "Add search");
    repo.checkout("main");
    repo.merge("feature", "2025-03-07T09:00:00Z", "Merge pull request #3 from ninadev/feature", mike);
    repo.commit(ann, "2025-03-10T09:00:00Z", "Docs");
    repo.commit(ben, "2025-03-11T09:00:00Z", "Typo");
    repo.commit(mikeNoreply, "2025-03-12T09:00:00Z", "Edit on github.com");
    repo.commit(yash, "2025-03-13T09:00:00Z", "Tests");
    repo.commit(yashHome, "2025-03-14T09:00:00Z", "More tests");
  });
  afterAll(async () => {
    repo.dispose();
    await store.dispose();
  });

  test("same full name and a pull request holding one id's commits merge ids; a maintainer is not a newcomer", async () => {
    const result = await collect();
    expect(result.status).toBe("ok");
    expect(
      (await store.db.tuples("SELECT id FROM people ORDER BY id")).map(([id]) => id),
      "ids as git gives them: a shared local part keeps its domain; the merge subject's login is a person",
    ).toEqual([
      "info@ann.example",
      "info@ben.example",
      "mike",
      "mikecao",
      "moocao",
      "nina",
      "ninadev",
      "yash",
      "yash.s",
    ]);
    expect(await newcomers(store.db)).toEqual([
      { id: "nina", days: 2 },
      { id: "info@ann.example", days: null },
      { id: "info@ben.example", days: null },
      { id: "yash", days: null },
      { id: "yash.s", days: null },
    ]);

    const listed = altimeter(["people", "--workspace", "shop", "--json"], { db: store.file });
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      workspace: "shop",
      ids: 9,
      people: 6,
      groups: [
        {
          id: "mike",
          name: "Mike Cao",
          members: [
            { id: "mikecao", reason: 'the same name "Mike Cao"' },
            { id: "moocao", reason: 'the same name "Mike Cao"' },
          ],
        },
        {
          id: "nina",
          name: "Nina",
          members: [
            {
              id: "ninadev",
              reason: "pull request #3 of acme/shop was opened by ninadev and holds only nina's commits",
            },
          ],
        },
      ],
      proposals: [{ ids: ["yash", "yash.s"], reason: 'the same one-word name "Yash"' }],
      keptApart: [],
    });
  });

  test("merges and unmerges made with altimeter people survive re-collecting", async () => {
    const merged = altimeter(["people", "merge", "yash.s", "--into", "yash", "--workspace", "shop"], {
      db: store.file,
    });
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toContain("shop: 5 people from 9 ids (3 merged groups, 0 likely duplicates)");
    expect(merged.stdout).toContain("  ← yash.s: merged into yash by hand");

    const split = altimeter(["people", "unmerge", "moocao", "--workspace", "shop"], { db: store.file });
    expect(split.status, split.stderr).toBe(0);
    expect(split.stdout).toContain("Kept apart: moocao");

    const expected = [
      { id: "moocao", days: null },
      { id: "nina", days: 2 },
      { id: "info@ann.example", days: null },
      { id: "info@ben.example", days: null },
      { id: "yash", days: null },
    ];
    expect(await newcomers(store.db)).toEqual(expected);

    // A new commit, and a re-read of the whole history: the decisions stand.
    repo.commit(yashHome, "2025-03-20T09:00:00Z", "Even more tests");
    await store.db.exec("DELETE FROM sync_cursors");
    expect((await collect()).status).toBe("ok");
    expect(await newcomers(store.db)).toEqual(expected);
  });

  test("the team page lists each person once, with the ids merged into them, and the team's newcomers", async () => {
    const details = await getTeamDetails(store.db, { ...march, team: "web" });
    expect(
      details.people.map((p) => ({ id: p.id, aliases: p.aliases.map((a) => a.id), newcomer: p.newcomer !== null })),
    ).toEqual([
      { id: "info@ann.example", aliases: [], newcomer: true },
      { id: "info@ben.example", aliases: [], newcomer: true },
      { id: "mike", aliases: ["mikecao"], newcomer: false },
      { id: "moocao", aliases: [], newcomer: true },
      { id: "nina", aliases: ["ninadev"], newcomer: true },
      { id: "yash", aliases: ["yash.s"], newcomer: true },
    ]);
  });

  test("assess counts one contributor per person, and says why it found none when the data ends before the window", () => {
    const covered = altimeter(["assess", "--workspace", "shop", "--to", "2025-04-01", "--json"], { db: store.file });
    expect(covered.status, covered.stderr).toBe(0);
    // Nine ids wrote commits or opened pull requests: mike+mikecao, nina+ninadev and yash+yash.s are three people.
    expect(JSON.parse(covered.stdout).organisation.contributors).toBe(6);
    expect(covered.stderr).toBe("");

    const later = altimeter(["assess", "--workspace", "shop", "--to", "2025-12-01"], { db: store.file });
    expect(later.status, later.stderr).toBe(0);
    expect(later.stdout).toContain("0 contributors");
    expect(later.stderr).toContain(
      "note: 0 contributors: no commit or pull request since 2025-09-02: the data ends on 2025-03-20; pass --to 2025-03-21 to assess the time it covers",
    );
  });

  test("an unknown id or a merge without --into is refused with the reason", () => {
    const unknown = altimeter(["people", "merge", "nobody", "--into", "mike", "--workspace", "shop"], {
      db: store.file,
    });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown person "nobody"');
    const noInto = altimeter(["people", "merge", "yash", "--workspace", "shop"], { db: store.file });
    expect(noInto.status).toBe(1);
    expect(noInto.stderr).toContain("people merge needs --into ID");
  });
});
