import type { Metadata } from "next";
import { ActionForm } from "@/app/_components/action-form";
import { OwnersOnly } from "@/app/_components/owners-only";
import { requestDb } from "@/app/_lib/db";
import { segment } from "@/app/_lib/params";
import { workspaceAccessOr404 } from "@/app/_lib/session";
import { listMembers, roleAtLeast, WORKSPACE_ROLES } from "@/lib/service/access";
import { removeMemberAction, setMemberRole } from "./actions";

export const metadata: Metadata = { title: "Members" };

function RoleSelect({ value, label }: { value?: string; label: string }) {
  return (
    <select name="role" defaultValue={value ?? "viewer"} aria-label={label}>
      {WORKSPACE_ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}

/** Who may see this workspace and what they may do: owners add people by email, change roles, take access away. */
export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const db = await requestDb();
  const { workspace, role, principal } = await workspaceAccessOr404(db, segment((await params).workspace));
  if (!roleAtLeast(role, "owner")) return <OwnersOnly role={role} what="members" />;
  const members = await listMembers(db, principal, workspace.slug);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Members</h1>
          <p className="subtitle">
            A viewer reads the dashboard; an editor also answers the questionnaire; an owner also manages members and
            API tokens and reads the audit log. Instance admins see every workspace without being members.
          </p>
        </div>
      </div>
      <section className="section card" aria-labelledby="add-member-title">
        <h2 id="add-member-title">Add a member</h2>
        <p className="muted">The person needs an account on this instance first (an instance admin adds it).</p>
        <ActionForm action={setMemberRole} submit="Add" pending="Adding…" className="action-form action-form-inline">
          <label className="field">
            <span>Email</span>
            <input name="email" type="email" required autoComplete="off" />
          </label>
          <div className="field">
            <span aria-hidden="true">Role</span>
            <RoleSelect label="Role" />
          </div>
        </ActionForm>
      </section>
      <section className="section" aria-labelledby="members-title">
        <h2 id="members-title">
          {members.length} {members.length === 1 ? "member" : "members"}
        </h2>
        {members.length === 0 ? (
          <p className="empty-inline muted">
            Nobody is a member yet: only instance admins see this workspace. Add someone above.
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Remove</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.userId}>
                    <th scope="row">{m.email}</th>
                    <td>{m.name}</td>
                    <td>
                      <ActionForm
                        action={setMemberRole}
                        submit="Change"
                        pending="Changing…"
                        row
                        label={`Role of ${m.email}`}
                      >
                        <input type="hidden" name="email" value={m.email} />
                        <RoleSelect value={m.role} label={`Role of ${m.email}`} />
                      </ActionForm>
                    </td>
                    <td>
                      <ActionForm
                        action={removeMemberAction}
                        submit="Remove"
                        pending="Removing…"
                        row
                        label={`Remove ${m.email}`}
                      >
                        <input type="hidden" name="email" value={m.email} />
                      </ActionForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
