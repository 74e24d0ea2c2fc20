// Placeholder: replaced by the owner of this command.
import type { CliCommand } from '../command';
export const command: CliCommand = {
  name: 'serve',
  summary: '(not yet implemented)',
  usage: 'oncoflow serve',
  async run(_args, io) { io.stderr('oncoflow serve: not yet implemented\n'); return 1; },
};
