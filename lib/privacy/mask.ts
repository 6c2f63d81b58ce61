// Personal data as it appears on screen unless an owner unmasks it: 张*三, j***@example.com,
// 138****5678. Masking keeps enough to tell people apart in a list, not to contact them.

const HAN = /\p{Script=Han}/u;

export function maskName(name: string | null | undefined): string {
  if (!name) return "";
  const trimmed = name.trim();
  const chars = [...trimmed];
  if (chars.some((c) => HAN.test(c))) {
    if (chars.length <= 1) return "*";
    if (chars.length === 2) return `${chars[0]}*`;
    return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  // Latin names: first letter of each part, "J*** S****"
  return trimmed
    .split(/\s+/)
    .map((part) => {
      const p = [...part];
      return p.length <= 1 ? "*" : `${p[0]}${"*".repeat(Math.min(p.length - 1, 4))}`;
    })
    .join(" ");
}

export function maskEmail(email: string | null | undefined): string {
  if (!email) return "";
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  const local = [...email.slice(0, at)];
  return `${local[0]}***${email.slice(at)}`;
}

export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  // Keep the first 3 and last 4 digits: 13812345678 → 138****5678, +1 415 555 0134 → 141****0134
  return `${digits.slice(0, 3)}${"*".repeat(digits.length - 7)}${digits.slice(-4)}`;
}
