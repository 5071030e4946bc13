import { currentPrincipal } from "@/app/_lib/session";
import { signOut } from "@/app/sign-in/actions";

/** Who is signed in, and the button that signs them out; nothing for anyone else. */
export async function UserMenu() {
  const principal = await currentPrincipal();
  if (principal?.kind !== "user") return null;
  return (
    <div className="user-menu">
      <span className="muted">
        {principal.email}
        {principal.admin ? " (admin)" : ""}
      </span>
      <form action={signOut}>
        <button type="submit" className="button button-quiet">
          Sign out
        </button>
      </form>
    </div>
  );
}
