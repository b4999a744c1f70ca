/** `{{ insyn.index.publishers | yearsOf }}`: every year in the entries' `years` lists, oldest first. */
export function yearsOf(entries: readonly { years: readonly { year: string }[] }[] | undefined): string[] {
  const years = new Set<string>();
  for (const e of entries ?? []) for (const y of e.years) years.add(y.year);
  return [...years].sort();
}
