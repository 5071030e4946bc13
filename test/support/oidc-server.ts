/**
 * A real OpenID Connect provider on loopback for sign-in tests: panva's
 * `oidc-provider` (a certified implementation) with its development
 * login and consent pages, one confidential client, and accounts named by
 * their email (any password is accepted at its login page).
 */
import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";

export interface OidcServer {
  issuer: string;
  stop: () => Promise<void>;
}

export async function startOidcServer(options: {
  port: number;
  client: { id: string; secret: string; redirectUri: string };
  /** Emails the provider knows; it signs in anyone it knows, with email_verified true. */
  people: Record<string, { name: string }>;
}): Promise<OidcServer> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.client.id,
        client_secret: options.client.secret,
        redirect_uris: [options.client.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // better-auth sends the secret in the form body (its default when a secret is set).
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    async findAccount(_ctx: unknown, id: string) {
      const person = options.people[id];
      if (!person) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: `idp-${id}`, email: id, email_verified: true, name: person.name }),
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The email in the ID token as well as at the userinfo endpoint.
    conformIdTokenClaims: false,
    cookies: { keys: ["altimeter-test-oidc-cookie-key"] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
