import { appAuth } from "@/lib/auth/instance";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** better-auth's endpoints: sign-in (email and password, OIDC and its callback), sign-out, sessions, one-time links. */
export async function GET(request: Request): Promise<Response> {
  return (await appAuth()).auth.handler(request);
}

export async function POST(request: Request): Promise<Response> {
  return (await appAuth()).auth.handler(request);
}
