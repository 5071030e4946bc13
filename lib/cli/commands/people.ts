import { mergePeople, peopleOverview, unmergePeople } from "@/lib/service/people";
import { ValidationError } from "@/lib/errors";
import { optional, required, type Command } from "../command";

export const peopleCommand: Command = {
  name: "people",
  summary: "List one person's several ids (merged and likely), and merge or unmerge them",
  usage: "altimeter people [merge ID... --into ID | unmerge ID...] --workspace SLUG [--json]",
  help: `
Git knows e-mails, not people: one maintainer may commit under four addresses.
Ids are merged automatically when .mailmap says so, when a GitHub no-reply
address gives the login, when they were seen with the same full name (two
words or more, accents and case ignored), and when a pull request opened under
a login holds only another id's commits. Same one-word names are only listed
as likely duplicates. A merged person counts once: their start is their
earliest activity under any id, so a maintainer is never a newcomer.

Decisions are kept in the database, so re-collecting honours them:

  altimeter people --workspace SLUG                    merged groups, likely duplicates, kept-apart ids
  altimeter people merge ID... --into ID --workspace SLUG   make the ids one person, led by --into
  altimeter people unmerge ID... --workspace SLUG     keep each id apart from every merge

  --into ID  the id the others are merged into (it leads the person)
  --json     print {"workspace", "ids", "people", "groups", "proposals", "keptApart"}`,
  options: { workspace: { type: "string" }, into: { type: "string" }, json: { type: "boolean" } },
  async run(ctx) {
    const slug = required(ctx, "workspace");
    const [action, ...ids] = ctx.positionals;
    const db = await ctx.db();
    if (action === "merge") {
      const into = optional(ctx, "into");
      if (!into) throw new ValidationError("people merge needs --into ID: the id the others become");
      await mergePeople(db, slug, ids, into);
      ctx.err(`${slug}: ${ids.filter((id) => id !== into).join(", ")} merged into ${into}`);
    } else if (action === "unmerge") {
      await unmergePeople(db, slug, ids);
      ctx.err(`${slug}: ${ids.join(", ")} kept apart from every merge`);
    } else if (action !== undefined) {
      throw new ValidationError(`unknown people action ${JSON.stringify(action)}: use merge or unmerge`);
    }
    const overview = await peopleOverview(db, slug);
    if (ctx.values.json) {
      ctx.out(JSON.stringify(overview, null, 2));
      return 0;
    }
    const lines = [
      `${overview.workspace}: ${overview.people} people from ${overview.ids} ids (${overview.groups.length} merged groups, ${overview.proposals.length} likely duplicates)`,
    ];
    for (const g of overview.groups) {
      lines.push(`${g.id}${g.name ? ` (${g.name})` : ""}`);
      for (const m of g.members) lines.push(`  ← ${m.id}: ${m.reason}`);
    }
    if (overview.proposals.length > 0) {
      lines.push("", "Likely duplicates (merge with: altimeter people merge ID... --into ID):");
      for (const p of overview.proposals) lines.push(`  ${p.ids.join(", ")}: ${p.reason}`);
    }
    if (overview.keptApart.length > 0) lines.push("", `Kept apart: ${overview.keptApart.join(", ")}`);
    ctx.out(lines.join("\n"));
    return 0;
  },
};
