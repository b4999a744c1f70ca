/** Benchmark subject: one download-format writer over a published CSV. Usage: formats-write.ts FORMAT CSV OUT. */
import { DOWNLOAD_FORMATS } from '../pipeline/formats/index.ts';

const [format, csv, out] = process.argv.slice(2);
const writer = DOWNLOAD_FORMATS.find((w) => w.suffix === format);
if (!writer) throw new Error(`no writer for ${format}`);
const started = process.hrtime.bigint();
const written = await writer.write(csv, out);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ ...written, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
