import { listWorkspaceNames } from "@/lib/service/workspace-list";
import { table } from "../format";
import type { Command } from "../command";

export const workspacesCommand: Command = {
  name: "workspaces",
  summary: "List the workspaces (client organisations)",
  usage: "altimeter workspaces [--json]",
  help: `  --json  print [{"slug", "name"}, …]`,
  options: { json: { type: "boolean" } },
  async run(ctx) {
    const list = await listWorkspaceNames(await ctx.db());
    if (ctx.values.json)
      ctx.out(
        JSON.stringify(
          list.map((w) => ({ slug: w.slug, name: w.name })),
          null,
          2,
        ),
      );
    else if (list.length === 0)
      ctx.out("No workspaces yet. Create the demo with `altimeter demo` or import data with `altimeter import`.");
    else ctx.out(table([["slug", "name"], ...list.map((w) => [w.slug, w.name])]));
    return 0;
  },
};
