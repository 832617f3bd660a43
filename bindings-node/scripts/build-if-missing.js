'use strict'
// The `prepare` hook: npm runs it on `npm install` in this folder (and before
// `npm pack`), never when a tarball is installed as a dependency. In a
// checkout without an addon it builds one (release) with the napi-rs CLI from
// devDependencies; when an addon loads already, it does nothing.
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const root = path.join(__dirname, '..')

function loads() {
  try {
    require(path.join(root, 'binding.js'))
    return true
  } catch {
    return false
  }
}

if (process.env.STDWEBHOOKS_SKIP_BUILD || loads()) process.exit(0)

const platform = `${process.platform}-${process.arch}`
const inCheckout =
  fs.existsSync(path.join(root, 'Cargo.toml')) &&
  fs.existsSync(path.join(root, '..', 'core', 'Cargo.toml'))
const cli = path.join(root, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js')

if (!inCheckout) {
  console.error(`stdwebhooks: no native addon for ${platform}, and no Rust sources to build one from.`)
  process.exit(1)
}
if (!fs.existsSync(cli)) {
  console.error('stdwebhooks: building from source needs the devDependencies (@napi-rs/cli); run `npm install` without --omit=dev.')
  process.exit(1)
}

console.error(`stdwebhooks: no addon for ${platform} yet; building it with cargo (release)...`)
const result = spawnSync(
  process.execPath,
  [cli, 'build', '--platform', '--release', '--no-js', '--dts', path.join('.build', 'prepare.d.ts')],
  { cwd: root, stdio: 'inherit' },
)
process.exit(result.status === null ? 1 : result.status)
