'use strict'
// A Rust panic inside an export becomes a JavaScript error with an internal
// code, and the process carries on. The panicking export exists only in the
// build made with the `test-panic` cargo feature (`make build-test-panic`),
// which a child process loads through napi-rs's NAPI_RS_NATIVE_LIBRARY_PATH.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const PACKAGE = path.join(__dirname, '..')
const PANIC_BUILD =
  process.env.STDWEBHOOKS_TEST_PANIC_NODE || path.join(PACKAGE, '.build', 'test-panic', 'stdwebhooks.linux-x64-gnu.node')

const CHILD = `
const stdwebhooks = require(${JSON.stringify(PACKAGE)})
const native = require(${JSON.stringify(path.join(PACKAGE, 'binding.js'))})
const out = {}
try { native.__testPanic('forced panic 1') } catch (err) { out.native = { code: err.code, message: err.message, isError: err instanceof Error } }
try { stdwebhooks.__testPanic('forced panic 2') } catch (err) { out.facade = { code: err.code, message: err.message, isError: err instanceof Error, isVerification: err instanceof stdwebhooks.WebhookVerificationError } }
// The addon still works after both panics.
const v = new stdwebhooks.Verifier('whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD')
v.verify('{}', v.signHeaders('{}', { timestamp: 1700000000 }), { now: 1700000000 })
out.after = 'verified'
process.stdout.write(JSON.stringify(out))
`

test('a forced panic is a JavaScript error, not a crash', () => {
  assert.ok(fs.existsSync(PANIC_BUILD), `missing ${PANIC_BUILD}: run \`make build-test-panic\` in bindings-node`)
  const child = spawnSync(process.execPath, ['-e', CHILD], {
    env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: PANIC_BUILD },
    encoding: 'utf8',
  })
  assert.equal(child.status, 0, `child died: signal ${child.signal}\n${child.stderr}`)
  const out = JSON.parse(child.stdout)
  assert.deepEqual(out.native, { code: 'GenericFailure', message: 'forced panic 1', isError: true })
  assert.deepEqual(out.facade, {
    code: 'internal',
    message: 'stdwebhooks internal error: forced panic 2',
    isError: true,
    isVerification: false,
  })
  assert.equal(out.after, 'verified')
  // Rust's panic hook reports on stderr; the process was not aborted.
  assert.match(child.stderr, /forced panic 1/)
})

test('the normal build has no panicking export', () => {
  const native = require(path.join(PACKAGE, 'binding.js'))
  assert.equal(native.__testPanic, undefined)
  assert.equal(require(PACKAGE).__testPanic, undefined)
})
