#!/usr/bin/env node
// Roster runs its TypeScript sources through tsx, so the installed command and a checkout behave the same.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
