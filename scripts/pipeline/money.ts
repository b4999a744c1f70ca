/**
 * Money as integer öre. Amounts of single rows are safe integers (|öre| < 2^50); sums switch to BigInt before
 * they could lose precision, so totals over any number of rows are exact.
 */

/** Largest amount of one row we accept, in öre (about 11 000 billion kronor). */
export const MAX_ROW_ORE = 2 ** 50;
const SPILL = 2 ** 52;

/** An exact running sum of öre. */
export class OreSum {
  private small = 0;
  private big = 0n;

  add(ore: number): void {
    const s = this.small + ore;
    if (s > SPILL || s < -SPILL) {
      this.big += BigInt(s);
      this.small = 0;
    } else {
      this.small = s;
    }
  }

  addSum(other: OreSum): void {
    this.big += other.value();
  }

  addBig(ore: bigint): void {
    this.big += ore;
  }

  value(): bigint {
    return this.big + BigInt(this.small);
  }

  text(): string {
    return oreToText(this.value());
  }
}

/** 123450 → `"1234.50"`, -5 → `"-0.05"`. */
export function oreToText(ore: number | bigint): string {
  const v = BigInt(ore);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const kr = abs / 100n;
  const rest = abs % 100n;
  return `${neg ? '-' : ''}${kr}.${rest < 10n ? '0' : ''}${rest}`;
}

/** Same as oreToText for a safe-integer number, without BigInt (hot path). */
export function oreNumberToText(ore: number): string {
  const neg = ore < 0;
  const abs = neg ? -ore : ore;
  const kr = Math.floor(abs / 100);
  const rest = abs - kr * 100;
  return `${neg ? '-' : ''}${kr}.${rest < 10 ? '0' : ''}${rest}`;
}

/** `"-1234.50"` → -123450n. Throws on anything else. */
export function textToOre(text: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a money text: ${text}`);
  const v = BigInt(m[2]) * 100n + BigInt(m[3]);
  return m[1] ? -v : v;
}
