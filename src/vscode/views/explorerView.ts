import * as vscode from 'vscode';
import { Views } from '../ids';

/**
 * The Knox explorer tree. With no profile it is empty, so VS Code shows the welcome content
 * contributed in package.json (`viewsWelcome`) with the first actions.
 */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(): vscode.TreeItem[] {
    return [];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerExplorerView(): vscode.Disposable {
  const provider = new ExplorerTreeProvider();
  const view = vscode.window.createTreeView(Views.explorer, {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  return vscode.Disposable.from(view, provider);
}
