'use strict'
// Shared by the tests: the vector file, the package under test, small utilities.
const fs = require('node:fs')
const path = require('node:path')

const PACKAGE_DIR = path.join(__dirname, '..')
const REPO_DIR = path.join(PACKAGE_DIR, '..')

/** The project's vector file; STDWEBHOOKS_VECTORS may point elsewhere. Missing is a failure. */
function loadVectors() {
  const file =
    process.env.STDWEBHOOKS_VECTORS || path.join(REPO_DIR, 'tests', 'vectors', 'standard-webhooks.json')
  if (!fs.existsSync(file)) {
    throw new Error(`vector file not found: ${file} (set STDWEBHOOKS_VECTORS to override)`)
  }
  const vectors = JSON.parse(fs.readFileSync(file, 'utf8'))
  for (const list of ['verify', 'sign', 'keys', 'endpoint_verification']) {
    if (!Array.isArray(vectors[list]) || vectors[list].length === 0) {
      throw new Error(`vector file ${file} has no '${list}' cases`)
    }
  }
  return vectors
}

/** A case's payload as bytes. */
function payloadBytes(testCase) {
  if (typeof testCase.payload_b64 === 'string') return Buffer.from(testCase.payload_b64, 'base64')
  if (typeof testCase.payload === 'string') return Buffer.from(testCase.payload, 'utf8')
  throw new Error(`case '${testCase.name}' has no payload`)
}

/** The outcome of fn as a kind string: 'ok' or the error's code. */
function outcome(fn) {
  try {
    fn()
    return 'ok'
  } catch (err) {
    return err && err.code ? err.code : `uncoded ${err && err.name}: ${err && err.message}`
  }
}

/** Runs fn with Date.now() reading `seconds` (Unix seconds). */
function atTime(seconds, fn) {
  const realNow = Date.now
  Date.now = () => Number(seconds) * 1000
  try {
    return fn()
  } finally {
    Date.now = realNow
  }
}

module.exports = { PACKAGE_DIR, REPO_DIR, loadVectors, payloadBytes, outcome, atTime }
