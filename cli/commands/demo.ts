// Placeholder: replaced by the owner of this command.
import type { CliCommand } from '../command';
export const command: CliCommand = {
  name: 'demo',
  summary: '(not yet implemented)',
  usage: 'oncoflow demo',
  async run(_args, io) { io.stderr('oncoflow demo: not yet implemented\n'); return 1; },
};
