import { appAuth } from "@/lib/auth/instance";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** better-auth's endpoints: sign-in (email and password, OIDC and its callback), sign-out, sessions, one-time links. */
export function GET(request: Request): Promise<Response> {
  return appAuth().auth.handler(request);
}

export function POST(request: Request): Promise<Response> {
  return appAuth().auth.handler(request);
}
