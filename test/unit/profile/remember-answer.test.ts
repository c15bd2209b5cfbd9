import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, test} from 'node:test'
import {nodeProfileHost} from '../../../src/profile/host.js'
import {acquireFileLock, LockTimeoutError} from '../../../src/profile/remember/lock-file.js'
import {rememberAnswer} from '../../../src/profile/remember/remember-answer.js'
import type {Answer} from '../../../src/profile/remember/remember-line.js'

const WHEN = new Date(2026, 10, 28, 12)

/** A home, a config directory and a profile directory of their own for one test. */
function setup(profileName = 'notes.yaml', text = 'filesystem:\n  read: [/usr]   # system\nremember:\n  - allow read /etc/hosts\n') {
  const root = mkdtempSync(join(tmpdir(), 'lj-remember-'))
  const home = join(root, 'home')
  const config = join(root, 'config')
  const profiles = join(root, 'profiles')
  mkdirSync(home)
  mkdirSync(profiles)
  const profileFile = join(profiles, profileName)
  writeFileSync(profileFile, text)
  const host = nodeProfileHost({...process.env, HOME: home, LANDJAIL_CONFIG_DIR: config, LANDJAIL_PROFILE_PATH: profiles}, root)
  const localFile = join(config, 'local', profileName.replace(/\.[a-z]+$/, '.yaml'))
  return {root, home, profileFile, localFile, host, text}
}

const answer = (path: string, over: Partial<Answer> = {}): Answer => ({effect: 'allow', access: 'read', path, program: 'cat', when: WHEN, ...over})

describe('rememberAnswer on real files', () => {
  test('the user\'s own profile gets the line, keeps its mode and every other byte', async () => {
    const s = setup()
    chmodSync(s.profileFile, 0o640)
    const r = await rememberAnswer({profileFile: s.profileFile, localFile: s.localFile}, answer(join(s.home, 'todo.txt')), {host: s.host, verifyAfterMs: 0})
    assert.deepEqual(r, {file: s.profileFile, added: true, entry: 'allow read ${HOME}/todo.txt'})
    assert.equal(readFileSync(s.profileFile, 'utf8'), `${s.text}  - allow read \${HOME}/todo.txt  # 2026-11-28 cat\n`)
    assert.equal(statSync(s.profileFile).mode & 0o777, 0o640)
    assert.equal(existsSync(s.localFile), false)
  })

  test('an answer the profile already gives adds nothing; "never" of something allowed does', async () => {
    const s = setup()
    const target = {profileFile: s.profileFile, localFile: s.localFile}
    for (const a of [answer('/usr/bin/ls'), answer('/etc/hosts')]) {
      assert.equal((await rememberAnswer(target, a, {host: s.host, verifyAfterMs: 0})).added, false)
    }
    assert.equal(readFileSync(s.profileFile, 'utf8'), s.text)
    const never = await rememberAnswer(target, answer('/usr/bin/ls', {effect: 'deny'}), {host: s.host, verifyAfterMs: 0})
    assert.equal(never.added, true)
    assert.match(readFileSync(s.profileFile, 'utf8'), /\n {2}- deny read \/usr\/bin\/ls {2}# 2026-11-28 cat\n$/)
    assert.equal((await rememberAnswer(target, answer('/usr/bin/ls', {effect: 'deny'}), {host: s.host, verifyAfterMs: 0})).added, false)
  })

  test('a profile the user may not write goes to the local override, created with a header', async () => {
    const s = setup()
    // Root may write anything, so for root the file belongs to someone else; for a user it is read-only.
    if (process.getuid?.() === 0) chownSync(s.profileFile, 65534, 65534)
    else chmodSync(s.profileFile, 0o444)
    const r = await rememberAnswer({profileFile: s.profileFile, localFile: s.localFile}, answer(join(s.home, 'todo.txt')), {host: s.host, verifyAfterMs: 0})
    assert.deepEqual(r, {file: s.localFile, added: true, entry: 'allow read ${HOME}/todo.txt'})
    assert.equal(readFileSync(s.profileFile, 'utf8'), s.text)
    const local = readFileSync(s.localFile, 'utf8')
    assert.match(local, /^# Local additions to the landjail profile "notes"/)
    assert.match(local, /\nremember:\n {2}- allow read \$\{HOME\}\/todo\.txt {2}# 2026-11-28 cat\n$/)
    // The local layer now gives the answer: asked again, nothing is added.
    const again = await rememberAnswer({profileFile: s.profileFile, localFile: s.localFile}, answer(join(s.home, 'todo.txt')), {host: s.host, verifyAfterMs: 0})
    assert.equal(again.added, false)
    assert.equal(readFileSync(s.localFile, 'utf8'), local)
  })

  test('a Firejail profile always answers into the local override', async () => {
    const s = setup('app.profile', '# Firejail profile\nblacklist ${HOME}/.ssh\n')
    const r = await rememberAnswer({profileFile: s.profileFile, localFile: s.localFile}, answer('/srv/data', {access: 'write'}), {host: s.host, verifyAfterMs: 0})
    assert.equal(r.file, s.localFile)
    assert.equal(readFileSync(s.profileFile, 'utf8'), s.text)
    assert.match(readFileSync(s.localFile, 'utf8'), /- allow write \/srv\/data {2}# 2026-11-28 cat\n$/)
    // The Firejail blacklist decides ~/.ssh already: "never" there adds nothing.
    const covered = await rememberAnswer({profileFile: s.profileFile, localFile: s.localFile}, answer(join(s.home, '.ssh/id'), {effect: 'deny'}), {host: s.host, verifyAfterMs: 0})
    assert.equal(covered.added, false)
  })

  test('a profile kept as a symlink is edited where it lives; the link stays a link', async () => {
    const s = setup()
    const link = join(s.root, 'link.yaml')
    symlinkSync(s.profileFile, link)
    await rememberAnswer({profileFile: link, localFile: s.localFile}, answer('/opt/x'), {host: s.host, verifyAfterMs: 0})
    assert.ok(lstatSync(link).isSymbolicLink())
    assert.match(readFileSync(s.profileFile, 'utf8'), /- allow read \/opt\/x {2}# 2026-11-28 cat\n$/)
  })

  test('a file that does not parse is left alone and the error says so', async () => {
    const s = setup('notes.yaml', 'filesystem:\n  read: [/usr\n')
    await assert.rejects(rememberAnswer({profileFile: s.profileFile, localFile: s.localFile}, answer('/opt/x'), {host: s.host, verifyAfterMs: 0}), /does not parse/)
    assert.equal(readFileSync(s.profileFile, 'utf8'), s.text)
  })
})

describe('file lock', () => {
  test('a lock left by a dead process is broken', async () => {
    const s = setup()
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'}).stdout
    writeFileSync(`${s.profileFile}.lock`, `${dead} ${(await import('node:os')).hostname()} deadbeef\n`)
    const release = await acquireFileLock(s.profileFile, {timeoutMs: 2000})
    assert.notEqual(readFileSync(`${s.profileFile}.lock`, 'utf8').split(' ')[0], dead)
    await release()
    assert.equal(existsSync(`${s.profileFile}.lock`), false)
  })

  test('a live lock makes the next taker wait, then time out', async () => {
    const s = setup()
    const release = await acquireFileLock(s.profileFile)
    const start = Date.now()
    await assert.rejects(acquireFileLock(s.profileFile, {timeoutMs: 150}), LockTimeoutError)
    assert.ok(Date.now() - start >= 150)
    await release()
    await (await acquireFileLock(s.profileFile, {timeoutMs: 150}))()
  })
})
