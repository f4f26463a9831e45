import { auditCommand } from './audit';
import { buildCommand } from './build';
import { catalogCommand } from './catalog';
import { initCommand } from './init';
import { simulateCommand } from './simulate';
import { validateCommand } from './validate';
import type { CliCommand } from '../types';

/** Every command of `vpce-policy`, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [
  buildCommand,
  validateCommand,
  simulateCommand,
  auditCommand,
  catalogCommand,
  initCommand,
];
