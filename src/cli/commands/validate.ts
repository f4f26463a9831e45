import { EXIT, type CliCommand } from '../types';

/** Replaced by the real command; kept so that the registry compiles meanwhile. */
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: '(not available yet)',
  usage: 'vpce-policy validate: not available yet',
  run(_args, io) {
    io.stderr('vpce-policy validate is not available yet\n');
    return Promise.resolve(EXIT.usage);
  },
};
