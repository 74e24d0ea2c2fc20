// One file per `oncoflow` sub-command in cli/commands/; each exports `command: CliCommand`.
// Exit codes (issue #2): 0 ok, 1 the input was bad (message on stderr, no stack trace), 2 usage.
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for `oncoflow --help`. */
  summary: string;
  /** Full usage text for `oncoflow NAME --help`. */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Thrown for bad flags/arguments: the dispatcher prints the message and the usage, exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Thrown (or any error with a string `code`) for bad input: printed as `CODE: message`, exit 1. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(public code: string, message: string) {
    super(message);
  }
}

/** Minimal flag parser: --flag value, --flag=value, --bool; the rest are positionals. */
export function parseArgs(
  args: string[],
  spec: { strings?: string[]; booleans?: string[] },
): { flags: Record<string, string | boolean>; positionals: string[] } {
  const strings = new Set(spec.strings ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (booleans.has(name)) {
        if (eq > 0) throw new UsageError(`--${name} takes no value`);
        flags[name] = true;
      } else if (strings.has(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        flags[name] = v;
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else {
      positionals.push(a);
    }
  }
  return { flags, positionals };
}
