// Where uploaded and generated documents live (applications' documents, calls' documents, letters,
// signed agreements). One interface; the filesystem implementation keeps them under FILES_DIR
// (default .data/files). An S3-compatible implementation can come later behind the same interface.
// The database keeps only the key, the name, the type, the size and the SHA-256 of each file.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

export interface StoredFile {
  key: string;
  sha256: string;
  sizeBytes: number;
}

export abstract class FileStorage {
  /** Keeps the bytes under a new key (never overwrites). `prefix`: a folder such as `applications`. */
  abstract put(prefix: string, data: Buffer): Promise<StoredFile>;
  /** The bytes of a key; throws when missing. */
  abstract read(key: string): Promise<Buffer>;
  /** Removes a key (no error when it is already gone). */
  abstract delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9_-]{1,40}\/[0-9]{4}\/[0-9]{2}\/[0-9a-f-]{36}$/;
const PREFIX = /^[a-z0-9_-]{1,40}$/;

/** Files on a local disk: `<root>/<prefix>/<yyyy>/<mm>/<uuid>`, written to a temporary name then renamed. */
export class FilesystemStorage extends FileStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async put(prefix: string, data: Buffer): Promise<StoredFile> {
    if (!PREFIX.test(prefix)) throw new Error(`FileStorage: bad prefix ${prefix}`);
    const now = new Date();
    const key = `${prefix}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.part`;
    await writeFile(tmp, data, { flag: 'wx', mode: 0o640 });
    await rename(tmp, path);
    return { key, sha256: createHash('sha256').update(data).digest('hex'), sizeBytes: data.length };
  }

  async read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Keys come from our own database, but a key is still checked before it becomes a path. */
  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('FileStorage: bad key');
    const path = join(this.root, ...key.split('/'));
    if (!path.startsWith(this.root + sep)) throw new Error('FileStorage: key outside the root');
    return path;
  }
}
