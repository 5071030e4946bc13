import { createDemoWorkspace } from "@/lib/service/demo";
import { describeSummary } from "@/lib/import/summary";
import { optional, type Command } from "../command";
import { formatCount, terminalProgress } from "../progress";

export const demoCommand: Command = {
  name: "demo",
  summary: "Create (or recreate) the demo workspace",
  usage: "altimeter demo [--workspace SLUG]",
  help: `
Generates a realistic organisation (six teams at different performance and
maturity, twelve months of history ending today) and imports it through the
same path as real data. An existing workspace of that slug is replaced.

  --workspace SLUG  the workspace to (re)create (default: demo)`,
  options: { workspace: { type: "string" } },
  async run(ctx) {
    const slug = optional(ctx, "workspace") ?? "demo";
    const progress = terminalProgress(ctx.interactive);
    const summary = await createDemoWorkspace(await ctx.db(), {
      slug,
      now: Date.now(),
      onProgress: (n) => progress.update(`creating the demo workspace: ${formatCount(n)} records`),
    });
    progress.done();
    ctx.out(`${slug}: ${describeSummary(summary)}`);
    return 0;
  },
};
