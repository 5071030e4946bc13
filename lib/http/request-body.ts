import { PayloadTooLargeError, ValidationError } from "@/lib/errors";

/** The most a webhook or events request may carry: 5 MB. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Reads a request body into memory, refusing it (413) when it is over `limit`
 * bytes: at once when Content-Length says so, and while reading otherwise,
 * since a chunked body has no length and a client may lie about it.
 */
export async function readLimitedBody(request: Request, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () => new PayloadTooLargeError(`the body is over ${limit} bytes`);
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const n = Number(declared);
    if (!Number.isSafeInteger(n) || n < 0) throw new ValidationError("Content-Length is not a number of bytes");
    if (n > limit) throw tooLarge();
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
