/**
 * A small typed event emitter (the core cannot use node:events: it runs in browsers). Listeners run
 * synchronously in registration order; one that throws does not stop the others (the error goes to
 * `onListenerError`, by default re-thrown on a later turn so it surfaces without breaking the emitter).
 */
export type Listener = (...args: never[]) => void;

export class Emitter<Events extends { [K in keyof Events]: (...args: never[]) => void }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<K extends keyof Events>(event: K, fn: Events[K]): this {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(fn);
    return this;
  }

  once<K extends keyof Events>(event: K, fn: Events[K]): this {
    const wrapper = ((...args: Parameters<Events[K]>) => {
      this.off(event, wrapper);
      (fn as (...a: Parameters<Events[K]>) => void)(...args);
    }) as unknown as Events[K];
    return this.on(event, wrapper);
  }

  off<K extends keyof Events>(event: K, fn: Events[K]): this {
    this.listeners.get(event)?.delete(fn);
    return this;
  }

  removeAllListeners(event?: keyof Events): this {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
    return this;
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Calls every listener of `event`; true when there was at least one. */
  emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): boolean {
    const set = this.listeners.get(event);
    if (set === undefined || set.size === 0) return false;
    for (const fn of [...set]) {
      try {
        (fn as (...a: Parameters<Events[K]>) => void)(...args);
      } catch (e) {
        this.onListenerError(e);
      }
    }
    return true;
  }

  protected onListenerError(e: unknown): void {
    setTimeout(() => {
      throw e;
    }, 0);
  }
}
