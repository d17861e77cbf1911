import http from "node:http";
import type { AddressInfo } from "node:net";

export interface EmbeddingPage {
  /** e.g. http://127.0.0.1:41234 — another origin than Roster's (another port). */
  origin: string;
  url: string;
  close(): Promise<void>;
}

/**
 * The product's own page, on its own origin: it imports the SDK from Roster like a real product would and
 * exposes `startConnect(token, options)`, which records the outcome in `window.outcome`.
 */
export async function startEmbeddingPage(rosterUrl: string): Promise<EmbeddingPage> {
  const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Acme (embedding app)</title></head>
  <body>
    <h1>Acme</h1>
    <button id="connect" type="button">Connect Opsgenie</button>
    <script type="module">
      import { connect } from ${JSON.stringify(`${rosterUrl}/sdk/link.js`)};
      window.startConnect = (token, options = {}) => {
        window.outcome = undefined;
        connect(token, { baseUrl: ${JSON.stringify(rosterUrl)}, ...options }).then(
          (result) => { window.outcome = { result }; },
          (error) => { window.outcome = { error }; },
        );
      };
      window.sdkReady = true;
    </script>
  </body>
</html>`;
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
