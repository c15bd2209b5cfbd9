// The launch fast path reads only well-formed `run` command lines, the way oclif would; the rest goes to oclif.
import assert from 'node:assert/strict'
import {describe, test} from 'node:test'
import Run from '../../../src/commands/run.js'
import {parseRunWords, RUN_DEFAULTS, RUN_MODES} from '../../../src/cli/run-request.js'
import {PROMPT_BACKENDS} from '../../../src/supervisor/prompt-backends.js'

describe('parseRunWords: command lines the fast path runs', () => {
  const defaults = {command: [], extra: [], mode: 'enforce', strict: false, quiet: false, prompt: 'tty', promptTimeoutS: 60}
  const cases: [string, string[], object][] = [
    ['name only', ['bash'], {target: 'bash'}],
    ['command after --, byte for byte', ['git', '--', 'git', '--mode', 'x', '--'], {target: 'git', command: ['git', '--mode', 'x', '--']}],
    ['flags before the name', ['--mode', 'supervise', 'notes'], {target: 'notes', mode: 'supervise'}],
    ['flag=value', ['notes', '--mode=supervise', '--prompt=agent'], {target: 'notes', mode: 'supervise', prompt: 'agent'}],
    ['short quiet and strict', ['x', '-q', '--strict', '--', 'true'], {target: 'x', quiet: true, strict: true, command: ['true']}],
    ['timeout 0', ['x', '--prompt-timeout', '0'], {target: 'x', promptTimeoutS: 0}],
    ['words before -- are kept for the error', ['x', 'ls', 'y'], {target: 'x', extra: ['ls', 'y']}],
    ['a file as the name', ['/etc/firejail/curl.profile', '--', 'curl'], {target: '/etc/firejail/curl.profile', command: ['curl']}],
  ]
  for (const [name, words, expected] of cases) {
    test(name, () => assert.deepEqual(parseRunWords(words), {...defaults, ...expected}))
  }
})

describe('parseRunWords: command lines left to oclif', () => {
  const cases: [string, string[]][] = [
    ['no name', []],
    ['only a command', ['--', 'true']],
    ['help', ['--help']],
    ['short help', ['bash', '-h']],
    ['unknown flag', ['bash', '--verbose']],
    ['unknown mode', ['bash', '--mode', 'fly']],
    ['unknown prompt backend', ['bash', '--prompt', 'mail']],
    ['missing flag value', ['bash', '--mode']],
    ['negative timeout', ['bash', '--prompt-timeout', '-1']],
    ['non-integer timeout', ['bash', '--prompt-timeout', '1.5']],
    ['a flag given twice', ['bash', '--mode', 'enforce', '--mode', 'supervise']],
    ['a value for a boolean', ['bash', '--strict=yes']],
  ]
  for (const [name, words] of cases) {
    test(name, () => assert.equal(parseRunWords(words), undefined))
  }
})

test('the oclif command declares the same flags, choices and defaults', () => {
  const flags = Run.flags as Record<string, {options?: readonly string[]; default?: unknown; char?: string; type: string}>
  assert.deepEqual(Object.keys(flags).sort(), ['mode', 'prompt', 'prompt-timeout', 'quiet', 'strict'])
  assert.deepEqual(flags.mode?.options, [...RUN_MODES])
  assert.equal(flags.mode?.default, RUN_DEFAULTS.mode)
  assert.deepEqual(flags.prompt?.options, [...PROMPT_BACKENDS])
  assert.equal(flags.prompt?.default, RUN_DEFAULTS.prompt)
  assert.equal(flags['prompt-timeout']?.default, RUN_DEFAULTS.promptTimeoutS)
  assert.equal(flags.quiet?.char, 'q')
  assert.equal(flags.strict?.type, 'boolean')
})
