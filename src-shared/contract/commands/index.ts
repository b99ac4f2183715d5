import type { z } from 'zod';
import { alertsCommands } from './alerts';
import { camerasCommands } from './cameras';
import { caseCreateCommands } from './case-create';
import { casesCommands } from './cases';
import { layoutsCommands } from './layouts';
import { ptzCommands } from './ptz';
import { streamsCommands } from './streams';
import { systemCommands } from './system';

/**
 * Every command the core answers, one file per domain. Add a command there first; the compiler then asks
 * for its handler at the composition root.
 */
export const commands = {
  ...systemCommands,
  ...camerasCommands,
  ...ptzCommands,
  ...streamsCommands,
  ...casesCommands,
  ...caseCreateCommands,
  ...layoutsCommands,
  ...alertsCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}
