export { DecryptionError } from "./envelope.ts";
export { KEY_FILE_NAME, Keyring, KeyringError } from "./keyring.ts";
export { type RotationResult, rotateMasterKey, type SealedSecretTable } from "./rotation.ts";
export { type SealedSecret, Vault, VaultKeyMissingError } from "./vault.ts";
