import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditLog } from "@/app/_components/audit-log";
import { requestDb } from "@/app/_lib/db";
import { adminOr404 } from "@/app/_lib/session";
import { NotFoundError } from "@/lib/errors";
import { visibleWorkspaces } from "@/lib/service/access";
import { readAuditPage } from "@/lib/service/audit-log";
import { single, type SearchParams } from "../../w/[workspace]/search-params";

export const metadata: Metadata = { title: "Audit log" };

/** Everything recorded on this instance: sign-ins, users, and every workspace's changes; admins read it. */
export default async function InstanceAuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const db = await requestDb();
  const principal = await adminOr404();
  const search = await searchParams;
  const filters = {
    workspace: single(search.workspace) ?? undefined,
    actor: single(search.actor) ?? undefined,
    action: single(search.action) ?? undefined,
  };
  const [log, workspaces] = await Promise.all([
    readAuditPage(db, principal, {
      workspace: filters.workspace ?? null,
      actor: filters.actor,
      action: filters.action,
      page: Number(single(search.page) ?? 1) || 1,
    }).catch((error) => {
      if (error instanceof NotFoundError) notFound(); // a workspace that does not exist
      throw error;
    }),
    visibleWorkspaces(db, principal),
  ]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit log</h1>
          <p className="subtitle">
            Sign-ins (and failed ones), users, members, API tokens, questionnaire answers and settings, across the
            instance. Secrets are never written here.
          </p>
        </div>
      </div>
      <AuditLog log={log} base="/admin/audit" filters={filters} workspaces={workspaces} />
    </>
  );
}
