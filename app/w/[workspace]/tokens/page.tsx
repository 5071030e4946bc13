import type { Metadata } from "next";
import { ActionForm } from "@/app/_components/action-form";
import { formatTime } from "@/app/_components/format";
import { OwnersOnly } from "@/app/_components/owners-only";
import { requestDb } from "@/app/_lib/db";
import { segment } from "@/app/_lib/params";
import { workspaceAccessOr404 } from "@/app/_lib/session";
import { listTokens, roleAtLeast, TOKEN_SCOPES } from "@/lib/service/access";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

const SCOPE_WORDS: Record<string, string> = {
  "read:metrics": "read the metrics API (/api/v1)",
  "write:events": "send events (/api/events)",
};

/** The workspace's API tokens: owners create them (shown once) and revoke them. */
export default async function TokensPage({ params }: { params: Promise<{ workspace: string }> }) {
  const db = await requestDb();
  const { workspace, role, principal } = await workspaceAccessOr404(db, segment((await params).workspace));
  if (!roleAtLeast(role, "owner")) return <OwnersOnly role={role} what="API tokens" />;
  const tokens = await listTokens(db, principal, workspace.slug);
  const live = tokens.filter((t) => t.revokedAt === null).length;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>API tokens</h1>
          <p className="subtitle">
            A token reaches this workspace only, for one scope, sent as <code>Authorization: Bearer alt_…</code>. It is
            shown once when made; Altimeter keeps only its hash.
          </p>
        </div>
      </div>
      <section className="section card" aria-labelledby="new-token-title">
        <h2 id="new-token-title">New token</h2>
        <ActionForm action={createTokenAction} submit="Create token" pending="Creating…" className="action-form">
          <label className="field">
            <span>Name (what uses it)</span>
            <input name="name" required maxLength={100} placeholder="ci-deploys" autoComplete="off" />
          </label>
          <label className="field">
            <span>Scope</span>
            <select name="scope" defaultValue="read:metrics">
              {TOKEN_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {s}: {SCOPE_WORDS[s] ?? s}
                </option>
              ))}
            </select>
          </label>
        </ActionForm>
      </section>
      <section className="section" aria-labelledby="tokens-title">
        <h2 id="tokens-title">
          {live} live {live === 1 ? "token" : "tokens"}
          {tokens.length > live ? `, ${tokens.length - live} revoked` : ""}
        </h2>
        {tokens.length === 0 ? (
          <p className="empty-inline muted">No API tokens yet. Create one above for a CI job or a script.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Name</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Created (UTC)</th>
                  <th scope="col">Last used (UTC)</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <td>{t.id}</td>
                    <th scope="row">{t.name}</th>
                    <td>
                      <code>{t.scope}</code>
                    </td>
                    <td>
                      <code>{t.prefix}…</code>
                    </td>
                    <td>
                      {formatTime(t.createdAt)} <span className="muted">by {t.createdBy}</span>
                    </td>
                    <td>{t.lastUsedAt === null ? "never" : formatTime(t.lastUsedAt)}</td>
                    <td>
                      {t.revokedAt !== null ? (
                        <span className="muted">revoked {formatTime(t.revokedAt)}</span>
                      ) : (
                        <ActionForm
                          action={revokeTokenAction}
                          submit="Revoke"
                          pending="Revoking…"
                          row
                          label={`Revoke token ${t.name}`}
                        >
                          <input type="hidden" name="id" value={t.id} />
                        </ActionForm>
                      )}
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
