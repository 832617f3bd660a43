'use strict'
// `npm install` hook. A package made by `npm pack` after `npm run build`
// carries a prebuilt addon and this script does nothing. In a checkout of the
// repository (the Rust sources of the addon and of ../core present) it builds
// the addon once with the napi-rs CLI from devDependencies. Anywhere else it
// explains what is missing instead of failing later at `require` time.
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
  console.error(
    `stdwebhooks: this package holds no native addon for ${platform}. ` +
      'Build one from a checkout of the repository: cd bindings-node && npm install && npm run build && npm pack.',
  )
  process.exit(1)
}
if (!fs.existsSync(cli)) {
  console.error('stdwebhooks: building from source needs the devDependencies (@napi-rs/cli); run `npm install` without --omit=dev.')
  process.exit(1)
}

console.error(`stdwebhooks: no addon for ${platform} yet; building it with cargo (release)...`)
const result = spawnSync(
  process.execPath,
  [cli, 'build', '--platform', '--release', '--no-js', '--dts', path.join('.build', 'install.d.ts')],
  { cwd: root, stdio: 'inherit' },
)
process.exit(result.status === null ? 1 : result.status)
