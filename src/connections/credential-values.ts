import type { AuthSpec, ProviderDefinition } from "../core/provider/contract.ts";

/** One refused credential value: `path` is `context.<field>`, as the API names it. */
export interface CredentialIssue {
  path: string;
  message: string;
}

// C0 controls (CR, LF, NUL, tab, ...), DEL and the C1 controls: never meaningful in a credential.
const CONTROL = /\p{Cc}/u;
// An HTTP header value carries bytes; undici refuses anything beyond Latin-1.
const BEYOND_LATIN1 = /[\u{100}-\u{10ffff}]/u;

/**
 * Checks raw credential values (before any provider schema trims them) for characters that cannot be sent:
 * no value may hold control characters, and the values the provider's auth template puts into an HTTP header as
 * they are must be Latin-1. Returns the issues, in field order; an empty list means every value is safe.
 */
export function unsafeCredentialValues(
  provider: ProviderDefinition,
  context: Readonly<Record<string, string>>,
): CredentialIssue[] {
  const inHeader = headerFields(provider.auth);
  const issues: CredentialIssue[] = [];
  for (const [field, value] of Object.entries(context)) {
    const path = `context.${field}`;
    if (CONTROL.test(value)) {
      issues.push({ path, message: "must not contain line breaks, tabs or other control characters" });
    } else if (inHeader.has(field) && BEYOND_LATIN1.test(value)) {
      issues.push({
        path,
        message: "may only contain Latin-1 characters, because it is sent in an HTTP header",
      });
    }
  }
  return issues;
}

/** The credential fields whose values go into a header as they are (Basic auth base64-encodes its two). */
function headerFields(auth: AuthSpec): Set<string | undefined> {
  if (auth.kind === "basic") return new Set();
  return new Set([...auth.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
}
