// `npm start`: build, then open the Electron app — or, where no Electron binary can be had (or
// there is no display), say so in one line and serve the same UI in web mode on 127.0.0.1,
// backed by the same services and database.
//   npm start [-- --port N] [-- --web]      (PORT / ONCOFLOW_PORT also set the web-mode port)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** Path of a runnable Electron binary, or the reason there is none. */
function electronBinary() {
  if (args.includes('--web') || process.env.ONCOFLOW_WEB === '1') return { why: 'web mode requested' };
  let bin;
  try {
    // node_modules/electron/index.js returns the binary path from path.txt, or throws when the
    // binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, offline install).
    bin = createRequire(path.join(root, 'package.json'))('electron');
  } catch {
    return { why: 'no Electron binary is installed' };
  }
  if (typeof bin !== 'string' || !fs.existsSync(bin)) return { why: 'no Electron binary is installed' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { why: 'there is no display' };
  return { bin };
}

function run(cmd, argv) {
  const child = spawn(cmd, argv, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  let forwarded = null;
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { forwarded = sig; });
  // A child ended by a signal we forwarded is a normal stop; any other signal (a crash) is an
  // error the caller must see: 128 + the signal's number, as shells report it.
  child.on('exit', (code, signal) => {
    if (code !== null) process.exit(code);
    if (signal && signal === forwarded) process.exit(0);
    process.exit(128 + (os.constants.signals[signal] ?? 0));
  });
}

const e = electronBinary();
if (e.bin) {
  run(e.bin, [root]);
} else {
  const port = flag('--port') ?? process.env.ONCOFLOW_PORT ?? process.env.PORT ?? '0';
  console.log(`OncoFlow: ${e.why}, so the app runs in web mode — open the address below in a browser on this computer.`);
  run(process.execPath, [path.join(root, 'bin', 'oncoflow.cjs'), 'serve', '--port', String(port)]);
}
