/**
 * A persistent JSON-RPC answer cache on disk (Node only, so it lives outside the core): one JSON file
 * per RPC URL in a directory, written atomically after each batch that added answers. Answers are keyed
 * by method and parameters, which pin the block number, so they never go stale.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { RpcCache } from '../state/backends/jsonRpc.js';

export class FileRpcCache implements RpcCache {
  readonly file: string;
  private readonly data: Record<string, string>;
  private dirty = false;

  constructor(dir: string, url: string) {
    mkdirSync(dir, { recursive: true });
    const id = createHash('sha256').update(url).digest('hex').slice(0, 16);
    this.file = join(dir, `rpc-${id}.json`);
    this.data = {};
    if (existsSync(this.file)) {
      try {
        const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
        if (parsed !== null && typeof parsed === 'object') Object.assign(this.data, parsed);
      } catch (e) {
        throw new Error(`RPC cache ${this.file} is not valid JSON (delete it to start afresh): ${(e as Error).message}`);
      }
    }
  }

  get(key: string): string | undefined {
    return Object.hasOwn(this.data, key) ? this.data[key] : undefined;
  }

  set(key: string, value: string): void {
    this.data[key] = value;
    this.dirty = true;
  }

  flush(): void {
    if (!this.dirty) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data));
    renameSync(tmp, this.file);
    this.dirty = false;
  }
}
