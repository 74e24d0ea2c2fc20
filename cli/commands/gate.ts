// Placeholder: replaced by the owner of this command.
import type { CliCommand } from '../command';
export const command: CliCommand = {
  name: 'gate',
  summary: '(not yet implemented)',
  usage: 'oncoflow gate',
  async run(_args, io) { io.stderr('oncoflow gate: not yet implemented\n'); return 1; },
};
