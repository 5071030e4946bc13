/**
 * Real servers on 127.0.0.1 for the digest's channels: an SMTP server
 * (smtp-server) that parses what it receives (mailparser), and an HTTP server
 * standing in for a Slack incoming webhook. Each can refuse on purpose.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A running SMTP server and what it accepted. */
export interface TestSmtp {
  port: number;
  /** The SMTP environment that points nodemailer at it. */
  env: Record<string, string>;
  /** Parsed messages it accepted, in order. */
  messages: ParsedMail[];
  /** Every DATA it was offered, accepted or not. */
  offered: number;
  close: () => Promise<void>;
}

/**
 * Starts an SMTP server without TLS on a free port. `refuse(n)` decides the
 * answer to the n-th message (1-based): an SMTP code to reject it with
 * (451: try later; 550: permanent), or null to accept it.
 */
export async function startSmtp(
  options: { refuse?: (n: number) => number | null; user?: string; password?: string } = {},
): Promise<TestSmtp> {
  const state = { messages: [] as ParsedMail[], offered: 0 };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: !options.user,
    // Loopback without TLS: let the client log in anyway, as a test server may.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, _session, callback) {
      const n = ++state.offered;
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const code = options.refuse?.(n) ?? null;
        if (code !== null)
          return callback(
            Object.assign(new Error(code >= 500 ? "Mailbox unavailable" : "Greylisted, try again later"), {
              responseCode: code,
            }),
          );
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            state.messages.push(mail);
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    env: {
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(port),
      SMTP_FROM: "Altimeter <altimeter@example.test>",
      ...(options.user ? { SMTP_USER: options.user, SMTP_PASSWORD: options.password ?? "" } : {}),
    },
    messages: state.messages,
    get offered() {
      return state.offered;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A running stand-in for a Slack incoming webhook and what was posted to it. */
export interface TestSlack {
  url: string;
  posts: { text: string; blocks: Record<string, unknown>[] }[];
  close: () => Promise<void>;
}

/** Starts an HTTP server that takes webhook posts; `status(n)` answers the n-th (default 200 "ok"). */
export async function startSlack(status: (n: number) => number = () => 200): Promise<TestSlack> {
  const posts: TestSlack["posts"] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const code = status(++n);
      if (code === 200) posts.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res
        .writeHead(code, { "content-type": "text/plain" })
        .end(code === 200 ? "ok" : code === 404 ? "no_service" : "internal_error");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/secret-path`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
