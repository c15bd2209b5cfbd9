import assert from 'node:assert/strict'
import {describe, test} from 'node:test'
import {applyEdit, planRememberEdit} from '../../../src/profile/remember/insert-remember.js'
import {rememberEntry, type Answer} from '../../../src/profile/remember/remember-line.js'
import {parseYamlProfile} from '../../../src/profile/parse-yaml.js'
import {buildPolicy} from '../../../src/policy/policy.js'
import {decide} from '../../../src/policy/decide.js'
import {TEST_ENV} from '../../support/memory-host.js'

const WHEN = new Date(2026, 10, 28, 12)
const ALLOW_TODO: Answer = {effect: 'allow', access: 'read', path: '/home/ann/todo.txt', program: 'cat', when: WHEN}

/** The text with the answer remembered; asserts that the only change is one inserted run of bytes. */
function remember(text: string, answer: Answer = ALLOW_TODO): {out: string; inserted: string} {
  const edit = planRememberEdit(text, rememberEntry(answer, TEST_ENV))
  assert.equal(edit.remove, 0, 'a pure insertion')
  const out = applyEdit(text, edit)
  assert.equal(out, text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset))
  return {out, inserted: edit.insert}
}

/** The result parses without diagnostics and its policy gives the remembered answer. */
function assertDecides(text: string, answer: Answer = ALLOW_TODO): void {
  const parsed = parseYamlProfile('/p.yaml', text, TEST_ENV)
  assert.deepEqual(parsed.diagnostics, [])
  const layers = [
    {kind: 'profile' as const, name: 'p', file: '/p.yaml', rules: parsed.rules, noblacklist: parsed.noblacklist, settings: parsed.settings},
    {kind: 'remember' as const, name: 'remembered', file: '/p.yaml', rules: parsed.remember, noblacklist: [], settings: {}},
  ]
  const d = decide(buildPolicy(layers), answer.path, answer.access)
  assert.equal(d.verdict, answer.effect)
  assert.equal(d.rule?.kind, 'remember')
}

/** Lines of `after` that are not in `before`, counted with multiplicity. */
function addedLines(before: string, after: string): string[] {
  const left = before.split('\n')
  const out: string[] = []
  for (const line of after.split('\n')) {
    const i = left.indexOf(line)
    if (i >= 0) left.splice(i, 1)
    else out.push(line)
  }
  return out
}

const COMMENTED = [
  '# notes: my editor\t(tabs\tin comments)',
  '',
  '"description": \'Text editor, for notes\'   # quoted key, single-quoted value',
  'command: [vim]',
  'filesystem:',
  '    read:  [/usr, /etc]      # four-space indent',
  '    write:',
  '        - "${HOME}/notes"',
  '        - /tmp   #\tscratch',
  '',
  'unknown: prompt',
].join('\n')

describe('remember: one line added, every other byte kept', () => {
  const block = (list: string) => `${COMMENTED}\nremember:   # answers\n${list}# the end\n`
  const cases: {name: string; text: string; line: string | string[]}[] = [
    {name: 'block list, indent 2', text: block('  - allow read /usr/share/dict\n  - deny write ${HOME}/.bashrc  # 2026-01-01 sh\n'), line: '  - allow read ${HOME}/todo.txt  # 2026-11-28 cat'},
    {name: 'block list, indent 4 and a wide gap', text: block('    -   allow read /usr/share/dict\n'), line: '    -   allow read ${HOME}/todo.txt  # 2026-11-28 cat'},
    {name: 'block list at the key\'s column', text: block('- allow read /usr/share/dict\n'), line: '- allow read ${HOME}/todo.txt  # 2026-11-28 cat'},
    {name: 'block list with comments between items', text: block('  - allow read /a\n  # why: /b is for x\n\n  - "allow read /b"\n'), line: '  - allow read ${HOME}/todo.txt  # 2026-11-28 cat'},
    {name: 'remember key in the middle of the file', text: `remember:\n  - allow read /a\nunknown: deny\n# tail\tcomment\n`, line: '  - allow read ${HOME}/todo.txt  # 2026-11-28 cat'},
    {name: 'remember key missing (the file\'s lists sit 4 right of their key)', text: `${COMMENTED}\n`, line: ['remember:', '    - allow read ${HOME}/todo.txt  # 2026-11-28 cat']},
    {name: 'remember key empty', text: `remember:\nunknown: deny\n`, line: '  - allow read ${HOME}/todo.txt  # 2026-11-28 cat'},
    {name: 'remember key empty with a comment', text: `remember:   # filled by landjail\n\nunknown: deny\n`, line: '  - allow read ${HOME}/todo.txt  # 2026-11-28 cat'},
    {name: 'quoted remember key', text: `'remember':\n  - allow read /a\n`, line: '  - allow read ${HOME}/todo.txt  # 2026-11-28 cat'},
    {name: 'multi-line flow list with a trailing comma', text: 'remember: [\n    allow read /a,   # a\n    allow read /b,\n]\n', line: '    "allow read ${HOME}/todo.txt",  # 2026-11-28 cat'},
    {name: 'multi-line flow list without a trailing comma', text: 'remember: [\n  allow read /a,\n  allow read /b  # b\n]\n', line: '  , "allow read ${HOME}/todo.txt"  # 2026-11-28 cat'},
  ]
  for (const c of cases) {
    test(c.name, () => {
      const {out} = remember(c.text)
      assert.deepEqual(addedLines(c.text, out), typeof c.line === 'string' ? [c.line] : c.line)
      assertDecides(out)
    })
  }

  test('a missing final newline stays missing', () => {
    for (const [text, added] of [
      [COMMENTED, ['remember:', '    - allow read ${HOME}/todo.txt  # 2026-11-28 cat']],
      [`${COMMENTED}\nremember:\n  - allow read /a`, ['  - allow read ${HOME}/todo.txt  # 2026-11-28 cat']],
      [`${COMMENTED}\nremember:`, ['    - allow read ${HOME}/todo.txt  # 2026-11-28 cat']],
    ] as const) {
      const {out} = remember(text)
      assert.ok(!out.endsWith('\n'), JSON.stringify(out.slice(-40)))
      assert.deepEqual(addedLines(text, out), added)
      assertDecides(out)
    }
  })

  test('an empty file gets the key and the line', () => {
    const {out} = remember('')
    assert.equal(out, 'remember:\n  - allow read ${HOME}/todo.txt  # 2026-11-28 cat\n')
  })

  test('a missing key follows the indentation of the file\'s other lists', () => {
    const text = 'filesystem:\n    read:\n    - /usr\n'
    const {out} = remember(text)
    assert.equal(out, `${text}remember:\n- allow read \${HOME}/todo.txt  # 2026-11-28 cat\n`)
  })

  test('a one-line flow list gets the entry inside its brackets (no room for a comment there)', () => {
    for (const [text, expected] of [
      ['remember: [allow read /a, "allow read /b"]  # kept\n', 'remember: [allow read /a, "allow read /b", "allow read ${HOME}/todo.txt"]  # kept\n'],
      ['remember: []\n', 'remember: ["allow read ${HOME}/todo.txt"]\n'],
      ['remember: [ ]\nunknown: deny', 'remember: ["allow read ${HOME}/todo.txt" ]\nunknown: deny'],
    ] as const) {
      const {out} = remember(text)
      assert.equal(out, expected)
      assertDecides(out)
    }
  })

  test('CRLF files get CRLF line breaks', () => {
    const text = 'unknown: prompt\r\nremember:\r\n  - allow read /a  # x\r\n# end\r\n'
    const {out} = remember(text)
    assert.equal(out, 'unknown: prompt\r\nremember:\r\n  - allow read /a  # x\r\n  - allow read ${HOME}/todo.txt  # 2026-11-28 cat\r\n# end\r\n')
  })

  test('"never" writes a deny line', () => {
    const never: Answer = {effect: 'deny', access: 'write', path: '/home/ann/.profile', program: 'bash', when: WHEN}
    const {out} = remember('remember:\n  - allow read /a\n', never)
    assert.equal(out, 'remember:\n  - allow read /a\n  - deny write ${HOME}/.profile  # 2026-11-28 bash\n')
    assertDecides(out, never)
  })

  test('paths YAML would misread are quoted; outside the home directory they stay absolute', () => {
    const odd: Answer = {effect: 'allow', access: 'read', path: '/srv/a: b #c', when: WHEN}
    const {out} = remember('remember:\n  - allow read /a\n', odd)
    assert.equal(out, 'remember:\n  - allow read /a\n  - "allow read /srv/a: b #c"  # 2026-11-28\n')
    assertDecides(out, odd)
  })

  test('an explicit null is the one token replaced', () => {
    const text = 'remember: ~\nunknown: deny\n'
    const edit = planRememberEdit(text, rememberEntry(ALLOW_TODO, TEST_ENV))
    assert.equal(text.slice(edit.offset, edit.offset + edit.remove), ' ~')
    const out = applyEdit(text, edit)
    assert.equal(out, 'remember:\n  - allow read ${HOME}/todo.txt  # 2026-11-28 cat\nunknown: deny\n')
    assertDecides(out)
  })

  test('glob characters, relative paths and macros in the answer are refused', () => {
    for (const path of ['/home/ann/*.txt', 'todo.txt', '/x/${HOME}', '/a\nb']) {
      assert.throws(() => rememberEntry({...ALLOW_TODO, path}, TEST_ENV), TypeError)
    }
  })

  test('a file that does not parse, or whose remember: is not a list, is refused', () => {
    assert.throws(() => planRememberEdit('filesystem:\n  read: [/usr\n', rememberEntry(ALLOW_TODO, TEST_ENV)), /does not parse/)
    assert.throws(() => planRememberEdit('remember: allow read /a\n', rememberEntry(ALLOW_TODO, TEST_ENV)), /other than a list/)
  })
})
