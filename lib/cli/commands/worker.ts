import { loadConfig } from "@/collectors/config";
import { ValidationError } from "@/lib/errors";
import { startWorker } from "@/lib/service/worker";
import { optional, type Command } from "../command";

export const workerCommand: Command = {
  name: "worker",
  summary: "Run the syncs of the config file on their cron schedules until stopped",
  usage: "altimeter worker [--config PATH] [--max-runs N]",
  help: `
Syncs each workspace of the config file (collectors/CONFIG.md) on its
schedule ("schedule": {"cron": "…", "timeZone": "…"}), logging one line per
run, and sends its weekly digest when it has a "digest" block (each week and
channel once, whatever restarts or other workers; failed sends are retried). A workspace never syncs twice at once, and
workers sharing the database (on other machines too) never sync one source at
once nor twice for the same scheduled time: each source is claimed first, and a
source another worker holds is logged as skipped. SIGINT or SIGTERM stops it
cleanly: running syncs are interrupted and keep what they stored.

  --config PATH   the config file (default: $ALTIMETER_CONFIG, else ./altimeter.config.json, .yaml or .yml)
  --max-runs N    stop after N syncs have finished`,
  options: { config: { type: "string" }, "max-runs": { type: "string" } },
  async run(ctx) {
    const { path, config } = loadConfig(optional(ctx, "config"));
    const maxRunsText = optional(ctx, "max-runs");
    const maxRuns = maxRunsText === null ? undefined : Number(maxRunsText);
    if (maxRuns !== undefined && (!Number.isSafeInteger(maxRuns) || maxRuns < 1))
      throw new ValidationError(`--max-runs must be a whole number ≥ 1, got ${JSON.stringify(maxRunsText)}`);
    const controller = new AbortController();
    const stop = (signal: string) => {
      ctx.out(`${new Date().toISOString()} ${signal}: stopping`);
      controller.abort(new Error(`stopped by ${signal}`));
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
    try {
      const worker = startWorker({ db: await ctx.db(), config, log: ctx.out, signal: controller.signal, maxRuns });
      ctx.out(`${new Date().toISOString()} worker started with ${path}`);
      for (const s of worker.schedules)
        ctx.out(`  ${s.workspace}: "${s.cron}" (${s.timeZone}), next at ${s.nextRun?.toISOString() ?? "never"}`);
      for (const d of worker.digests)
        ctx.out(
          `  ${d.workspace} digest to ${d.channels.join(", ")}: "${d.cron}" (${d.timeZone}), next at ${d.nextRun?.toISOString() ?? "never"}`,
        );
      await worker.stopped;
      ctx.out(`${new Date().toISOString()} worker stopped`);
      return 0;
    } finally {
      process.removeListener("SIGINT", onInt);
      process.removeListener("SIGTERM", onTerm);
    }
  },
};
