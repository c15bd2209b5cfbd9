// Lexical normalisation of the absolute paths the supervisor decides on: the quick return for clean paths must
// give what the full walk gives.
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {normalise} from '../../../src/supervisor/resolve-path.js'

const cases: [string, string][] = [
  ['/', '/'],
  ['/usr/lib/x.so', '/usr/lib/x.so'],
  ['/home/ann/.ssh/id_rsa', '/home/ann/.ssh/id_rsa'],
  ['/a/...', '/a/...'],
  ['/a/b/', '/a/b'],
  ['/a//b', '/a/b'],
  ['//a', '/a'],
  ['/a/./b', '/a/b'],
  ['/a/.', '/a'],
  ['/a/b/../c', '/a/c'],
  ['/a/..', '/'],
  ['/..', '/'],
  ['/../etc/shadow', '/etc/shadow'],
  ['/a/b/..', '/a'],
  ['a/b', '/a/b'],
  ['', '/'],
]
for (const [input, expected] of cases) {
  test(`normalise(${JSON.stringify(input)}) = ${expected}`, () => assert.equal(normalise(input), expected))
}
