/**
 * The names of the streams in an OLE2 compound file (the container of `.xls`, and of every password-protected
 * Office file, whose `EncryptedPackage` stream holds the encrypted workbook). Reads only the header, the FAT sectors
 * that the directory chain passes through, and the directory sectors: a few kilobytes, whatever the file's size.
 * Returns null when the file is not a readable compound file.
 */
import type { FileHandle } from 'node:fs/promises';

export const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTORS = 1 << 16; // directory sectors followed at most (65,536 × 4 entries or more): a loop guard

export async function cfbStreamNames(fh: FileHandle, size: number): Promise<string[] | null> {
  const header = Buffer.alloc(512);
  if ((await fh.read(header, 0, 512, 0)).bytesRead < 512 || !header.subarray(0, 8).equals(CFB_MAGIC)) return null;
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const perFatSector = sectorSize / 4;
  const difat: number[] = [];
  for (let i = 0; i < 109; i++) difat.push(header.readUInt32LE(0x4c + i * 4));
  let difatSector = header.readUInt32LE(0x44);
  let difatCount = header.readUInt32LE(0x48);
  const sector = Buffer.alloc(sectorSize);
  const readSector = async (n: number): Promise<Buffer | null> => {
    const pos = (n + 1) * sectorSize;
    if (n >= 0xfffffffa || pos + sectorSize > size + sectorSize) return null;
    const { bytesRead } = await fh.read(sector, 0, sectorSize, pos);
    if (bytesRead === 0) return null;
    sector.fill(0, bytesRead);
    return sector;
  };
  // The DIFAT beyond the header's 109 entries, needed only for files of more than about 7 MB.
  while (difatCount > 0 && difatSector < 0xfffffffa && difat.length < MAX_SECTORS) {
    const s = await readSector(difatSector);
    if (!s) break;
    for (let i = 0; i < perFatSector - 1; i++) difat.push(s.readUInt32LE(i * 4));
    difatSector = s.readUInt32LE(sectorSize - 4);
    difatCount--;
  }
  const fatCache = new Map<number, Buffer>();
  const next = async (n: number): Promise<number | null> => {
    const fatIndex = Math.floor(n / perFatSector);
    let fat = fatCache.get(fatIndex);
    if (!fat) {
      const where = difat[fatIndex];
      if (where === undefined) return null;
      const s = await readSector(where);
      if (!s) return null;
      fat = Buffer.from(s);
      fatCache.set(fatIndex, fat);
    }
    return fat.readUInt32LE((n % perFatSector) * 4);
  };
  const names: string[] = [];
  let dir: number | null = header.readUInt32LE(0x30);
  for (let count = 0; dir !== null && dir !== END_OF_CHAIN && count < MAX_SECTORS; count++) {
    const s = await readSector(dir);
    if (!s) break;
    for (let off = 0; off + 128 <= sectorSize; off += 128) {
      const nameBytes = s.readUInt16LE(off + 0x40);
      const type = s[off + 0x42];
      if (type !== 1 && type !== 2 && type !== 5) continue;
      if (nameBytes < 2 || nameBytes > 64) continue;
      names.push(s.toString('utf16le', off, off + nameBytes - 2));
    }
    dir = await next(dir);
  }
  return names.length ? names : null;
}
