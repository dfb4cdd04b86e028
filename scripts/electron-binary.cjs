// Where the Electron binary is, or null when it was never downloaded (offline machines).
// Never require('electron') to find out: that starts a download.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

function electronBinary() {
  const pkg = join(__dirname, '..', 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  const full = join(dist, rel);
  return existsSync(full) ? full : null;
}

module.exports = { electronBinary };
