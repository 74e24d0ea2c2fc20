// Placeholder: replaced by the owner of this command.
import type { CliCommand } from '../command';
export const command: CliCommand = {
  name: 'classify',
  summary: '(not yet implemented)',
  usage: 'oncoflow classify',
  async run(_args, io) { io.stderr('oncoflow classify: not yet implemented\n'); return 1; },
};
