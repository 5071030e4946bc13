import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { WorkspaceNav } from "@/app/_components/workspace-nav";
import { requestDb } from "@/app/_lib/db";
import { segment } from "@/app/_lib/params";
import { workspaceAccessOr404 } from "@/app/_lib/session";
import { roleAtLeast } from "@/lib/service/access";

/**
 * Every page of a workspace. The workspace is checked here, before anything
 * streams, so an unknown one is a real 404 rather than a 200 with a message.
 */
export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { workspace, role } = await workspaceAccessOr404(await requestDb(), segment(slug));
  return (
    <>
      <p className="breadcrumb">
        <Link prefetch={false} href="/">
          Workspaces
        </Link>{" "}
        / <span className="slug">{workspace.slug}</span>
      </p>
      <Suspense fallback={<nav className="workspace-nav" aria-label="Workspace" />}>
        <WorkspaceNav slug={workspace.slug} owner={roleAtLeast(role, "owner")} />
      </Suspense>
      {children}
    </>
  );
}
