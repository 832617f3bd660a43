'use strict'
// `npm pack`, then `npm install ./stdwebhooks-<version>.tgz` in an empty
// project: CommonJS require, ESM import and the typings all work from the
// installed copy, with no Rust sources next to it.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const PACKAGE = path.join(__dirname, '..')
const { version } = require('../package.json')
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

test('npm pack + npm install into an empty project', (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stdwebhooks-pack-'))
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }))

  run(NPM, ['pack', '--pack-destination', tmp, '--silent'], PACKAGE)
  const tarball = path.join(tmp, `stdwebhooks-${version}.tgz`)
  assert.ok(fs.existsSync(tarball), 'npm pack made no tarball')
  const listing = run('tar', ['tzf', tarball], tmp).split('\n')
  for (const file of ['index.js', 'index.mjs', 'index.d.ts', 'binding.js', 'package.json', 'README.md', 'stdwebhooks.linux-x64-gnu.node']) {
    assert.ok(listing.includes(`package/${file}`), `tarball lacks ${file}`)
  }
  assert.ok(!listing.some((f) => f.includes('__test__') || f.includes('.build') || f.endsWith('.rs')), 'tarball holds test or build files')
  // No install-time scripts: the prebuilt addon needs nothing run. (`prepare`
  // builds in a checkout and exits at once where the addon loads.)
  const packed = JSON.parse(run('tar', ['xzf', tarball, '-O', 'package/package.json'], tmp))
  for (const hook of ['preinstall', 'install', 'postinstall']) assert.equal(packed.scripts[hook], undefined, hook)
  assert.ok(listing.includes('package/scripts/build-if-missing.js'))

  const project = path.join(tmp, 'project')
  fs.mkdirSync(project)
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }))
  run(NPM, ['install', '--no-audit', '--no-fund', '--silent', tarball], project)
  assert.ok(fs.existsSync(path.join(project, 'node_modules', 'stdwebhooks', 'index.js')))
  // Even where the user approves it, the hook finds the addon and does nothing.
  run(process.execPath, [path.join(project, 'node_modules', 'stdwebhooks', 'scripts', 'build-if-missing.js')], project)

  const body = '{"packed":true}'
  const script = (load) => `
    ${load}
    const signer = new Verifier('whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD')
    const headers = signer.signHeaders(${JSON.stringify(body)})
    const event = new Webhook('whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD').verify(${JSON.stringify(body)}, headers)
    let code
    try { signer.verify('{}', headers) } catch (err) { code = err instanceof WebhookVerificationError && err.code }
    console.log(JSON.stringify({ event, code }))
  `
  const expected = { event: { packed: true }, code: 'no_matching_signature' }
  const cjs = run(process.execPath, ['-e', script("const { Verifier, Webhook, WebhookVerificationError } = require('stdwebhooks')")], project)
  assert.deepEqual(JSON.parse(cjs), expected)
  const esm = run(process.execPath, ['--input-type=module', '-e', script("import { Verifier, Webhook, WebhookVerificationError } from 'stdwebhooks'")], project)
  assert.deepEqual(JSON.parse(esm), expected)

  // The typings resolve through the package's exports map, for both module kinds.
  fs.writeFileSync(
    path.join(project, 'check.mts'),
    "import { Webhook, type WebhookVerificationError } from 'stdwebhooks'\n" +
      "const e: unknown = new Webhook('whsec_AAAA').verify('{}', new Headers())\n" +
      'export const err: WebhookVerificationError | undefined = undefined\nexport { e }\n',
  )
  fs.writeFileSync(
    path.join(project, 'check.cts'),
    "import { Verifier } from 'stdwebhooks'\nexport const v: void = new Verifier('whsec_AAAA').verify('{}', {}, { now: 1 })\n",
  )
  const tsc = path.join(PACKAGE, 'node_modules', 'typescript', 'bin', 'tsc')
  run(
    process.execPath,
    [tsc, '--strict', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', '--types', 'node', '--typeRoots', path.join(PACKAGE, 'node_modules', '@types'), 'check.mts', 'check.cts'],
    project,
  )
})
