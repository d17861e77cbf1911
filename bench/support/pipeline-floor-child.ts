import http from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";
import { encodeJson } from "../../src/api/send-json.ts";
import { parseRecords } from "../../src/core/provider/parse-records.ts";
import { mapUser } from "../../src/providers/opsgenie/mappers.ts";
import { opsgenieUserSchema } from "../../src/providers/opsgenie/schemas.ts";

/**
 * The floor of a live read, for bench/gateway.ts: what any gateway built on Roster's libraries must do for one
 * page (fetch it from the simulator, JSON.parse, check each record with the provider's zod schema, map it,
 * JSON.stringify the envelope with `remote_data` and encode it as Roster does, send it) and nothing else: no
 * routing, validation of the query, authentication, account, pacing, cursors or metrics. `GET /?offset=N` answers the page at N.
 */
const { simulatorUrl, apiKey } = JSON.parse(process.env.BENCH_FLOOR ?? "{}") as {
  simulatorUrl: string;
  apiKey: string;
};
const upstream = new Pool(simulatorUrl, { connections: 64 });
const server = http.createServer((req, res) => {
  const offset = Number(new URL(req.url ?? "/", "http://floor").searchParams.get("offset") ?? 0);
  void (async () => {
    const answer = await upstream.request({
      method: "GET",
      path: `/v2/users?limit=100&offset=${offset}&sort=username&order=asc`,
      headers: { authorization: `GenieKey ${apiKey}`, accept: "application/json" },
    });
    const body = Buffer.from(await answer.body.arrayBuffer());
    const parsed = JSON.parse(body.toString("utf8")) as { data: unknown[] };
    const { records } = parseRecords(opsgenieUserSchema, parsed.data, "user");
    const out = encodeJson({
      result: records.map((raw) => mapUser(raw)),
      next_cursor: null,
      prev_cursor: null,
      result_count: records.length,
    }) as Buffer;
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": out.length });
    res.end(out);
  })().catch(() => {
    res.statusCode = 502;
    res.end();
  });
});
server.listen(0, "127.0.0.1", () => {
  process.send?.({ type: "ready", url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.once("SIGTERM", () => {
  server.close();
  void upstream.close().then(() => process.exit(0));
});
