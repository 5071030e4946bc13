import type { Metadata } from "next";
import { ActionForm } from "@/app/_components/action-form";
import { formatTime } from "@/app/_components/format";
import { requestDb } from "@/app/_lib/db";
import { currentSessionId, userOr404 } from "@/app/_lib/session";
import { mySessions } from "@/lib/service/access";
import { endOtherSessions, endSession } from "./actions";

export const metadata: Metadata = { title: "Your account" };

/** Browser and version out of a user agent, in a few words. */
function device(userAgent: string | null): string {
  if (!userAgent) return "unknown browser";
  const browser = /(Firefox|Edg|Chrome|Safari)\/(\d+)/.exec(userAgent);
  const system = /(Windows|Mac OS X|Android|iPhone|Linux)/.exec(userAgent);
  const name = browser ? `${browser[1] === "Edg" ? "Edge" : browser[1]} ${browser[2]}` : userAgent.slice(0, 60);
  return system ? `${name} on ${system[1]}` : name;
}

/** The signed-in person's sessions: where they are signed in, and the buttons that end them. */
export default async function AccountPage() {
  const db = await requestDb();
  const principal = await userOr404();
  const [sessions, current] = await Promise.all([mySessions(db, principal), currentSessionId()]);
  const others = sessions.filter((s) => s.id !== current).length;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Your account</h1>
          <p className="subtitle">
            Signed in as <strong>{principal.email}</strong>
            {principal.admin ? " (instance admin)" : ""}.
          </p>
        </div>
      </div>
      <section className="section" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you are signed in</h2>
        <p className="muted">
          Each browser that signed in has a session; it ends when it expires, when you sign out there, or here. Ending
          one takes effect on that browser&apos;s next click.
        </p>
        {sessions.length === 0 ? (
          <p className="empty-inline muted">No live sessions.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Browser</th>
                  <th scope="col">Signed in (UTC)</th>
                  <th scope="col">Expires (UTC)</th>
                  <th scope="col">End</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {device(s.userAgent)}
                      {s.id === current && <span className="tag"> this browser</span>}
                    </th>
                    <td>{formatTime(s.createdAt.getTime())}</td>
                    <td>{formatTime(s.expiresAt.getTime())}</td>
                    <td>
                      {s.id === current ? (
                        <span className="muted">use Sign out</span>
                      ) : (
                        <ActionForm
                          action={endSession}
                          submit="End"
                          pending="Ending…"
                          row
                          label={`End the session of ${device(s.userAgent)} from ${formatTime(s.createdAt.getTime())}`}
                        >
                          <input type="hidden" name="id" value={s.id} />
                        </ActionForm>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {others > 0 && (
          <ActionForm
            action={endOtherSessions}
            submit={`End the ${others} other ${others === 1 ? "session" : "sessions"}`}
            pending="Ending…"
          />
        )}
      </section>
    </>
  );
}
