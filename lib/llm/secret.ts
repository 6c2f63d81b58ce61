import "server-only";
// Provider API keys at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the server secret,
// with a fresh 96-bit nonce per encryption. The stored form is "v1.<nonce>.<ciphertext+tag>" in
// base64url; a wrong secret or a changed byte fails authentication instead of decrypting to garbage.
// Keys go to the browser only masked (maskApiKey).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const INFO = "shoplens/llm-api-key/v1";

function keyFrom(secret: string): Buffer {
  if (secret.length < 32) throw new RangeError("the server secret must be at least 32 characters");
  return Buffer.from(hkdfSync("sha256", secret, "shoplens", INFO, 32));
}

export function encryptSecret(plain: string, serverSecret: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(serverSecret), nonce);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1.${nonce.toString("base64url")}.${body.toString("base64url")}`;
}

export class SecretError extends Error {
  override name = "SecretError";
}

export function decryptSecret(stored: string, serverSecret: string): string {
  const [version, nonce, body] = stored.split(".");
  if (version !== "v1" || !nonce || !body) throw new SecretError("not an encrypted secret");
  const data = Buffer.from(body, "base64url");
  if (data.length < 16) throw new SecretError("the encrypted secret is truncated");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(serverSecret), Buffer.from(nonce, "base64url"));
  decipher.setAuthTag(data.subarray(data.length - 16));
  try {
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretError(
      "the secret cannot be decrypted with this server secret (changed AUTH_SECRET, or tampered data)",
    );
  }
}

/** "sk-…abcd": enough to recognise a key, never enough to use it. */
export function maskApiKey(key: string): string {
  if (key.length <= 8) return "•".repeat(key.length);
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}
