import { Readable } from "node:stream";

/**
 * Streams a list envelope page by page, so `fetch_all` holds one page in memory however long the list is.
 * The first page is read before the response starts, so early failures still get their own status code;
 * a failure after that can only cut the stream short (the JSON is then incomplete, never silently short).
 */
export async function streamListEnvelope(pages: AsyncGenerator<unknown[]>): Promise<Readable> {
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
    yield `],"next_cursor":null,"prev_cursor":null,"result_count":${count}}`;
  }
  return Readable.from(chunks(), { objectMode: false });
}
