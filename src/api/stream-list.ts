import { Readable } from "node:stream";
import type { Warning } from "../core/provider/warnings.ts";

/**
 * Streams a list envelope page by page, so `fetch_all` holds one page in memory however long the list is.
 * The first page is read before the response starts, so early failures still get their own status code;
 * a failure after that can only cut the stream short (the JSON is then incomplete, never silently short).
 * What the pages left out (the generator's return value) ends the document as `warnings`, when any.
 */
export async function streamListEnvelope(
  pages: AsyncGenerator<unknown[], readonly Warning[] | undefined>,
): Promise<Readable> {
  const first = await pages.next();
  let count = 0;
  async function* chunks(): AsyncGenerator<string> {
    yield '{"result":[';
    let current = first;
    while (!current.done) {
      for (const record of current.value) {
        yield (count === 0 ? "" : ",") + JSON.stringify(record);
        count++;
      }
      current = await pages.next();
    }
    const warnings = current.value?.length ? `,"warnings":${JSON.stringify(current.value)}` : "";
    yield `],"next_cursor":null,"prev_cursor":null,"result_count":${count}${warnings}}`;
  }
  return Readable.from(chunks(), { objectMode: false });
}
