// Placeholder: replaced by the owner of this command.
import type { CliCommand } from '../command';
export const command: CliCommand = {
  name: 'risk',
  summary: '(not yet implemented)',
  usage: 'oncoflow risk',
  async run(_args, io) { io.stderr('oncoflow risk: not yet implemented\n'); return 1; },
};
