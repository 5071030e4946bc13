import { z } from "zod";
import { getDb } from "@/app/_lib/db";
import { ValidationError } from "@/lib/errors";
import { workspaceReader } from "@/lib/http/access";
import { route } from "@/lib/http/route";
import { parseWindow } from "@/lib/metrics/window";
import { getMetricsReport, getWeeklySeries } from "@/lib/service/metrics";

const MetricsParams = z.object({
  from: z.string({ error: "from is required, as YYYY-MM-DD (UTC)" }),
  to: z.string({ error: "to is required, as YYYY-MM-DD (UTC)" }),
  team: z.string().min(1, { error: "team must not be empty: leave it out for the whole workspace" }).optional(),
  series: z.literal("week", { error: 'series must be "week" (one result per full week of the window)' }).optional(),
});
const KNOWN = new Set(Object.keys(MetricsParams.shape));

/** The query string as zod reads it: the first value of each parameter. */
function parametersOf(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of url.searchParams.keys()) out[key] ??= url.searchParams.get(key)!;
  return out;
}

/**
 * GET /api/v1/workspaces/SLUG/metrics?from=YYYY-MM-DD&to=YYYY-MM-DD[&team=ID][&series=week]:
 * exactly `altimeter metrics --json` (spec/cli.md). Errors are
 * `{ error: { code, message } }`: 400 for bad parameters (a window is at most
 * MAX_WINDOW_DAYS long), 404 for an unknown workspace or team.
 */
export const GET = route<{ workspace: string }>(
  async ({ request, url, params }) => {
    const given = parametersOf(url);
    const unknown = Object.keys(given).filter((k) => !KNOWN.has(k));
    if (unknown.length > 0)
      throw new ValidationError(
        `unknown parameter ${unknown.join(", ")}: the parameters are from, to, team and series`,
      );
    const parsed = MetricsParams.safeParse(given);
    if (!parsed.success) throw new ValidationError(parsed.error.issues[0]!.message);
    const { from, to, team, series } = parsed.data;
    // Checked here, not by the service, so the message names the URL's parameters rather than the CLI's flags.
    parseWindow(from, to, { from: "from", to: "to" });
    const query = { workspace: params.workspace, from, to, team: team ?? null };
    // The series stops when the client goes away, and yields between weeks so other requests are served meanwhile.
    const body =
      series === "week"
        ? await getWeeklySeries(await getDb(), query, { signal: request.signal })
        : await getMetricsReport(await getDb(), query);
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  },
  { authorise: workspaceReader(getDb, { tokenScope: "read:metrics" }) },
);
