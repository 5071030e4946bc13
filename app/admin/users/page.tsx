import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/app/_components/action-form";
import { formatTime } from "@/app/_components/format";
import { requestDb } from "@/app/_lib/db";
import { adminOr404 } from "@/app/_lib/session";
import { listUsers } from "@/lib/service/access";
import { addUser, resetLink, setAdmin, signOutEverywhere } from "./actions";

export const metadata: Metadata = { title: "Users" };

/** The instance's users: an admin adds them, hands out sign-in links, signs them out everywhere, makes admins. */
export default async function UsersPage() {
  const db = await requestDb();
  const principal = await adminOr404();
  const users = await listUsers(db, principal);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Users</h1>
          <p className="subtitle">
            Nobody signs up: an instance admin adds people here or with <code>altimeter users add</code>, then gives
            them roles on each workspace&apos;s Members page. See also the{" "}
            <Link prefetch={false} href="/admin/audit">
              audit log
            </Link>
            .
          </p>
        </div>
      </div>
      <section className="section card" aria-labelledby="add-user-title">
        <h2 id="add-user-title">Add a user</h2>
        <ActionForm action={addUser} submit="Add user" pending="Adding…" className="action-form">
          <label className="field">
            <span>Email</span>
            <input name="email" type="email" required autoComplete="off" />
          </label>
          <label className="field">
            <span>Name (optional)</span>
            <input name="name" maxLength={200} autoComplete="off" />
          </label>
          <label className="checkbox">
            <input type="checkbox" name="admin" /> Instance admin (manages users, sees every workspace)
          </label>
        </ActionForm>
      </section>
      <section className="section" aria-labelledby="users-title">
        <h2 id="users-title">
          {users.length} {users.length === 1 ? "user" : "users"}
        </h2>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Added (UTC)</th>
                <th scope="col">Admin</th>
                <th scope="col">Sign-in link</th>
                <th scope="col">Sessions</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.email}</th>
                  <td>{u.name}</td>
                  <td className="nowrap">{formatTime(u.createdAt.getTime())}</td>
                  <td>
                    <ActionForm
                      action={setAdmin}
                      submit={u.admin ? "Remove admin" : "Make admin"}
                      pending="Saving…"
                      row
                      label={`${u.admin ? "Remove admin from" : "Make admin"} ${u.email}`}
                    >
                      {u.admin && <span>yes</span>}
                      <input type="hidden" name="email" value={u.email} />
                      <input type="hidden" name="admin" value={u.admin ? "no" : "yes"} />
                    </ActionForm>
                  </td>
                  <td>
                    <ActionForm
                      action={resetLink}
                      submit="New link"
                      pending="Making…"
                      row
                      label={`New sign-in link for ${u.email}`}
                    >
                      <input type="hidden" name="email" value={u.email} />
                    </ActionForm>
                  </td>
                  <td>
                    <ActionForm
                      action={signOutEverywhere}
                      submit="Sign out everywhere"
                      pending="Signing out…"
                      row
                      label={`Sign ${u.email} out everywhere`}
                    >
                      <input type="hidden" name="email" value={u.email} />
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
