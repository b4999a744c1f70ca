/** `2120001355` → `212000-1355`, the way organisation numbers are written; anything else as it is. */
export function orgNumber(value: string): string {
  const digits = String(value ?? '').replace(/-/g, '');
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 6)}-${digits.slice(6)}` : String(value ?? '');
}
