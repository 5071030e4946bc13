import { appAuth, appDb } from "@/lib/auth/instance";
import { createUser, OPERATOR } from "@/lib/service/access";

const ADMIN = { email: "admin@altimeter.test", password: "a-test-password-of-sixteen" };
let cookie: Promise<string> | null = null;

/**
 * The cookie of a signed-in instance admin on the app's own database
 * (ALTIMETER_DB), for tests that call route handlers in this process: signed
 * in through better-auth itself, exactly as the sign-in page does.
 */
export function adminCookie(): Promise<string> {
  cookie ??= (async () => {
    await createUser(await appDb(), OPERATOR, { ...ADMIN, admin: true });
    const response = await (await appAuth()).auth.api.signInEmail({ body: ADMIN, asResponse: true });
    const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
    if (!response.ok || cookies.length === 0) throw new Error(`test sign-in failed: ${response.status}`);
    return cookies.join("; ");
  })();
  return cookie;
}

/** A GET `Request` for `url` sent by the signed-in admin. */
export async function adminRequest(url: string, init: RequestInit = {}): Promise<Request> {
  const headers = new Headers(init.headers);
  headers.set("cookie", await adminCookie());
  return new Request(url, { ...init, headers });
}
