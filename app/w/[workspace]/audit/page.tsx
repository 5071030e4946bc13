import type { Metadata } from "next";
import { AuditLog } from "@/app/_components/audit-log";
import { OwnersOnly } from "@/app/_components/owners-only";
import { requestDb } from "@/app/_lib/db";
import { segment } from "@/app/_lib/params";
import { workspaceAccessOr404 } from "@/app/_lib/session";
import { roleAtLeast } from "@/lib/service/access";
import { readAuditPage } from "@/lib/service/audit-log";
import { single, type SearchParams } from "../search-params";

export const metadata: Metadata = { title: "Audit log" };

/** Who changed this workspace's answers, settings, members and tokens, and when: its owners read it. */
export default async function WorkspaceAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const db = await requestDb();
  const { workspace, role, principal } = await workspaceAccessOr404(db, segment((await params).workspace));
  if (!roleAtLeast(role, "owner")) return <OwnersOnly role={role} what="audit log" />;
  const search = await searchParams;
  const filters = { actor: single(search.actor) ?? undefined, action: single(search.action) ?? undefined };
  const log = await readAuditPage(db, principal, {
    workspace: workspace.slug,
    ...filters,
    page: Number(single(search.page) ?? 1) || 1,
  });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit log</h1>
          <p className="subtitle">
            Who changed this workspace&apos;s questionnaire answers, settings, members and API tokens, and when. Secrets
            are never written here.
          </p>
        </div>
      </div>
      <AuditLog log={log} base={`/w/${encodeURIComponent(workspace.slug)}/audit`} filters={filters} />
    </>
  );
}
