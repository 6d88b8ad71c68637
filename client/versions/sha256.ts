/** Hex SHA-256 of a text's UTF-8 bytes, as the server computes a version's `sha256`; null where Web Crypto is unavailable (plain http off localhost). */
export async function sha256Hex(text: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
