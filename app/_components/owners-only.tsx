import type { WorkspaceRole } from "@/lib/service/access";

/** What a member below owner sees on an owner's page: why, and nothing of what it holds. */
export function OwnersOnly({ role, what }: { role: WorkspaceRole; what: string }) {
  return (
    <section className="notice notice-info" aria-labelledby="owners-only-title">
      <h1 id="owners-only-title">Only the workspace&apos;s owners see its {what}</h1>
      <p>
        Your role here is <strong>{role}</strong>. Ask an owner of this workspace, or an instance admin, if you need
        this.
      </p>
    </section>
  );
}
