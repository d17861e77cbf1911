import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "./errors.ts";

/**
 * Opaque, signed cursors. A cursor carries a position and is bound to a scope (e.g. account + resource), so
 * a tampered cursor, or one minted for another account or resource, is refused as `invalid_cursor`.
 */
export type CursorPosition = Record<string, string | number>;

export class CursorCodec {
  constructor(private readonly secret: Buffer) {}

  encode(scope: string, position: CursorPosition): string {
    const payload = Buffer.from(JSON.stringify({ s: scope, p: position }), "utf8").toString("base64url");
    return `${payload}.${this.sign(payload)}`;
  }

  decode(scope: string, cursor: string): CursorPosition {
    const [payload, signature, extra] = cursor.split(".");
    if (!payload || !signature || extra !== undefined || !this.verify(payload, signature)) throw invalid();
    let decoded: { s?: unknown; p?: unknown };
    try {
      decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      throw invalid();
    }
    if (decoded.s !== scope || typeof decoded.p !== "object" || decoded.p === null) throw invalid();
    return decoded.p as CursorPosition;
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url");
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function invalid(): AppError {
  return new AppError("invalid_cursor");
}
