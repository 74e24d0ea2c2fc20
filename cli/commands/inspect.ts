// Placeholder: replaced by the owner of this command.
import type { CliCommand } from '../command';
export const command: CliCommand = {
  name: 'inspect',
  summary: '(not yet implemented)',
  usage: 'oncoflow inspect',
  async run(_args, io) { io.stderr('oncoflow inspect: not yet implemented\n'); return 1; },
};
