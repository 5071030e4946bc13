import { danglingReferences } from "@/lib/service/doctor";
import { required, type Command } from "../command";
import { table } from "../format";

export const doctorCommand: Command = {
  name: "doctor",
  summary: "Report references to records that were never imported",
  usage: "altimeter doctor --workspace SLUG [--json]",
  help: `
Records may arrive in any order, so the importer keeps a pull request whose
repository it has not seen. This lists every such dangling reference, by kind,
with the missing ids. Exit status 0 when there are none, 2 otherwise.

  --json  print [{"reference", "count", "examples"}, …]`,
  options: { workspace: { type: "string" }, json: { type: "boolean" } },
  async run(ctx) {
    const { workspace, dangling } = await danglingReferences(await ctx.db(), required(ctx, "workspace"));
    if (ctx.values.json) ctx.out(JSON.stringify(dangling, null, 2));
    else if (dangling.length === 0) ctx.out(`${workspace.slug}: every reference resolves.`);
    else
      ctx.out(
        table([
          ["reference", "missing ids", "examples"],
          ...dangling.map((d) => [d.reference, String(d.count), d.examples.join(", ")]),
        ]),
      );
    return dangling.length === 0 ? 0 : 2;
  },
};
