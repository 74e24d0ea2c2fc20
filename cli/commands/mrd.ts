// Placeholder: replaced by the owner of this command.
import type { CliCommand } from '../command';
export const command: CliCommand = {
  name: 'mrd',
  summary: '(not yet implemented)',
  usage: 'oncoflow mrd',
  async run(_args, io) { io.stderr('oncoflow mrd: not yet implemented\n'); return 1; },
};
