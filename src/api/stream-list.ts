import { Readable } from "node:stream";
import type { Warning } from "../core/provider/warnings.ts";
import { type ErrorEnvelope, toErrorEnvelope } from "./error-envelope.ts";

/** One page of a walk and the opaque cursor of the page after it (null after the last page). */
export interface StreamedPage {
  records: unknown[];
  next_cursor: string | null;
}

/**
 * Streams a list envelope page by page, so `fetch_all` holds one page in memory however long the list is.
 * The first page is read before the response starts, so early failures still get their own status code.
 * A failure after that still ends the document as valid JSON: the records already sent, `next_cursor` at the
 * page that failed (resuming from it gives exactly the rest) and an `error` member in the error shape, e.g.
 * `{"result":[...],"next_cursor":"…","prev_cursor":null,"result_count":100,"error":{"statusCode":502,…}}`.
 * What the pages left out (the generator's return value) ends a complete document as `warnings`, when any.
 * `onError` is told of a failure after the first page (the response status is already sent).
 */
export async function streamListEnvelope(
  pages: AsyncGenerator<StreamedPage, readonly Warning[] | undefined>,
  onError?: (error: unknown, envelope: ErrorEnvelope) => void,
): Promise<Readable> {
  const first = await pages.next();
  let count = 0;
  async function* chunks(): AsyncGenerator<string> {
    yield '{"result":[';
    let current = first;
    let resume: string | null = null;
    let failure: ErrorEnvelope | undefined;
    while (!current.done) {
      for (const record of current.value.records) {
        yield (count === 0 ? "" : ",") + JSON.stringify(record);
        count++;
      }
      resume = current.value.next_cursor;
      try {
        current = await pages.next();
      } catch (error) {
        failure = toErrorEnvelope(error);
        onError?.(error, failure);
        break;
      }
    }
    const tail = `],"next_cursor":${JSON.stringify(resume)},"prev_cursor":null,"result_count":${count}`;
    if (failure) {
      yield `${tail},"error":${JSON.stringify(failure)}}`;
      return;
    }
    const warnings =
      current.done && current.value?.length ? `,"warnings":${JSON.stringify(current.value)}` : "";
    yield `${tail}${warnings}}`;
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** Logs a streamed list that failed after its first page, unless the caller went away (nothing to tell). */
export function streamFailureLogger(
  request: { log: { warn(fields: object, message: string): void } },
  signal: AbortSignal,
): (error: unknown, envelope: ErrorEnvelope) => void {
  return (error, envelope) => {
    if (signal.aborted) return;
    request.log.warn({ err: error, code: envelope.code }, "streamed list failed after its first page");
  };
}
