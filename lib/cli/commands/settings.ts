import { changeSettings } from "@/lib/service/settings";
import { optional, required, type Command } from "../command";
import { table } from "../format";

export const settingsCommand: Command = {
  name: "settings",
  summary: "Show or change a workspace's metric settings",
  usage:
    "altimeter settings --workspace SLUG [--production-env REGEX] [--attribution-window-hours H] [--newcomer-grace-days D] [--rework-pattern REGEX] [--rework-labels L1,L2,…] [--json]",
  help: `
Without changes, shows the settings. Every metric, page and report honours them.

  --production-env REGEX         environments that are production (case-insensitive;
                                 default ^prod(uction)?([-_.: ].*)?$)
  --attribution-window-hours H   how long after a deploy an incident with only a
                                 repository or team is blamed on it (default 24; 0 = unlimited)
  --newcomer-grace-days D        newcomers start at least D days after the data does (default 30)
  --rework-pattern REGEX         a pull request whose title this matches (case-insensitive search)
                                 makes its deployment rework (default ^\\s*(revert|hotfix)\\b)
  --rework-labels L1,L2,…        pull request labels that make its deployment rework, ignoring case
                                 (default hotfix,revert,incident)
  --json                         print the settings as JSON`,
  options: {
    workspace: { type: "string" },
    "production-env": { type: "string" },
    "attribution-window-hours": { type: "string" },
    "newcomer-grace-days": { type: "string" },
    "rework-pattern": { type: "string" },
    "rework-labels": { type: "string" },
    json: { type: "boolean" },
  },
  async run(ctx) {
    const s = await changeSettings(await ctx.db(), required(ctx, "workspace"), {
      productionEnv: optional(ctx, "production-env"),
      attributionWindowHours: optional(ctx, "attribution-window-hours"),
      newcomerGraceDays: optional(ctx, "newcomer-grace-days"),
      reworkPattern: optional(ctx, "rework-pattern"),
      reworkLabels: optional(ctx, "rework-labels"),
    });
    if (ctx.values.json) ctx.out(JSON.stringify(s, null, 2));
    else
      ctx.out(
        table([
          ["setting", "value"],
          ["production environment", s.productionEnv],
          ["attribution window (hours, 0 = unlimited)", String(s.attributionWindowHours)],
          ["newcomer grace period (days)", String(s.newcomerGraceDays)],
          ["rework pattern (pull request titles)", s.reworkPattern],
          ["rework labels", s.reworkLabels.join(",")],
        ]),
      );
    return 0;
  },
};
