import type { Disposable } from '../storage/secretStore';

/** Subscribes a listener; the returned Disposable unsubscribes it. Compatible with `vscode.Event`. */
export type Listen<T> = (listener: (event: T) => void) => Disposable;

/** What a store fires its change events through: the core `Emitter`, or `vscode.EventEmitter`. */
export interface EventEmitterLike<T> {
  readonly event: Listen<T>;
  fire(event: T): void;
  dispose(): void;
}

/** An emitter in plain Node: a listener that throws does not stop the others. */
export class Emitter<T> implements EventEmitterLike<T> {
  private readonly listeners = new Set<(event: T) => void>();

  readonly event: Listen<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // Like vscode.EventEmitter: one failing listener must not keep the event from the rest.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
