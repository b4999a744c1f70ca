/**
 * Stable dataset identifiers: UUID version 5 (RFC 9562, SHA-1 name-based) of the publisher's organisation
 * number, the dataset id and the period key. The base URL is deliberately not part of the name, so a dataset
 * keeps its `dct:identifier` when the site moves and harvesters still recognise it.
 */
import { createHash } from 'node:crypto';

/** RFC 9562's namespace for URLs. */
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** UUID v5 of `name` in `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`Not a UUID: "${namespace}"`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Insyn's own namespace: UUID v5 of the invoice specification's URL in the URL namespace. */
export const INSYN_NAMESPACE = uuidV5(NAMESPACE_URL, 'https://lankadedata.se/spec/leverantorsreskontra');

/**
 * The identifier of one catalogue entry: `periodKey` is a year, `all` (a cumulative dataset) or `series`
 * (the dataset series of a yearly dataset).
 */
export function datasetUuid(orgNumber: string, datasetId: string, periodKey: string): string {
  return uuidV5(INSYN_NAMESPACE, `${orgNumber.replace(/\D/g, '')}/${datasetId}/${periodKey}`);
}
