/**
 * Bytes of a text in another encoding, made by iconv (a program that is not the code under test),
 * so that an encoding test does not check the decoder against its own inverse.
 */

import { execFileSync } from 'node:child_process';

const ICONV_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'windows-1251': 'CP1251',
  ibm866: 'CP866',
  'koi8-r': 'KOI8-R',
  'windows-1252': 'CP1252',
  'iso-8859-1': 'ISO-8859-1',
};

export function encodeText(text: string, encoding: string): Uint8Array {
  const to = ICONV_NAMES[encoding];
  if (!to) throw new Error(`no iconv name for ${encoding}`);
  return new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', to], { input: Buffer.from(text, 'utf8') }));
}
