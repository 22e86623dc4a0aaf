import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, Settings, ViewContainers, Views } from '../../../src/vscode/ids';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    views: Record<string, Array<{ id: string }>>;
    configuration: {
      properties: Record<
        string,
        { description?: string; markdownDescription?: string; type?: unknown }
      >;
    };
    menus?: Record<string, Array<{ command?: string; submenu?: string }>>;
    viewsWelcome?: Array<{ view: string; contents: string }>;
  };
  activationEvents?: string[];
}

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('ids.ts against package.json', () => {
  it('declares exactly the contributed commands', () => {
    assert.deepEqual(
      sorted(Object.values(Commands)),
      sorted(manifest.contributes.commands.map((c) => c.command)),
    );
  });

  it('gives every command the "Knox" category and a Title Case title', () => {
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, 'Knox', c.command);
      for (const word of c.title.split(' ').filter((w) => w.length > 3)) {
        assert.match(word, /^[A-Z0-9(.]/, `${c.command}: "${c.title}" is not Title Case`);
      }
    }
  });

  it('declares exactly the contributed view containers and views', () => {
    assert.deepEqual(
      sorted(Object.values(ViewContainers)),
      sorted(manifest.contributes.viewsContainers.activitybar.map((c) => c.id)),
    );
    const views = Object.values(manifest.contributes.views)
      .flat()
      .map((v) => v.id);
    assert.deepEqual(sorted(Object.values(Views)), sorted(views));
  });

  it('declares exactly the contributed settings, each typed and described', () => {
    const props = manifest.contributes.configuration.properties;
    assert.deepEqual(
      sorted(Object.values(Settings as Record<string, string>)),
      sorted(Object.keys(props)),
    );
    for (const [key, p] of Object.entries(props)) {
      assert.ok(p.type, `${key} has no type`);
      assert.ok(p.description ?? p.markdownDescription, `${key} has no description`);
    }
  });

  it('only refers to declared commands from menus and welcome content', () => {
    const known = new Set<string>(Object.values(Commands));
    for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const item of items) {
        if (item.command) assert.ok(known.has(item.command), `${menu} refers to ${item.command}`);
      }
    }
    for (const w of manifest.contributes.viewsWelcome ?? []) {
      for (const m of w.contents.matchAll(/\(command:([\w.]+)/g)) {
        const id = m[1] ?? '';
        if (id.startsWith('workbench.')) continue; // VS Code's own commands
        assert.ok(known.has(id), `welcome content refers to ${id}`);
      }
    }
  });

  it('activates at start-up and on any file, logs and plain text first (hovers), never with "*"', () => {
    const events = manifest.activationEvents ?? [];
    assert.ok(!events.includes('*'), 'no "*" activation: the entry is cheap, not eager');
    for (const e of ['onStartupFinished', 'onLanguage:plaintext', 'onLanguage:log'])
      assert.ok(events.includes(e), e);
  });
});
