// `landjail profile edit NAME` run as a person would, with EDITOR a small script that records what it was given.
import assert from 'node:assert/strict'
import {chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, test} from 'node:test'
import {SHIPPED_PROFILES} from '../../src/profile/host.js'
import {localOverrideHeader} from '../../src/profile/remember/remember-target.js'
import {landjail, type CliResult} from '../support/cli.js'

/** Appends $EDIT_APPEND (when set) to the file it is given, logs every argument to $EDIT_LOG, exits $EDIT_EXIT. */
const EDITOR_SCRIPT = `#!/bin/sh
printf '%s\\n' "$@" >> "$EDIT_LOG"
for file; do :; done
if [ -n "$EDIT_APPEND" ]; then printf '%s\\n' "$EDIT_APPEND" >> "$file"; fi
exit "\${EDIT_EXIT:-0}"
`

interface Home {
  readonly dir: string
  readonly config: string
  readonly editor: string
  readonly log: string
  readonly env: Record<string, string>
}

/** A temp dir per test: a config dir with profiles/, the editor script, and an environment that uses them. */
function freshHome(): Home {
  const dir = mkdtempSync(join(tmpdir(), 'landjail-edit-'))
  const config = join(dir, 'config')
  mkdirSync(join(config, 'profiles'), {recursive: true})
  mkdirSync(join(dir, 'home'))
  const editor = join(dir, 'editor.sh')
  writeFileSync(editor, EDITOR_SCRIPT, {mode: 0o755})
  const log = join(dir, 'editor.log')
  const env = {LANDJAIL_CONFIG_DIR: config, HOME: join(dir, 'home'), LANDJAIL_PROFILE_PATH: '', VISUAL: '', EDITOR: editor, EDIT_LOG: log, EDIT_APPEND: '', EDIT_EXIT: ''}
  return {dir, config, editor, log, env}
}

function edit(home: Home, name: string, env: Record<string, string> = {}): CliResult {
  return landjail(['profile', 'edit', name], {...home.env, ...env})
}

/** The arguments the editor script was started with, one per line; [] when it never ran. */
function editorArgs(home: Home): string[] {
  return existsSync(home.log) ? readFileSync(home.log, 'utf8').split('\n').filter(Boolean) : []
}

function noStackTrace(text: string): void {
  assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+\)?/, `a stack trace was printed:\n${text}`)
}

describe('profile edit: which file is opened', () => {
  test('a YAML profile the user owns is edited in place; no local override appears', () => {
    const home = freshHome()
    const profile = join(home.config, 'profiles', 'notes.yaml')
    writeFileSync(profile, 'filesystem:\n  read: [/srv]\n')
    const r = edit(home, 'notes', {EDIT_APPEND: 'unknown: deny'})
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(editorArgs(home), [profile])
    assert.match(r.stderr, new RegExp(`^landjail: editing ${profile} \\(your profile notes\\)\\n`))
    assert.equal(readFileSync(profile, 'utf8'), 'filesystem:\n  read: [/srv]\nunknown: deny\n')
    assert.equal(existsSync(join(home.config, 'local', 'notes.yaml')), false)
  })

  test('a YAML profile the user cannot write: its local override is edited and the profile is untouched', () => {
    const home = freshHome()
    const profile = join(home.config, 'profiles', 'notes.yaml')
    writeFileSync(profile, 'filesystem:\n  read: [/srv]\n')
    // Root can write any file, so for root the profile belongs to nobody instead.
    if (process.getuid?.() === 0) chownSync(profile, 65534, 65534)
    else chmodSync(profile, 0o444)
    const local = join(home.config, 'local', 'notes.yaml')
    const r = edit(home, 'notes', {EDIT_APPEND: 'unknown: deny'})
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(editorArgs(home), [local])
    assert.match(r.stderr, new RegExp(`editing ${local} \\(local override of the profile notes; ${profile} is not yours to write\\)`))
    assert.equal(readFileSync(profile, 'utf8'), 'filesystem:\n  read: [/srv]\n')
    assert.equal(readFileSync(local, 'utf8'), `${localOverrideHeader(profile)}unknown: deny\n`)
  })

  test('a shipped profile: the local override is created with its header, the shipped file is untouched', () => {
    const home = freshHome()
    const shipped = join(SHIPPED_PROFILES, 'git.yaml')
    const before = readFileSync(shipped, 'utf8')
    const local = join(home.config, 'local', 'git.yaml')
    const r = edit(home, 'git', {EDIT_APPEND: 'unknown: deny'})
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(editorArgs(home), [local])
    assert.match(r.stderr, new RegExp(`^landjail: editing ${local} \\(local override of the shipped profile git\\)\\n`))
    assert.equal(r.stdout, 'profile git: OK\n')
    assert.equal(readFileSync(local, 'utf8'), `${localOverrideHeader(shipped)}unknown: deny\n`)
    assert.equal(readFileSync(shipped, 'utf8'), before)
  })

  test('a second edit of a shipped profile opens the same override and keeps what the first one wrote, header once', () => {
    const home = freshHome()
    const local = join(home.config, 'local', 'git.yaml')
    assert.equal(edit(home, 'git', {EDIT_APPEND: 'unknown: deny'}).status, 0)
    const r = edit(home, 'git', {EDIT_APPEND: 'filesystem:\n  read: [/srv/git]'})
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(editorArgs(home), [local, local])
    assert.equal(readFileSync(local, 'utf8'), `${localOverrideHeader(join(SHIPPED_PROFILES, 'git.yaml'))}unknown: deny\nfilesystem:\n  read: [/srv/git]\n`)
  })

  test('a Firejail profile the user owns is never edited in place: its local override is', () => {
    const home = freshHome()
    const profile = join(home.config, 'profiles', 'tool.profile')
    writeFileSync(profile, 'blacklist ${HOME}/.ssh\n')
    const local = join(home.config, 'local', 'tool.yaml')
    const r = edit(home, 'tool')
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(editorArgs(home), [local])
    assert.match(r.stderr, /\(local override of the Firejail profile tool\)/)
    assert.equal(readFileSync(local, 'utf8'), localOverrideHeader(profile))
    assert.equal(readFileSync(profile, 'utf8'), 'blacklist ${HOME}/.ssh\n')
  })

  test('a profile kept as a symlink is edited where it lives, so the link stays a link', () => {
    const home = freshHome()
    const real = join(home.dir, 'dotfiles-notes.yaml')
    writeFileSync(real, 'unknown: deny\n')
    symlinkSync(real, join(home.config, 'profiles', 'notes.yaml'))
    const r = edit(home, 'notes')
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(editorArgs(home), [realpathSync(real)])
  })
})

describe('profile edit: checked when the editor exits', () => {
  test('a good edit: exit 0 and one OK line', () => {
    const home = freshHome()
    const r = edit(home, 'git', {EDIT_APPEND: 'filesystem:\n  read: [/srv/git]'})
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout, 'profile git: OK\n')
    assert.doesNotMatch(r.stderr, /error/)
  })

  test('a broken edit: the error at its file:line:col with the line and a caret, non-zero exit, last good policy kept', () => {
    const home = freshHome()
    const local = join(home.config, 'local', 'git.yaml')
    const r = edit(home, 'git', {EDIT_APPEND: 'wirte: [/tmp]'})
    assert.equal(r.status, 1)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, new RegExp(`\\n${local}:3:1: error UNKNOWN_KEY: unknown key "wirte"`))
    assert.match(r.stderr, /\n {2}wirte: \[\/tmp\]\n {2}\^{5}\n/)
    assert.match(r.stderr, /landjail: profile git: 1 error after the edit; running sandboxes keep their last good policy\n/)
    noStackTrace(r.stderr)
  })

  test('a broken edit of the user\'s own profile: the position is in that file', () => {
    const home = freshHome()
    const profile = join(home.config, 'profiles', 'notes.yaml')
    writeFileSync(profile, 'filesystem:\n  read: [/srv]\n')
    const r = edit(home, 'notes', {EDIT_APPEND: 'unknown: 3'})
    assert.equal(r.status, 1)
    assert.match(r.stderr, new RegExp(`\\n${profile}:3:10: error WRONG_TYPE: `))
    noStackTrace(r.stderr)
  })

  test('an editor that changes nothing: a good profile stays OK', () => {
    const home = freshHome()
    const profile = join(home.config, 'profiles', 'notes.yaml')
    writeFileSync(profile, 'unknown: deny\n')
    const r = edit(home, 'notes')
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout, 'profile notes: OK\n')
    assert.equal(readFileSync(profile, 'utf8'), 'unknown: deny\n')
  })

  test('an editor that changes nothing: a profile that was already broken still opens, and still fails', () => {
    const home = freshHome()
    const profile = join(home.config, 'profiles', 'notes.yaml')
    writeFileSync(profile, 'unknown: 3\n')
    const r = edit(home, 'notes')
    assert.equal(r.status, 1)
    assert.deepEqual(editorArgs(home), [profile])
    assert.match(r.stderr, new RegExp(`\\n${profile}:1:10: error WRONG_TYPE: `))
    noStackTrace(r.stderr)
  })

  test('an editor that exits non-zero: the profile is still checked, and the exit is non-zero', () => {
    const home = freshHome()
    const r = edit(home, 'git', {EDIT_EXIT: '3'})
    assert.equal(r.status, 1)
    assert.equal(r.stdout, 'profile git: OK\n')
    assert.match(r.stderr, /landjail: the editor ".*editor\.sh" \(from \$EDITOR\) exited with status 3\n/)
    noStackTrace(r.stderr)
  })
})

describe('profile edit: the editor', () => {
  test('$VISUAL wins over $EDITOR, and its arguments and quotes are split as a shell would', () => {
    const home = freshHome()
    const r = edit(home, 'git', {VISUAL: `${home.editor} --wait 'two words'`, EDITOR: 'false'})
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(editorArgs(home), ['--wait', 'two words', join(home.config, 'local', 'git.yaml')])
  })

  test('a blank $VISUAL counts as unset: $EDITOR is used', () => {
    const home = freshHome()
    const r = edit(home, 'git', {VISUAL: '  ', EDITOR: `${home.editor} --from-editor`})
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(editorArgs(home), ['--from-editor', join(home.config, 'local', 'git.yaml')])
  })

  test('a file name with spaces and quotes reaches the editor as one argument', () => {
    const home = freshHome()
    const profile = join(home.config, 'profiles', `my "odd" notes $HOME.yaml`)
    writeFileSync(profile, 'unknown: deny\n')
    const r = edit(home, profile)
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(editorArgs(home), [profile])
  })

  test('an editor that is not there: one clear message, non-zero exit, no override left behind', () => {
    const home = freshHome()
    const r = edit(home, 'git', {EDITOR: 'no-such-editor-landjail --wait'})
    assert.equal(r.status, 1)
    assert.match(r.stderr, /\nlandjail: cannot start the editor "no-such-editor-landjail --wait" \(from \$EDITOR\): command not found\n {2}hint: /)
    assert.equal(existsSync(join(home.config, 'local', 'git.yaml')), false)
    assert.equal(r.stdout, '')
    noStackTrace(r.stderr)
  })

  test('an editor that is not executable: one clear message, non-zero exit', () => {
    const home = freshHome()
    chmodSync(home.editor, 0o644)
    const r = edit(home, 'git')
    assert.equal(r.status, 1)
    assert.match(r.stderr, /\nlandjail: cannot start the editor ".*editor\.sh" \(from \$EDITOR\): not executable\n/)
    assert.deepEqual(editorArgs(home), [])
    noStackTrace(r.stderr)
  })

  test('with neither variable set, vi is the editor (found here on PATH as a script)', () => {
    const home = freshHome()
    const bin = join(home.dir, 'bin')
    mkdirSync(bin)
    symlinkSync(home.editor, join(bin, 'vi'))
    const r = edit(home, 'git', {VISUAL: '', EDITOR: '', PATH: `${bin}:${process.env.PATH ?? ''}`})
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(editorArgs(home), [join(home.config, 'local', 'git.yaml')])
  })
})

describe('profile edit: an unknown name', () => {
  test('fails as other commands do, before any editor starts or any file is made', () => {
    const home = freshHome()
    const r = edit(home, 'no-such-profile')
    assert.equal(r.status, 1)
    assert.match(r.stderr, /^landjail: no profile named "no-such-profile" on the profile path .*\n {2}hint: see `landjail profile list`/)
    assert.deepEqual(editorArgs(home), [])
    assert.equal(existsSync(join(home.config, 'local', 'no-such-profile.yaml')), false)
    noStackTrace(r.stderr)
  })

  test('a file that does not exist fails the same way', () => {
    const home = freshHome()
    const r = edit(home, join(home.dir, 'missing.yaml'))
    assert.equal(r.status, 1)
    assert.match(r.stderr, /^landjail: no profile file ".*missing\.yaml"/)
    assert.deepEqual(editorArgs(home), [])
    noStackTrace(r.stderr)
  })
})
