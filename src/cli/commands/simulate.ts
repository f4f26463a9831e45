import { EXIT, type CliCommand } from '../types';

/** Replaced by the real command; kept so that the registry compiles meanwhile. */
export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: '(not available yet)',
  usage: 'vpce-policy simulate: not available yet',
  run(_args, io) {
    io.stderr('vpce-policy simulate is not available yet\n');
    return Promise.resolve(EXIT.usage);
  },
};
