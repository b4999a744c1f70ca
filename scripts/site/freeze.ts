/**
 * Deep-frozen data for Eleventy. Eleventy copies every plain object of the global data into each template's data
 * and, on every paginated page, wraps each object a template reads in a new Proxy (its ProxyWrap, on each read,
 * every level of `insyn.settings.publishers`): on a site of 20,000 supplier pages that was most of a page's cost.
 * A frozen object it neither copies nor wraps: it hands the object itself to every page.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  const proto = Object.getPrototypeOf(value);
  // Plain data only: a Date, Map or class instance is left as it is (Eleventy handles those itself).
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
