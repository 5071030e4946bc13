import { UpstreamError, ValidationError } from "@/lib/errors";
import { readSecret } from "@/lib/env";
import { redact } from "@/lib/redact";

const TIMEOUT_MS = 15_000;

/** The webhook URL from the environment variable the config names; a clear error (naming the variable, never a value) when it is unset. */
export function slackWebhookUrl(envName: string, env: Record<string, string | undefined> = process.env): string {
  const url = readSecret(envName, env as NodeJS.ProcessEnv);
  if (!url)
    throw new ValidationError(
      `the Slack digest needs an incoming-webhook URL in the environment variable ${envName} (the config's digest.slack.webhookUrlEnv names another)`,
    );
  if (!/^https?:\/\//.test(url)) throw new ValidationError(`${envName} must hold the webhook's http(s) URL`);
  return url;
}

/**
 * Posts a Block Kit message to a Slack incoming webhook. 429 and 5xx are
 * worth retrying (`rate_limit`, `server`); other answers are not. The URL is
 * itself a secret: it never appears in an error.
 */
export async function postToSlack(url: string, message: { text: string; blocks: unknown[] }): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new UpstreamError(`Slack webhook: ${redact((error as Error).message, [url])}`, "network");
  }
  const body = (await response.text().catch(() => "")).slice(0, 200);
  if (response.ok) return;
  const message2 = `Slack webhook answered ${response.status}${body ? `: ${redact(body, [url])}` : ""}`;
  if (response.status === 429) throw new UpstreamError(message2, "rate_limit");
  if (response.status >= 500) throw new UpstreamError(message2, "server");
  throw new UpstreamError(message2, response.status === 401 || response.status === 403 ? "auth" : "client");
}
