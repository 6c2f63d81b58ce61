import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, maskApiKey, SecretError } from "./secret";

const SECRET = "a-server-secret-of-at-least-32-characters!";

describe("API keys at rest", () => {
  it("round-trips, with a fresh nonce each time", () => {
    const a = encryptSecret("sk-test-1234567890abcd", SECRET);
    const b = encryptSecret("sk-test-1234567890abcd", SECRET);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain("1234567890");
    expect(decryptSecret(a, SECRET)).toBe("sk-test-1234567890abcd");
    expect(decryptSecret(encryptSecret("密钥", SECRET), SECRET)).toBe("密钥");
  });

  it("refuses another server secret, a changed byte and malformed input", () => {
    const stored = encryptSecret("sk-live-key", SECRET);
    expect(() => decryptSecret(stored, `${SECRET}x`)).toThrow(SecretError);
    const [v, n, body] = stored.split(".");
    const bytes = Buffer.from(body!, "base64url");
    bytes[0] = bytes[0]! ^ 1;
    expect(() => decryptSecret(`${v}.${n}.${bytes.toString("base64url")}`, SECRET)).toThrow(
      "the secret cannot be decrypted with this server secret (changed AUTH_SECRET, or tampered data)",
    );
    expect(() => decryptSecret("plain-text-key", SECRET)).toThrow("not an encrypted secret");
    expect(() => encryptSecret("x", "short")).toThrow(RangeError);
  });

  it("masks keys for the browser", () => {
    expect(maskApiKey("sk-proj-abcdefghijklmnop")).toBe("sk-…mnop");
    expect(maskApiKey("short")).toBe("•••••");
  });
});
