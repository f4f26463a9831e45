import { auditCommand } from './audit';
import { buildCommand } from './build';
import { catalogCommand } from './catalog';
import { impactCommand } from './impact';
import { initCommand } from './init';
import { simulateCommand } from './simulate';
import { validateCommand } from './validate';
import type { CliCommand } from '../types';

/** Every command of `vpce-policy`, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [
  buildCommand,
  validateCommand,
  simulateCommand,
  impactCommand,
  auditCommand,
  catalogCommand,
  initCommand,
];
