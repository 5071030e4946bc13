import { describe, expect, test } from "vitest";
import { nameKey, resolveIdentities, type IdentityInputs } from "@/lib/identities/resolve";

const candidate = (id: string, commits = 1) => ({ id, name: null, isBot: false, commits, hasRecord: true });
const inputs = (over: Partial<IdentityInputs>): IdentityInputs => ({
  candidates: [],
  names: [],
  links: [],
  decisions: [],
  ...over,
});
const link = (personId: string, otherId: string) => ({ personId, otherId, reason: `${personId} ~ ${otherId}` });

describe("identity resolution", () => {
  test("a name key ignores accents, case, punctuation and word order", () => {
    expect(nameKey("Israel Ortiz de Zárate")).toBe(nameKey("zarate, ISRAEL ortiz DE"));
    expect(nameKey("C-A de Salaberry")).toBe("a c de salaberry");
  });

  test("placeholder and one-word names never merge; one-word names are proposed", () => {
    const r = resolveIdentities(
      inputs({
        names: [
          { personId: "a", name: "Your Name" },
          { personId: "b", name: "your name" },
          { personId: "c", name: "Yash" },
          { personId: "d", name: "yash" },
        ],
      }),
    );
    expect(r.groups).toEqual([]);
    expect(r.proposals).toEqual([{ ids: ["c", "d"], reason: 'the same one-word name "Yash"' }]);
  });

  test("the id with the most commits leads; links through a shared address or an organisation are not used", () => {
    const r = resolveIdentities(
      inputs({
        candidates: [candidate("mike", 300), candidate("moocao", 200), candidate("mikecao", 0)],
        names: [
          { personId: "mike", name: "Mike Cao" },
          { personId: "moocao", name: "Mike  Cao" },
        ],
        links: [
          link("mikecao", "mike"),
          // "info" committed under two logins: a shared address.
          link("ann", "info"),
          link("ben", "info"),
          // One login holding three people's commits: an organisation.
          link("acme", "x"),
          link("acme", "y"),
          link("acme", "z"),
        ],
      }),
    );
    expect(Object.fromEntries(r.leaderOf)).toEqual({ mikecao: "mike", moocao: "mike" });
  });

  test("a hand merge leads its group, and a kept-apart id joins no automatic merge", () => {
    const r = resolveIdentities(
      inputs({
        candidates: [candidate("a", 5), candidate("b", 1), candidate("c", 1)],
        names: [
          { personId: "a", name: "Ann Lee" },
          { personId: "b", name: "Ann Lee" },
          { personId: "c", name: "Ann Lee" },
        ],
        decisions: [
          { personId: "a", intoId: "b" },
          { personId: "c", intoId: null },
        ],
      }),
    );
    expect(Object.fromEntries(r.leaderOf)).toEqual({ a: "b" });
    expect(r.keptApart).toEqual(["c"]);
  });
});
