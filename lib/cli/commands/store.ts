import { copyStore } from "@/lib/service/store-copy";
import { ValidationError } from "@/lib/errors";
import { table } from "../format";
import { formatCount, terminalProgress } from "../progress";
import { required, type Command } from "../command";

export const storeCommand: Command = {
  name: "store",
  summary: "Copy a whole instance between stores (SQLite file ⇄ PostgreSQL)",
  usage: "altimeter store copy --from FILE.db|postgres://… --to postgres://…|FILE.db [--json]",
  help: `
Copies every workspace, account, token, setting and record from one store to
another, e.g. from the embedded SQLite file to PostgreSQL when an organisation
outgrows one machine, or back. The target is created and migrated when needed.
Kept metric reports (a cache) are not copied: the target computes them again.
Rows are copied a page at a time in key order and upserted, so a copy that is
stopped can be run again: it finishes without duplicating anything. Counts are
checked per table at the end; a difference is reported and the exit status is 1.
A target that already holds other workspaces under the same ids or slugs is
refused before anything is written. Stop the app and workers while copying.

  --from STORE  the store to read (a SQLite file path or a postgres:// URL)
  --to STORE    the store to write
  --json        print {"from", "to", "workspaces", "tables": [{"table", "source", "target"}], "mismatched"}`,
  options: { from: { type: "string" }, to: { type: "string" }, json: { type: "boolean" } },
  async run(ctx) {
    const [action] = ctx.positionals;
    if (action !== "copy")
      throw new ValidationError(`unknown store action ${JSON.stringify(action ?? "")}: use altimeter store copy`);
    const progress = terminalProgress(ctx.interactive);
    const report = await copyStore(required(ctx, "from"), required(ctx, "to"), progress.update);
    progress.done();
    if (ctx.values.json) ctx.out(JSON.stringify(report, null, 2));
    else {
      ctx.out(
        table([
          ["table", "source rows", "target rows"],
          ...report.tables.map((t) => [t.table, formatCount(t.source), formatCount(t.target)]),
        ]),
      );
      ctx.err(`copied ${report.workspaces.length} workspace(s) from ${report.from} to ${report.to}`);
    }
    for (const m of report.mismatched)
      ctx.err(`${m.table}: ${formatCount(m.source)} rows in the source, ${formatCount(m.target)} in the target`);
    return report.mismatched.length > 0 ? 1 : 0;
  },
};
