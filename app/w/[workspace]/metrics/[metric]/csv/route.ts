import { getDb } from "@/app/_lib/db";
import { segment } from "@/app/_lib/params";
import { NotFoundError, toErrorBody } from "@/lib/errors";
import { metricBySlug } from "@/lib/service/definitions";
import { drillDownCsv } from "@/lib/service/drilldown";
import { getDrillDownTable } from "@/lib/service/metrics";
import { parseWorkspaceSearchParams } from "../../../search-params";

/**
 * GET /w/SLUG/metrics/METRIC/csv?from&to&team: every record behind the
 * metric as CSV (what `altimeter explain --csv` prints), for the same filters
 * as the page. Errors are `{ error: { code, message } }` with their status.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ workspace: string; metric: string }> },
): Promise<Response> {
  try {
    const p = await params;
    const slug = segment(p.workspace);
    const info = metricBySlug(segment(p.metric));
    if (!info) throw new NotFoundError(`unknown metric ${JSON.stringify(segment(p.metric))}`);
    const filters = parseWorkspaceSearchParams(Object.fromEntries(new URL(request.url).searchParams), Date.now());
    const { table } = await getDrillDownTable(
      getDb(),
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
  } catch (error) {
    const { status, body } = toErrorBody(error);
    if (status === 500) console.error(error);
    return Response.json(body, { status });
  }
}
