/**
 * What a provider brings to the shared conformance suite: a way to start its simulator, the operator
 * environment that points Roster at it, credentials that work and credentials that must be refused, and
 * the directory sizes the simulator holds.
 */
export interface ProviderHarness {
  integration: string;
  /** Path parameters Roster fills itself for this provider (its `proxyPathParams`), never the caller. */
  ownPathParams?: readonly string[];
  start(): Promise<HarnessRun>;
}

export interface HarnessRun {
  env: Record<string, string>;
  credentials: Record<string, string>;
  refused: Record<string, string>[];
  expected: { users: number; groups: number };
  close(): Promise<void>;
}
