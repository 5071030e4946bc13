import { createTransport } from "nodemailer";
import { UpstreamError } from "@/lib/errors";
import { redact } from "@/lib/redact";
import type { SmtpSettings } from "./smtp";

/** One digest mail: both parts and, optionally, the PDF report. */
export interface DigestMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

const TIMEOUT_MS = 30_000;

/** A nodemailer error as an UpstreamError whose kind says whether a retry may help: SMTP 4xx and network trouble may; 5xx and bad credentials will not. */
function classify(error: unknown, secrets: readonly string[]): UpstreamError {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const message = `SMTP: ${redact(e.message ?? String(error), secrets)}`;
  if (typeof e.responseCode === "number") {
    // 4xx is "try again later" in SMTP (greylisting, a full queue, a server shutting down).
    if (e.responseCode >= 400 && e.responseCode < 500) return new UpstreamError(message, "server");
    return new UpstreamError(message, e.code === "EAUTH" ? "auth" : "client");
  }
  if (e.code === "EAUTH" || e.code === "ENOAUTH") return new UpstreamError(message, "auth");
  if (e.code === "EENVELOPE" || e.code === "EMESSAGE" || e.code === "ECONFIG")
    return new UpstreamError(message, "client");
  return new UpstreamError(message, "network");
}

/**
 * Sends one mail over SMTP with nodemailer (a fresh connection, closed
 * after): multipart/alternative with the text and HTML parts. Failures are
 * UpstreamErrors with secrets redacted.
 */
export async function sendMail(
  smtp: SmtpSettings,
  mail: DigestMail,
): Promise<{ messageId: string; accepted: string[] }> {
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.auth ?? undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments,
      headers: { "X-Altimeter": "weekly-digest" },
    });
    return {
      messageId: info.messageId,
      accepted: (info.accepted as (string | { address: string })[]).map((a) => (typeof a === "string" ? a : a.address)),
    };
  } catch (error) {
    throw classify(error, smtp.secrets);
  } finally {
    transport.close();
  }
}
