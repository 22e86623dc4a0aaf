// `npm start`: the local Knox sandbox, and VS Code with the extension under development
// pointed at it. Desktop VS Code when `code` is on the PATH (or KNOX_START=desktop), else
// VS Code in the browser (code-server, installed into .cache/ on first use).
import { spawn, spawnSync } from 'node:child_process';
// Everything it keeps (user data, the sample folder, code-server's config) lives in the
// git-ignored .cache/start, so profiles survive a restart and nothing is written elsewhere.
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureCodeServer,
  mergeSettingsFile,
  repoRoot,
  startCodeServer,
} from '../test/host/codeServer';
import { startSandbox } from '../src/sandbox/sandbox';
import { startPlan } from './startPlan';

const stateDir = join(repoRoot, '.knox-sandbox');
const runningFile = join(stateDir, 'running.json');
const plan = startPlan(repoRoot, Number(process.env.KNOX_VSCODE_PORT ?? 0) || undefined);
const playground = plan.workspace;

function hasCode(): boolean {
  if (process.env.KNOX_START === 'web') return false;
  if (process.env.KNOX_START === 'desktop') return true;
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

function writePlayground(): void {
  mkdirSync(playground, { recursive: true });
  const file = join(playground, 'first-requests.http');
  if (existsSync(file)) return;
  writeFileSync(
    file,
    [
      '# Requests against the local Knox sandbox. Click "Send Request" above a request.',
      '# @knox profile=Sandbox',
      '',
      '### List Knox Mobile Enrollment devices',
      'GET /kcs/v1/kme/devices/list?pageNum=0',
      '',
      '### Create a Knox Mobile Enrollment profile',
      'POST /kcs/v1/kme/profiles/create',
      'Content-Type: application/json',
      '',
      '{ "profileName": "Playground", "mdmApkUrl": "https://example.com/mdm.apk", "profileType": "KNOX_MOBILE_ENROLLMENT" }',
      '',
      '### A rate-limited call (the sandbox answers 429 once, the runner backs off)',
      'GET /kcs/v1/kme/profiles/list',
      'x-knox-sandbox-fault: 429;retry-after=1;times=1',
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: Number(process.env.KNOX_SANDBOX_PORT ?? 0),
    dir: stateDir,
  });
  writeFileSync(
    runningFile,
    JSON.stringify({ url: sandbox.url, dir: stateDir, pid: process.pid }, null, 2),
  );
  writePlayground();
  console.log(`\nKnox sandbox: ${sandbox.url}`);
  console.log(`  demo credentials in ${stateDir} (keys.json, client identifiers, OAuth client)`);
  const env = { ...plan.env, KNOX_SANDBOX_URL: sandbox.url, KNOX_SANDBOX_DIR: stateDir };
  for (const dir of Object.values(plan.env)) mkdirSync(dir, { recursive: true });

  let stopVsCode: () => Promise<void> = () => Promise.resolve();
  if (hasCode()) {
    console.log('\nOpening VS Code with the extension under development…');
    const settingsFile = join(plan.desktopUserDataDir, 'User', 'settings.json');
    if (!mergeSettingsFile(settingsFile, plan.settings))
      console.warn(`${settingsFile} is not plain JSON; left as it is.`);
    const child = spawn('code', [...plan.desktopArgs], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('error', (e) => console.error(`could not start "code": ${e.message}`));
  } else {
    ensureCodeServer();
    const server = await startCodeServer({
      persistentDir: plan.base,
      workspace: playground,
      env,
      settings: plan.settings,
      port: plan.port,
    });
    const url = server.workbenchUrl(server.extensionDevelopmentPayload());
    console.log(`\nVS Code (in the browser, with the extension loaded):\n  ${url}`);
    console.log(
      `  (the browser keeps the profiles for this address; the port stays ${plan.port} across runs)\n`,
    );
    stopVsCode = () => server.close();
  }
  console.log(
    'In the Knox view: "Connect to Local Sandbox", then "Generate Access Token", then open',
  );
  console.log('first-requests.http and click "Send Request". Ctrl+C stops everything.');

  const stop = async (): Promise<void> => {
    rmSync(runningFile, { force: true });
    await stopVsCode().catch(() => undefined);
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
