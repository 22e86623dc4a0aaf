import type * as vscode from 'vscode';
import { LocalFirstStateStore } from '../core/storage/stateStore';

const wrapped = new WeakMap<vscode.Memento, vscode.Memento>();

/**
 * globalState as every feature should read it: a write made here is what reads see until VS Code
 * has settled it (see LocalFirstStateStore). One wrapper per Memento, shared by every chunk.
 */
export function localFirstState(memento: vscode.Memento): vscode.Memento {
  let state = wrapped.get(memento);
  if (state === undefined) {
    const store = new LocalFirstStateStore(memento);
    state = {
      keys: () => memento.keys(),
      get: <T>(key: string, defaultValue?: T): T | undefined => store.get<T>(key) ?? defaultValue,
      update: (key: string, value: unknown) => store.update(key, value),
    };
    wrapped.set(memento, state);
  }
  return state;
}
