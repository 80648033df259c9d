/** Node-only: reading blockchain-test files. */
import { readFileSync } from 'node:fs';
import { parseBlockTestText, type BlockTestLoadOptions, type LoadedBlockTest } from './load.js';

/** Reads and parses one file; an unreadable file is one malformed entry. */
export function loadBlockTestFile(file: string, opts: BlockTestLoadOptions = {}): LoadedBlockTest[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return [{ kind: 'malformed', file, name: file, network: '', error: `${file}: cannot read: ${e instanceof Error ? e.message : e}` }];
  }
  return parseBlockTestText(text, file, opts);
}
