import assert from 'node:assert/strict'
import {describe, test} from 'node:test'
import {formatDiagnostic, lineColOf} from '../../../src/profile/diagnostics.js'
import {loadProfile} from '../../../src/profile/load-profile.js'
import {parseYamlProfile} from '../../../src/profile/parse-yaml.js'
import {memoryHost, TEST_ENV} from '../../support/memory-host.js'

/** Code, line and column of every diagnostic of a one-file profile. */
function problems(text: string): string[] {
  const parsed = parseYamlProfile('/p.yaml', text, TEST_ENV)
  return parsed.diagnostics.map((d) => {
    const {line, col} = lineColOf(text, d.span?.offset ?? 0)
    return `${line}:${col} ${d.code}`
  })
}

describe('YAML profile diagnostics', () => {
  const cases: [string, string, string[]][] = [
    ['unknown top key', 'filesytem:\n  read: [/usr]\n', ['1:1 UNKNOWN_KEY']],
    ['unknown filesystem key', 'filesystem:\n  wirte: [/tmp]\n', ['2:3 UNKNOWN_KEY']],
    ['relative path', 'filesystem:\n  read: [usr/lib]\n', ['2:10 RELATIVE_PATH']],
    ['unknown macro', 'filesystem:\n  read: ["${HOEM}/x"]\n', ['2:11 UNKNOWN_MACRO']],
    ['unterminated macro', 'filesystem:\n  read: ["${HOME/x"]\n', ['2:11 BAD_MACRO']],
    ['bad glob', 'filesystem:\n  read: ["/usr/[ab"]\n', ['2:10 BAD_GLOB']],
    ['glued double star', 'filesystem:\n  read: ["/usr/a**"]\n', ['2:10 BAD_GLOB']],
    ['wrong type list', 'filesystem:\n  read: /usr\n', ['2:9 WRONG_TYPE']],
    ['wrong type bool', 'network:\n  none: maybe\n', ['2:9 WRONG_TYPE']],
    ['bad port', 'network:\n  connect: [443, 70000]\n', ['2:18 BAD_PORT']],
    ['bad unknown', 'unknown: sometimes\n', ['1:10 BAD_VALUE']],
    ['bad remember', 'remember:\n  - allow rd /x\n', ['2:5 BAD_REMEMBER']],
    ['syntax error', 'filesystem:\n  read: [/usr\n', ['3:1 YAML_SYNTAX']],
    ['three at once', 'filesystem:\n  read: [usr]\n  wirte: [/tmp]\nunknown: 3\n', ['2:10 RELATIVE_PATH', '3:3 UNKNOWN_KEY', '4:10 WRONG_TYPE']],
    ['good profile', 'filesystem:\n  read: [/usr, "~/x", "${HOME}/**/*.txt"]\nnetwork: {connect: [443]}\nremember:\n  - allow read ${HOME}/todo.txt\n', []],
  ]
  for (const [name, text, expected] of cases) {
    test(name, () => assert.deepEqual(problems(text), expected))
  }

  test('a diagnostic prints file:line:col, the line and a caret', () => {
    const text = 'filesystem:\n  wirte: [/tmp]\n'
    const d = parseYamlProfile('/p.yaml', text, TEST_ENV).diagnostics[0]
    assert.ok(d)
    assert.equal(formatDiagnostic(d, () => text), '/p.yaml:2:3: error UNKNOWN_KEY: unknown key "wirte"; did you mean "write"?\n    wirte: [/tmp]\n    ^^^^^')
  })

  test('macros and ~ expand; paths are normalised', () => {
    const parsed = parseYamlProfile('/p.yaml', 'filesystem:\n  read: ["~/a/", "${DOWNLOADS}/../b", "${PWD}"]\n', TEST_ENV)
    assert.deepEqual(parsed.rules.map((r) => r.path), ['/home/ann/a', '/home/ann/b', '/home/ann/work'])
  })
})

describe('includes', () => {
  test('depth-first, each once, lowest first', () => {
    const host = memoryHost({
      '/profiles/app.yaml': 'include: [a, b]\n',
      '/profiles/a.yaml': 'include: [c]\n',
      '/profiles/b.yaml': 'include: [c]\n',
      '/profiles/c.yaml': '',
    })
    const loaded = loadProfile('app', host)
    assert.deepEqual(loaded.diagnostics, [])
    assert.deepEqual(loaded.layers.map((l) => `${l.kind}:${l.name}`), ['include:c', 'include:a', 'include:b', 'profile:app'])
  })

  test('a cycle is an error at the include, with where it was included from', () => {
    const host = memoryHost({'/profiles/a.yaml': 'include: [b]\n', '/profiles/b.yaml': '\ninclude: [a]\n'})
    const loaded = loadProfile('a', host)
    assert.equal(loaded.diagnostics.length, 1)
    const d = loaded.diagnostics[0]
    assert.equal(d?.code, 'INCLUDE_CYCLE')
    assert.equal(d?.span?.file, '/profiles/b.yaml')
    const printed = formatDiagnostic(d!, (f) => loaded.sources.get(f))
    assert.match(printed, /^\/profiles\/b\.yaml:2:11: error INCLUDE_CYCLE: include cycle: a -> b -> a/)
    assert.match(printed, /included from \/profiles\/a\.yaml:1:11$/)
  })

  test('a missing include is an error with its position', () => {
    const loaded = loadProfile('a', memoryHost({'/profiles/a.yaml': 'include: [nope]\n'}))
    assert.deepEqual(loaded.diagnostics.map((d) => [d.code, d.span?.offset]), [['MISSING_INCLUDE', 10]])
  })

  test('an unknown profile name is one diagnostic', () => {
    const loaded = loadProfile('ghost', memoryHost({}))
    assert.deepEqual(loaded.diagnostics.map((d) => d.code), ['UNKNOWN_PROFILE'])
  })

  test('the local override and remembered answers are layers above the profile', () => {
    const host = memoryHost({
      '/profiles/app.yaml': 'remember:\n  - allow read /a\n',
      '/home/ann/.config/landjail/local/app.yaml': 'filesystem:\n  read: [/b]\nremember:\n  - deny read /c\n',
    })
    const loaded = loadProfile('app', host)
    assert.deepEqual(loaded.diagnostics, [])
    assert.deepEqual(loaded.layers.map((l) => l.kind), ['profile', 'local', 'remember'])
    assert.deepEqual(loaded.layers[2]?.rules.map((r) => `${r.effect} ${r.path}`), ['allow /a', 'deny /c'])
  })
})
