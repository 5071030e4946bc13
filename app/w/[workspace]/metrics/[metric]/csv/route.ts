import { getDb } from "@/app/_lib/db";
import { NotFoundError } from "@/lib/errors";
import { workspaceReader } from "@/lib/http/access";
import { route } from "@/lib/http/route";
import { metricBySlug } from "@/lib/service/definitions";
import { drillDownCsv } from "@/lib/service/drilldown";
import { getDrillDownTable } from "@/lib/service/metrics";
import { parseWorkspaceSearchParams } from "../../../search-params";

/**
 * GET /w/SLUG/metrics/METRIC/csv?from&to&team: every record behind the
 * metric as CSV (what `altimeter explain --csv` prints), for the same filters
 * as the page. Errors are `{ error: { code, message } }` with their status.
 */
export const GET = route<{ workspace: string; metric: string }>(
  async ({ url, params }) => {
    const slug = params.workspace;
    const info = metricBySlug(params.metric);
    if (!info) throw new NotFoundError(`unknown metric ${JSON.stringify(params.metric)}`);
    const filters = parseWorkspaceSearchParams(Object.fromEntries(url.searchParams), Date.now());
    const { table } = await getDrillDownTable(
      await getDb(),
      { workspace: slug, from: filters.from, to: filters.to, team: filters.team },
      info.name,
    );
    const name = [slug, filters.team, info.slug, filters.from, "to", filters.to]
      .filter(Boolean)
      .join("-")
      .replace(/[^\w.-]+/g, "_");
    return new Response(drillDownCsv(table), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
  { authorise: workspaceReader(getDb) },
);
