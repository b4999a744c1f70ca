/**
 * Sources: what a text file is when it is not a CSV export at all: a JSON document (Västerås publishes EntryScape
 * rowstore JSON), an XML file, or a saved web page. Judged from its first characters, in its own encoding.
 */
import type { Encoding } from './encoding.ts';
import { decodeCp1252 } from './encoding.ts';

export type TextKind = 'json' | 'xml' | 'html';

export function sniffText(head: Buffer, encoding: Encoding, bomBytes: number): TextKind | null {
  const body = head.subarray(bomBytes);
  const text =
    encoding === 'UTF-16LE' || encoding === 'UTF-16BE'
      ? new TextDecoder(encoding === 'UTF-16LE' ? 'utf-16le' : 'utf-16be').decode(body)
      : encoding === 'Windows-1252'
        ? decodeCp1252(body)
        : body.toString('utf8');
  const t = text.replace(/^[\s\uFEFF]+/, '');
  if (/^[[{]\s*(?:["{[\]}]|$)/.test(t)) return 'json';
  if (/^<!doctype\s+html|^<html[\s>]|^<head[\s>]|^<body[\s>]/i.test(t)) return 'html';
  if (/^<\?xml|^<[A-Za-z_][\w:.-]*(?:\s[^>]*)?>/.test(t)) return /<html[\s>]/i.test(t.slice(0, 2000)) ? 'html' : 'xml';
  return null;
}
