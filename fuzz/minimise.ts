/**
 * Shrinks a diverging case while it still diverges: drops accounts and storage, simplifies the
 * transaction, then deletes chunks of each code and of the call data (delta debugging, halving the
 * chunk size). Bounded by a number of attempts so one stubborn case cannot stall a run.
 */
import type { CaseAccount, FuzzCase } from './case.js';
import { bytesOf, hexOf, SENDER_ADDRESS } from './case.js';
import { compareCase, type Comparison, type Oracle } from './differential.js';

/**
 * `diverges` decides what "still diverges" means (default: evmkit differs from a peer on some field); with
 * EDR in the oracle the case kept is the effective one EDR ran (its block fields), so it replays alone.
 */
export async function minimise(
  c: FuzzCase,
  budget = 400,
  oracle: Oracle = 'ethereumjs',
  diverges: (r: Comparison) => boolean = (r) => r.fields.length > 0 || r.fieldsEdr.length > 0,
): Promise<FuzzCase> {
  let best = c;
  let left = budget;
  const still = async (cand: FuzzCase): Promise<boolean> => {
    if (left-- <= 0) return false;
    const r = await compareCase(cand, oracle);
    if (!diverges(r)) return false;
    best = cand;
    return true;
  };

  // Accounts other than the sender.
  for (let i = best.pre.length - 1; i >= 0; i--) {
    if (best.pre[i]!.address === SENDER_ADDRESS) continue;
    await still({ ...best, pre: best.pre.filter((_, j) => j !== i) });
  }
  // Storage entries.
  for (let i = 0; i < best.pre.length; i++) {
    for (const k of Object.keys(best.pre[i]!.storage)) {
      const acct = best.pre[i]!;
      const storage = { ...acct.storage };
      delete storage[k];
      await still(withAccount(best, i, { ...acct, storage }));
    }
  }
  // Transaction simplifications.
  if (best.tx.accessList.length > 0) await still({ ...best, tx: { ...best.tx, accessList: [] } });
  if (best.tx.type !== 0) await still({ ...best, tx: { ...best.tx, type: 0, accessList: [] } });
  if (best.tx.value !== '0x0') await still({ ...best, tx: { ...best.tx, value: '0x0' } });
  // Code and data chunks.
  for (let i = 0; i < best.pre.length; i++) {
    const code = await shrinkBytes(bytesOf(best.pre[i]!.code), (b) => still(withAccount(best, i, { ...best.pre[i]!, code: hexOf(b) })));
    best = withAccount(best, i, { ...best.pre[i]!, code: hexOf(code) });
  }
  const data = await shrinkBytes(bytesOf(best.tx.data), (b) => still({ ...best, tx: { ...best.tx, data: hexOf(b) } }));
  best = { ...best, tx: { ...best.tx, data: hexOf(data) } };
  return best;
}

function withAccount(c: FuzzCase, i: number, a: CaseAccount): FuzzCase {
  return { ...c, pre: c.pre.map((x, j) => (j === i ? a : x)) };
}

/** Delta debugging on a byte string: removes chunks (halving their size) while `test` still holds. */
export async function shrinkBytes(bytes: Uint8Array, test: (b: Uint8Array) => Promise<boolean>): Promise<Uint8Array> {
  let cur = bytes;
  for (let chunk = Math.max(1, cur.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let at = 0; at < cur.length;) {
      const cand = Uint8Array.from([...cur.subarray(0, at), ...cur.subarray(at + chunk)]);
      if (await test(cand)) cur = cand;
      else at += chunk;
    }
  }
  return cur;
}
