import type { CliCommand } from './cliCommand';
import { decodeCommand } from './commands/decodeCommand';
import { explainCommand } from './commands/explainCommand';
import { oauthRevokeCommand, oauthTokenCommand } from './commands/oauthCommands';
import { publicKeyCommand } from './commands/publicKeyCommand';
import { sandboxCommand } from './commands/sandboxCommand';
import { scopesCommand } from './commands/scopesCommand';
import { sendCommand } from './commands/sendCommand';
import {
  signAccessTokenCommand,
  signClientIdCommand,
  signSessionTokenCommand,
} from './commands/signCommands';
import { testCommand } from './commands/testCommand';
import { tokenCommand } from './commands/tokenCommand';

/** Every `knox` command, in the order `knox --help` lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  tokenCommand,
  publicKeyCommand,
  signClientIdCommand,
  signAccessTokenCommand,
  signSessionTokenCommand,
  oauthTokenCommand,
  oauthRevokeCommand,
  decodeCommand,
  explainCommand,
  scopesCommand,
  sendCommand,
  testCommand,
  sandboxCommand,
];
