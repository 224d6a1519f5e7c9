import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { CasusError } from './casus-error.js';
import { bytesText } from './limits.js';

/**
 * Reads a text file the way every input of casus is read: only a regular file (not a directory, a
 * device such as /dev/zero, or a pipe), and never more than `max` bytes — a larger file is an error
 * that names the bound, read no further than one byte past it.
 */
export function readBounded(file: string, what: string, max: number): string {
  if (!existsSync(file)) throw new CasusError('input.not-found', `no such ${what}: ${file}`);
  const stat = statSync(file);
  if (stat.isDirectory()) {
    throw new CasusError('input.not-found', `${file} is a directory; give one ${what} (\`casus test\` takes directories)`);
  }
  if (!stat.isFile()) throw new CasusError('input.not-found', `${file} is not a regular file (a device or a pipe?); give one ${what}`);
  if (stat.size > max) throw tooLarge(file, what, max, stat.size);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(Math.min(max, stat.size) + 1);
    let read = 0;
    for (let n = 1; n > 0 && read < buffer.length; read += n) n = readSync(fd, buffer, read, buffer.length - read, null);
    // The file grew while it was read: past the bound is still too large.
    if (read > max) throw tooLarge(file, what, max, read);
    return buffer.subarray(0, read).toString('utf8');
  } catch (e) {
    if (e instanceof CasusError) throw e;
    throw new CasusError('input.not-found', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function tooLarge(file: string, what: string, max: number, size: number): CasusError {
  return new CasusError('input.too-large', `a ${what} is at most ${bytesText(max)}; ${file} is ${bytesText(size)} or more`, {
    file,
    line: 1,
    column: 1,
  });
}
