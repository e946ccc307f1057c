/**
 * A positive number from the server's environment, or `fallback` when the
 * variable is unset or not a positive number: a typo in a limit must never
 * turn it into 0 (refuse everything) or NaN (refuse nothing).
 */
export function envNumber(name: string, fallback: number, env: Record<string, string | undefined> = process.env): number {
  const n = Number(env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
