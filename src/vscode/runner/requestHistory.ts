import type * as vscode from 'vscode';
import { addHistoryEntry, HISTORY_LIMIT } from '../../core/runner/historyEntry';
import type { HistoryEntry } from '../../core/runner/historyEntry';
import { StateKeys } from '../ids';

/**
 * The last requests sent, newest first, in globalState. Entries are redacted before they get
 * here (historyEntryOf); nothing else is ever stored.
 */
export class RequestHistory {
  constructor(
    private readonly state: vscode.Memento,
    private readonly limit = HISTORY_LIMIT,
  ) {}

  entries(): readonly HistoryEntry[] {
    return this.state.get<HistoryEntry[]>(StateKeys.requestHistory) ?? [];
  }

  find(id: string): HistoryEntry | undefined {
    return this.entries().find((e) => e.id === id);
  }

  async add(entry: HistoryEntry): Promise<void> {
    await this.state.update(
      StateKeys.requestHistory,
      addHistoryEntry(this.entries(), entry, this.limit),
    );
  }

  async clear(): Promise<void> {
    await this.state.update(StateKeys.requestHistory, undefined);
  }
}
