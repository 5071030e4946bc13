import Link from "next/link";
import { currentPrincipal } from "@/app/_lib/session";
import { signOut } from "@/app/sign-in/actions";

/** Who is signed in, and the button that signs them out; nothing for anyone else. */
export async function UserMenu() {
  const principal = await currentPrincipal();
  if (principal?.kind !== "user") return null;
  return (
    <div className="user-menu">
      {principal.admin && (
        <>
          <Link prefetch={false} href="/admin/users">
            Users
          </Link>
          <Link prefetch={false} href="/admin/audit">
            Audit log
          </Link>
        </>
      )}
      <Link prefetch={false} href="/account" title="Your account and sessions">
        {principal.email}
        {principal.admin ? " (admin)" : ""}
      </Link>
      <form action={signOut}>
        <button type="submit" className="button button-quiet">
          Sign out
        </button>
      </form>
    </div>
  );
}
