// Test-only: writes tar streams byte by byte, including entries no well-behaved tar writer produces.
import { gzipSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** Typeflag: '0' file, '1' hard link, '2' symlink, '3' char device, '4' block device, '5' directory, '6' fifo. */
  type?: string;
  linkname?: string;
  content?: Uint8Array | string;
  /** Declared size when it should differ from the content (or stand for zero bytes never written). */
  size?: number;
  mode?: number;
}

const BLOCK = 512;

function header(name: string, size: number, type: string, linkname = '', mode = 0o644): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(`${mode.toString(8).padStart(7, '0')}\0`, 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('00000000000\0', 136);
  block.write(type, 156);
  block.write(linkname, 157, 100, 'utf8');
  block.write('ustar\u000000', 257);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

function pad(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}

/** A pax record `len key=value\n`, where len counts the whole record. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

/** A tar stream: names or link targets that do not fit ustar (long, or with NUL) go through pax headers. */
export function tarBytes(entries: readonly RawEntry[], options: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const content = e.content === undefined ? Buffer.alloc(0) : Buffer.from(e.content);
    const size = e.size ?? content.length;
    const linkname = e.linkname ?? '';
    const needsPax = Buffer.byteLength(e.name) > 99 || e.name.includes('\0') || Buffer.byteLength(linkname) > 99 || linkname.includes('\0');
    if (needsPax) {
      const pax = Buffer.from(paxRecord('path', e.name) + (linkname ? paxRecord('linkpath', linkname) : ''));
      parts.push(header('PaxHeader', pax.length, 'x'), pad(pax));
    }
    parts.push(header(needsPax ? 'pax-entry' : e.name, size, e.type ?? '0', needsPax ? '' : linkname, e.mode));
    if (content.length > 0) parts.push(pad(content));
  }
  if (options.end !== false) parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

export function tarGz(entries: readonly RawEntry[], options: { end?: boolean } = {}): Buffer {
  return gzipSync(tarBytes(entries, options));
}

/** The corpus every archive reader must refuse, with the ERR_ code (and reason) it must refuse it with. */
export function hostileArchives(): { name: string; archive: () => Buffer; code: string; reason?: string }[] {
  return [
    { name: 'zip slip', archive: () => tarGz([{ name: 'ok.txt', content: 'fine' }, { name: '../../escaped.txt', content: 'pwned' }]), code: 'ERR_ARTIFACT_UNSAFE_ENTRY', reason: 'dot-dot' },
    { name: 'absolute path', archive: () => tarGz([{ name: '/tmp/ritmo-absolute.txt', content: 'pwned' }]), code: 'ERR_ARTIFACT_UNSAFE_ENTRY', reason: 'absolute' },
    { name: 'backslashes', archive: () => tarGz([{ name: '..\\..\\escaped.txt', content: 'pwned' }]), code: 'ERR_ARTIFACT_UNSAFE_ENTRY', reason: 'backslash' },
    { name: 'NUL in a name', archive: () => tarGz([{ name: 'ok.txt\0../../escaped.txt', content: 'pwned' }]), code: 'ERR_ARTIFACT_UNSAFE_ENTRY', reason: 'nul' },
    {
      name: 'symlink escape, then a file written through it',
      archive: () => tarGz([{ name: 'link', type: '2', linkname: '../..' }, { name: 'link/escaped.txt', content: 'pwned' }]),
      code: 'ERR_ARTIFACT_UNSAFE_ENTRY',
      reason: 'link-escapes-root',
    },
    {
      name: 'symlink to an absolute directory, then a file written through it',
      archive: () => tarGz([{ name: 'tmp', type: '2', linkname: '/tmp' }, { name: 'tmp/ritmo-through-link.txt', content: 'pwned' }]),
      code: 'ERR_ARTIFACT_UNSAFE_ENTRY',
      reason: 'link-escapes-root',
    },
    {
      name: 'file written through an inside symlink',
      archive: () => tarGz([{ name: 'sub/', type: '5' }, { name: 'alias', type: '2', linkname: 'sub' }, { name: 'alias/file.txt', content: 'x' }]),
      code: 'ERR_ARTIFACT_UNSAFE_ENTRY',
      reason: 'below-symlink',
    },
    { name: 'hard link outside', archive: () => tarGz([{ name: 'passwd', type: '1', linkname: '../../../etc/passwd' }]), code: 'ERR_ARTIFACT_UNSAFE_ENTRY', reason: 'link-escapes-root' },
    { name: 'character device', archive: () => tarGz([{ name: 'tty', type: '3' }]), code: 'ERR_ARTIFACT_UNSAFE_ENTRY', reason: 'special-file' },
    { name: 'block device', archive: () => tarGz([{ name: 'disk', type: '4' }]), code: 'ERR_ARTIFACT_UNSAFE_ENTRY', reason: 'special-file' },
    { name: 'fifo', archive: () => tarGz([{ name: 'pipe', type: '6' }]), code: 'ERR_ARTIFACT_UNSAFE_ENTRY', reason: 'special-file' },
    { name: 'not gzip', archive: () => Buffer.from('this is not an archive at all'), code: 'ERR_ARTIFACT_ARCHIVE_INVALID' },
    { name: 'truncated tar', archive: () => gzipSync(tarBytes([{ name: 'big.bin', content: Buffer.alloc(4096, 1) }]).subarray(0, 2048)), code: 'ERR_ARTIFACT_ARCHIVE_INVALID' },
  ];
}
