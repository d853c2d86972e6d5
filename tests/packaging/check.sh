#!/usr/bin/env bash
# CI packaging check: packages the Linux app folder (target `dir`) against a stand-in Electron and checks it with
# scripts/check-package.mjs (app.asar contents, dependencies load, fuses). Runs offline in about 10 s: the AppImage
# and deb targets download their tools (appimage tools, fpm) from GitHub, and the SQLite binding for Electron needs
# Electron's headers from electronjs.org, so this check packages `dir` with --skip-native and checks
# --without-native. Releases are packaged with `npm run dist` on a machine with internet.
set -euo pipefail
cd "$(dirname "$0")/../.."

stand_in_electron="$(mktemp -d)"
trap 'rm -rf "$stand_in_electron"' EXIT

node scripts/stand-in-electron.mjs "$stand_in_electron"
node scripts/dist.mjs --linux dir --skip-native --electron-dist "$stand_in_electron"
node scripts/check-package.mjs dist/linux-unpacked --without-native
