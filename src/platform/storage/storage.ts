import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile, open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

/** Where attachment bytes live. Keys are chosen by the server, never by the uploader. */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9/-]{0,200}$/;

/**
 * Local-disk driver. Files are written to a temp name, fsynced, then renamed, so a crash
 * never leaves a half-written attachment under a real key. The folder is outside every
 * served path; downloads go through an authorised route.
 */
export class LocalStorage implements Storage {
  private readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key ${key}`);
    return join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.path(key);
    await mkdir(join(target, '..'), { recursive: true });
    const temp = `${target}.tmp-${process.pid}`;
    await writeFile(temp, data, { mode: 0o600 });
    const fh = await open(temp, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, target);
  }

  async get(key: string): Promise<Readable> {
    return createReadStream(this.path(key));
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.path(key)).then(
      () => true,
      () => false,
    );
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
