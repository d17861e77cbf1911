import { describe, expect, it } from "vitest";
import { redactUrl } from "./url-redaction.ts";

describe("request URLs in logs", () => {
  it("redacts link tokens in the path and keeps the rest of the URL", () => {
    expect(redactUrl("/link-token/lt_abc123/session")).toBe("/link-token/[redacted]/session");
    expect(redactUrl("/link-token/lt_abc123/connect?x=1")).toBe("/link-token/[redacted]/connect?x=1");
    expect(redactUrl("/link/lt_abc123")).toBe("/link/[redacted]");
    expect(redactUrl("/link/lt_abc123?integration=opsgenie&mode=popup")).toBe(
      "/link/[redacted]?integration=opsgenie&mode=popup",
    );
    expect(redactUrl("/link-token")).toBe("/link-token");
    expect(redactUrl("/link/assets/index-1a2b.js")).toBe("/link/assets/index-1a2b.js");
  });

  it("keeps the OAuth routes' paths and redacts the code and state of the callback", () => {
    expect(redactUrl("/link/oauth/callback?code=C1&state=S1")).toBe(
      "/link/oauth/callback?code=[redacted]&state=[redacted]",
    );
    // The completion carries the code, state and binding in its body, which is never logged.
    expect(redactUrl("/link/oauth/complete")).toBe("/link/oauth/complete");
  });

  it("reads path segments named after Object.prototype members as plain words", () => {
    expect(redactUrl("/constructor/x/__proto__/y/hasOwnProperty")).toBe(
      "/constructor/x/__proto__/y/hasOwnProperty",
    );
  });

  it("redacts secret query values by name, whatever their case or encoding", () => {
    expect(
      redactUrl("/proxy/users?integrated_account_id=acc_1&api_key=K1&limit=5&access_token=T1&apiKey=K2"),
    ).toBe(
      "/proxy/users?integrated_account_id=acc_1&api_key=[redacted]&limit=5&access_token=[redacted]&apiKey=[redacted]",
    );
    expect(redactUrl("/x?TOKEN=a&link_token=b&client%5Fsecret=c&password=d&code=e&q=jose")).toBe(
      "/x?TOKEN=[redacted]&link_token=[redacted]&client%5Fsecret=[redacted]&password=[redacted]&code=[redacted]&q=jose",
    );
    expect(redactUrl("/search/users?q=jose&tenant_id=t1#frag")).toBe("/search/users?q=jose&tenant_id=t1");
  });
});
