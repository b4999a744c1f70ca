/** `{{ insyn.datasets | datasetsOf(publisher.id) }}`: a publisher's datasets, in the site's order. */
import type { DatasetBuild } from '../../model.ts';

export function datasetsOf(datasets: DatasetBuild[] | undefined, publisherId: string): DatasetBuild[] {
  return (datasets ?? []).filter((d) => d.publisher.id === publisherId);
}
