/** `{{ publishers | withoutPopulation }}`: the names of the publishers whose population site.json does not give. */
export function withoutPopulation(publishers: readonly { name: string; population: number | null }[] | undefined): string[] {
  return (publishers ?? []).filter((p) => !p.population).map((p) => p.name);
}
