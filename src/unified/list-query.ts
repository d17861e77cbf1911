import { z } from "zod";

/** Query parameters every unified list accepts (API.md, "Unified User Directory"). */
export const unifiedListQuery = {
  integrated_account_id: z.string().min(1).max(200),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe("Page size, 1..1000 (default per resource)."),
  next_cursor: z.string().min(1).max(4096).optional().describe("Opaque cursor from a previous page."),
  fetch_all: booleanParam().describe(
    "Every page in one streamed response (`limit` is then the page size asked of the provider). A failure on the first page is a plain error answer; one after it cannot change the status already sent, so the document still ends as valid JSON: `result` holds the records sent, `error` the failure in the error shape and `next_cursor` the page that failed (a request with it returns exactly the rest).",
  ),
  ignore_remote_data: booleanParam().describe("Leave out `remote_data`."),
  response_format: z.enum(["unified", "raw"]).optional().describe("`raw`: the provider's records untouched."),
};

function booleanParam() {
  return z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1");
}

export interface ListOptions {
  limit?: number;
  cursor?: string;
  filters: Record<string, string>;
  include: string[];
  ignoreRemoteData: boolean;
  raw: boolean;
}
