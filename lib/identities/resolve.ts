/**
 * Identity resolution: which person ids of a workspace are one person.
 * Pure: the store's names, links and decisions in, groups out. Applied when
 * metrics are read, never by rewriting records, so an unmerge is exact and
 * re-collecting cannot undo a decision.
 */

/** One id the workspace knows, with what decides which id of a group leads it. */
export interface IdentityCandidate {
  id: string;
  /** The person record's name, when there is one. */
  name: string | null;
  isBot: boolean;
  /** Commits authored under this id (the group's leader is the id with the most). */
  commits: number;
  /** Whether a person record exists for the id. */
  hasRecord: boolean;
}

/** What the store holds about identities (db/schema/identities.ts). */
export interface IdentityInputs {
  candidates: IdentityCandidate[];
  /** Names the id was seen with by a collector (git authors after .mailmap). */
  names: { personId: string; name: string }[];
  links: { personId: string; otherId: string; reason: string }[];
  decisions: { personId: string; intoId: string | null }[];
}

/** An id folded into a group, and why. */
export interface IdentityMember {
  id: string;
  reason: string;
}

/** Several ids that are one person: `id` leads, `members` are the others. */
export interface IdentityGroup {
  id: string;
  name: string | null;
  members: IdentityMember[];
}

/** Ids that may be one person but are not merged without a person saying so. */
export interface IdentityProposal {
  ids: string[];
  reason: string;
}

/** The workspace's identities: who is merged into whom, and likely duplicates left to a person. */
export interface Identities {
  /** Each merged id → the id leading its group (leaders are not keys). */
  leaderOf: Map<string, string>;
  groups: IdentityGroup[];
  proposals: IdentityProposal[];
  /** Ids a person kept apart with `altimeter people unmerge`. */
  keptApart: string[];
}

/** Names git users leave unconfigured or share: never evidence of one person. */
const SHARED_NAMES = ["your name", "github actions", "github action", "git user", "the author", "unknown"];

/**
 * A name reduced to what identifies a person: accents dropped, case folded,
 * letters only, words sorted ("Zárate, Israel Ortiz de" = "Israel Ortiz de Zárate").
 */
export function nameKey(name: string): string {
  const plain = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  return (plain.match(/\p{L}+/gu) ?? []).sort().join(" ");
}

const SHARED_NAME_KEYS = new Set(SHARED_NAMES.map(nameKey));

/** Whether a name key is specific enough to merge on: two words or more, and not a placeholder. */
export function isFullName(key: string): boolean {
  return key.includes(" ") && !SHARED_NAME_KEYS.has(key);
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    let at = x;
    while (at !== root) {
      const next = this.parent.get(at) ?? root;
      this.parent.set(at, root);
      at = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/**
 * Groups ids that are one person. Merged automatically: ids seen with the
 * same full name (two words or more), and ids a collector linked (a pull
 * request opened under a login holding only another id's commits). Merged by
 * a person: their decisions. An id a person kept apart takes part in no
 * automatic merge; bots never do. Same single-word names are only proposed.
 * A group is led by the id its members were merged into by hand, else the id
 * with the most commits (then one with a person record, then the smallest id).
 */
export function resolveIdentities(input: IdentityInputs): Identities {
  const candidate = new Map(input.candidates.map((c) => [c.id, c]));
  const isBot = (id: string) => candidate.get(id)?.isBot === true || id.endsWith("[bot]");
  const keptApart = new Set(input.decisions.filter((d) => d.intoId === null).map((d) => d.personId));
  const automatic = (id: string) => !keptApart.has(id) && !isBot(id);
  const uf = new UnionFind();
  const reasons = new Map<string, string>();
  const note = (id: string, reason: string) => {
    if (!reasons.has(id)) reasons.set(id, reason);
  };

  const byName = new Map<string, { shown: string; ids: Set<string> }>();
  for (const { personId, name } of input.names) {
    if (!automatic(personId)) continue;
    const key = nameKey(name);
    if (key === "" || SHARED_NAME_KEYS.has(key)) continue;
    const entry = byName.get(key) ?? { shown: name.trim(), ids: new Set<string>() };
    entry.ids.add(personId);
    byName.set(key, entry);
  }
  const proposals: IdentityProposal[] = [];
  for (const [key, { shown, ids }] of byName) {
    if (ids.size < 2) continue;
    const list = [...ids].sort();
    if (!isFullName(key)) {
      proposals.push({ ids: list, reason: `the same one-word name "${shown}"` });
      continue;
    }
    for (const id of list.slice(1)) uf.union(id, list[0]!);
    for (const id of list) note(id, `the same name "${shown}"`);
  }
  // An id whose commits came under several logins is an address strangers share (a generic one, a
  // colleague's machine): linking through it would make them one person, so such links are not used.
  // Likewise a login whose pull requests hold the commits of more than two ids is an organisation or a
  // maintainer merging others' work (DevLake's former owner `merico-dev` opened 18 people's), not one person.
  const loginsOf = new Map<string, Set<string>>();
  const idsOf = new Map<string, Set<string>>();
  for (const { personId, otherId } of input.links) {
    loginsOf.set(otherId, (loginsOf.get(otherId) ?? new Set()).add(personId));
    idsOf.set(personId, (idsOf.get(personId) ?? new Set()).add(otherId));
  }
  for (const { personId, otherId, reason } of input.links) {
    if (!automatic(personId) || !automatic(otherId)) continue;
    if (loginsOf.get(otherId)!.size > 1 || idsOf.get(personId)!.size > 2) continue;
    uf.union(personId, otherId);
    note(personId, reason);
    note(otherId, reason);
  }
  const target = new Map<string, string>();
  for (const { personId, intoId } of input.decisions) {
    if (intoId === null || intoId === personId) continue;
    uf.union(personId, intoId);
    target.set(personId, intoId);
    reasons.set(personId, `merged into ${intoId} by hand`);
  }

  const members = new Map<string, string[]>();
  for (const id of new Set([...reasons.keys(), ...target.values()])) {
    const root = uf.find(id);
    const list = members.get(root) ?? [];
    list.push(id);
    members.set(root, list);
  }
  const leaderOf = new Map<string, string>();
  const groups: IdentityGroup[] = [];
  for (const ids of members.values()) {
    if (ids.length < 2) continue;
    const leader = leaderAmong(ids, target, candidate);
    for (const id of ids) if (id !== leader) leaderOf.set(id, leader);
    groups.push({
      id: leader,
      name: candidate.get(leader)?.name ?? null,
      members: ids
        .filter((id) => id !== leader)
        .sort()
        .map((id) => ({ id, reason: reasons.get(id) ?? `merged with ${leader}` })),
    });
  }
  groups.sort((a, b) => (a.id < b.id ? -1 : 1));
  const open = proposals.filter((p) => new Set(p.ids.map((id) => leaderOf.get(id) ?? id)).size > 1);
  return { leaderOf, groups, proposals: open, keptApart: [...keptApart].sort() };
}

function leaderAmong(ids: string[], target: Map<string, string>, candidate: Map<string, IdentityCandidate>): string {
  // A hand merge names the leader: follow "merged into" to the id merged into nothing.
  for (const id of ids) {
    if (!target.has(id)) continue;
    let at = id;
    const seen = new Set<string>();
    while (target.has(at) && !seen.has(at)) {
      seen.add(at);
      at = target.get(at)!;
    }
    return at;
  }
  const score = (id: string) => candidate.get(id);
  return [...ids].sort((a, b) => {
    const ca = score(a);
    const cb = score(b);
    return (
      (cb?.commits ?? 0) - (ca?.commits ?? 0) ||
      Number(cb?.hasRecord ?? false) - Number(ca?.hasRecord ?? false) ||
      (a < b ? -1 : 1)
    );
  })[0]!;
}
