import type { ReactNode } from "react";
import { requestDb } from "@/app/_lib/db";
import { segment } from "@/app/_lib/params";
import { teamOr404, workspaceOr404 } from "@/app/_lib/lookups";

/** A team's pages: the team is checked before anything streams, so an unknown one is a real 404. */
export default async function TeamLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspace: string; team: string }>;
}) {
  const { workspace, team } = await params;
  const db = await requestDb();
  await teamOr404(db, await workspaceOr404(db, segment(workspace)), segment(team));
  return children;
}
