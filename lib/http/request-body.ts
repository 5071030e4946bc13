import { PayloadTooLargeError, ValidationError } from "@/lib/errors";

/** The most a webhook or events request may carry: 5 MB. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * A request body as it arrives, refused (413) when it is over `limit` bytes:
 * at once when Content-Length says so, and while reading otherwise, since a
 * chunked body has no length and a client may lie about it.
 */
export async function* limitedBodyChunks(request: Request, limit = MAX_BODY_BYTES): AsyncGenerator<Uint8Array> {
  const tooLarge = () => new PayloadTooLargeError(`the body is over ${limit} bytes`);
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const n = Number(declared);
    if (!Number.isSafeInteger(n) || n < 0) throw new ValidationError("Content-Length is not a number of bytes");
    if (n > limit) throw tooLarge();
  }
  if (!request.body) return;
  const reader = request.body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > limit) throw tooLarge();
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** Reads a request body into memory, within `limit` bytes (see {@link limitedBodyChunks}). */
export async function readLimitedBody(request: Request, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of limitedBodyChunks(request, limit)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
