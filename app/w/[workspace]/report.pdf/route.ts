import { getDb } from "@/app/_lib/db";
import { appAuth } from "@/lib/auth/instance";
import { workspaceReader } from "@/lib/http/access";
import { route } from "@/lib/http/route";
import { reportFileName } from "@/lib/report/paths";
import { printReportPdf } from "@/lib/service/report-pdf";
import { resolveQuery } from "@/lib/service/scope";
import { parseWorkspaceSearchParams } from "../search-params";

/**
 * GET /w/SLUG/report.pdf?from&to[&team]: the report page printed to an A4 PDF
 * by headless Chromium against this app's own origin (the same code as
 * `altimeter report`). Default window: the dashboard's (last 13 weeks). The
 * cover's name is the app's setting (reportCoverName), never a parameter.
 * Errors are `{ error: { code, message } }`: 400 bad dates, 404 unknown
 * workspace or team, 429 with Retry-After when the print queue is full, 503
 * no Chromium on the server (the message says how to install one).
 */
export const GET = route<{ workspace: string }>(
  async ({ url, params }) => {
    const search = Object.fromEntries(url.searchParams);
    const filters = parseWorkspaceSearchParams(search, Date.now());
    const query = {
      workspace: params.workspace,
      from: filters.from,
      to: filters.to,
      team: filters.team,
    };
    await resolveQuery(await getDb(), query);
    const { pdf } = await printReportPdf(url.origin, query, { secret: (await appAuth()).settings.secret });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${reportFileName(query)}"`,
        "cache-control": "no-store",
      },
    });
  },
  { authorise: workspaceReader(getDb) },
);
