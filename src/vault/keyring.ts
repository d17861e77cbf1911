import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Master keys, versioned by id. They come from ROSTER_MASTER_KEY ("id:base64key[,id:base64key...]", the first is
 * active) or, when that is unset, from a key file in the data directory that is generated on first start.
 */
export interface MasterKey {
  id: string;
  key: Buffer;
}

export class KeyringError extends Error {
  override name = "KeyringError";
}

interface KeyFile {
  active: string;
  keys: { id: string; key: string; created_at: string }[];
}

export const KEY_FILE_NAME = "master-keys.json";
/** How often `generation` looks for a key file rewritten by another process, in ms. */
const GENERATION_CHECK_MS = 1_000;

export class Keyring {
  private keys = new Map<string, Buffer>();
  private activeId = "";
  private fileMtimeMs = 0;
  private keysGeneration = 0;
  private generationCheckedAt = 0;

  private constructor(
    private readonly source: { kind: "env"; value: string } | { kind: "file"; path: string },
  ) {}

  /** `created` is true when a key file was generated now (the caller logs that once, without the key). */
  static load(options: { masterKey?: string; dataDir: string }): { keyring: Keyring; created: boolean } {
    if (options.masterKey) {
      const keyring = new Keyring({ kind: "env", value: options.masterKey });
      keyring.reload();
      return { keyring, created: false };
    }
    const file = path.join(options.dataDir, KEY_FILE_NAME);
    const created = !fs.existsSync(file);
    if (created) writeKeyFile(file, { active: "", keys: [] }, newKey());
    const keyring = new Keyring({ kind: "file", path: file });
    keyring.reload();
    return { keyring, created };
  }

  get active(): MasterKey {
    this.refreshIfChanged();
    const key = this.keys.get(this.activeId);
    if (!key) throw new KeyringError("No active master key");
    return { id: this.activeId, key };
  }

  /**
   * A number that changes whenever the keys may have changed: a reload (here, or of a key file another process
   * rewrote) or a rotation. Whoever holds secrets opened with the keys compares it and drops them on a change.
   * Read on every live request, so the key file is looked at (a stat) at most once per second here.
   */
  get generation(): number {
    const now = Date.now();
    if (now - this.generationCheckedAt >= GENERATION_CHECK_MS) {
      this.generationCheckedAt = now;
      this.refreshIfChanged();
    }
    return this.keysGeneration;
  }

  /** Called when a rotation re-wrapped stored secrets (see `generation`). */
  markRotated(): void {
    this.keysGeneration++;
  }

  get(id: string): Buffer | undefined {
    if (!this.keys.has(id)) this.refreshIfChanged();
    return this.keys.get(id);
  }

  ids(): string[] {
    return [...this.keys.keys()];
  }

  get managesFile(): boolean {
    return this.source.kind === "file";
  }

  /** File mode only: adds a new active key (the old ones stay until retired). */
  addActiveKey(): string {
    const file = this.requireFile();
    const next = newKey();
    writeKeyFile(file, readKeyFile(file), next);
    this.reload();
    return next.id;
  }

  /** File mode only: removes keys that no secret uses any more. */
  retire(ids: string[]): void {
    const file = this.requireFile();
    const current = readKeyFile(file);
    const kept = current.keys.filter((k) => !ids.includes(k.id) || k.id === current.active);
    atomicWrite(file, { active: current.active, keys: kept });
    this.reload();
  }

  reload(): void {
    this.keysGeneration++;
    if (this.source.kind === "env") {
      const parsed = parseMasterKeys(this.source.value);
      this.keys = new Map(parsed.map((k) => [k.id, k.key]));
      this.activeId = parsed[0]?.id ?? "";
      return;
    }
    const file = this.source.path;
    const content = readKeyFile(file);
    this.keys = new Map(content.keys.map((k) => [k.id, decodeKey(k.key, `key ${k.id} in ${file}`)]));
    this.activeId = content.active;
    this.fileMtimeMs = fs.statSync(file).mtimeMs;
  }

  /** Another process (`roster keys rotate`) may have changed the key file while this one runs. */
  private refreshIfChanged(): void {
    if (this.source.kind !== "file") return;
    const mtime = fs.statSync(this.source.path, { throwIfNoEntry: false })?.mtimeMs;
    if (mtime !== undefined && mtime !== this.fileMtimeMs) this.reload();
  }

  private requireFile(): string {
    if (this.source.kind !== "file") {
      throw new KeyringError(
        "ROSTER_MASTER_KEY is set: put the new key first in ROSTER_MASTER_KEY, restart, then run `roster keys rotate`",
      );
    }
    return this.source.path;
  }
}

/**
 * Parses ROSTER_MASTER_KEY ("id:key[,id:key...]", each key 32 bytes as base64 or 64 hex characters; an entry
 * without `id:` gets `env-N`). The first key is active. Throws KeyringError naming the variable and the entry.
 * config.ts calls it too, so a malformed value is refused before start-up touches the data folder.
 */
export function parseMasterKeys(value: string): MasterKey[] {
  const entries = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new KeyringError("ROSTER_MASTER_KEY holds no key");
  return entries.map((entry, index) => {
    const separator = entry.indexOf(":");
    const id = separator > 0 ? entry.slice(0, separator) : `env-${index + 1}`;
    const material = separator > 0 ? entry.slice(separator + 1) : entry;
    return { id, key: decodeKey(material, `ROSTER_MASTER_KEY entry ${index + 1}`) };
  });
}

function decodeKey(material: string, where: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(material)
    ? Buffer.from(material, "hex")
    : Buffer.from(material, "base64");
  if (key.length !== 32) throw new KeyringError(`${where} must be 32 bytes (base64 or 64 hex characters)`);
  return key;
}

function newKey(): { id: string; key: string; created_at: string } {
  return {
    id: `mk_${crypto.randomBytes(6).toString("hex")}`,
    key: crypto.randomBytes(32).toString("base64"),
    created_at: new Date().toISOString(),
  };
}

function readKeyFile(file: string): KeyFile {
  try {
    const content = JSON.parse(fs.readFileSync(file, "utf8")) as KeyFile;
    if (!Array.isArray(content.keys) || typeof content.active !== "string")
      throw new Error("unexpected shape");
    return content;
  } catch (error) {
    throw new KeyringError(`Cannot read the master key file ${file}: ${(error as Error).message}`);
  }
}

function writeKeyFile(
  file: string,
  current: KeyFile,
  added: { id: string; key: string; created_at: string },
): void {
  atomicWrite(file, { active: added.id, keys: [added, ...current.keys] });
}

/** Write-then-rename so a reader never sees half a file; 0600 because the file holds the master keys. */
function atomicWrite(file: string, content: KeyFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  fs.chmodSync(file, 0o600);
}
