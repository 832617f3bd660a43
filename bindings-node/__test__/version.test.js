'use strict'
// One version: the workspace's Cargo.toml, the addon built from it and package.json agree.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { REPO_DIR } = require('./helpers.js')

test('package.json, the addon and the Cargo workspace carry one version', () => {
  const cargo = fs.readFileSync(path.join(REPO_DIR, 'Cargo.toml'), 'utf8')
  const section = cargo.split('[workspace.package]')[1]
  assert.ok(section, 'no [workspace.package] in Cargo.toml')
  const match = section.match(/^version\s*=\s*"([^"]+)"/m)
  assert.ok(match, 'no version in [workspace.package]')
  assert.equal(require('../package.json').version, match[1])
  assert.equal(require('../binding.js').nativeVersion(), match[1])
  // The per-platform packages napi-rs publishes (npm/<target>, from `napi create-npm-dirs`).
  const npmDir = path.join(__dirname, '..', 'npm')
  const targets = fs.readdirSync(npmDir)
  assert.ok(targets.length > 0)
  for (const target of targets) {
    assert.equal(require(path.join(npmDir, target, 'package.json')).version, match[1], target)
  }
})
