/**
 * The child process behind isolated EDR chains (bench/peer/edr.ts, `isolated: true`): holds providers and
 * answers JSON-RPC requests over the IPC channel. A panic in EDR's native code aborts this process only;
 * the parent reports it for the request under way and starts a new child for the next.
 */
import { createInProcessProvider, optionsFromJson, type JsonRpcHandler } from './edr.js';

const providers = new Map<string, JsonRpcHandler>();
let next = 0;

interface Message {
  readonly id: number;
  readonly op: 'create' | 'request' | 'batch' | 'traced';
  readonly options?: Record<string, string | number | boolean>;
  readonly key?: string;
  readonly body?: string;
  readonly bodies?: readonly string[];
}

process.on('message', (m: Message) => {
  void (async () => {
    try {
      if (m.op === 'create') {
        const key = String(++next);
        providers.set(key, await createInProcessProvider(optionsFromJson(m.options!)));
        process.send!({ id: m.id, ok: true, body: key });
      } else {
        const p = providers.get(m.key!);
        if (p === undefined) throw new Error(`no EDR provider ${m.key}`);
        const body =
          m.op === 'batch'
            ? JSON.stringify(await p.handleMany(m.bodies!))
            : m.op === 'traced'
              ? JSON.stringify(await p.handleTraced(m.body!))
              : await p.handle(m.body!);
        process.send!({ id: m.id, ok: true, body });
      }
    } catch (e) {
      process.send!({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  })();
});
process.on('disconnect', () => process.exit(0));
