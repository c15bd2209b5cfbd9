import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, test} from 'node:test'
import {nodeProfileHost} from '../../src/profile/host.js'
import {decide} from '../../src/policy/decide.js'
import {liveProfile} from '../../src/supervisor/reload/live-profile.js'
import {reloadPolicy, type ReloadResult} from '../../src/supervisor/reload/reload-policy.js'

function setup() {
  const root = mkdtempSync(join(tmpdir(), 'lj-reload-'))
  const profiles = join(root, 'profiles')
  mkdirSync(profiles)
  const file = join(profiles, 'notes.yaml')
  writeFileSync(file, 'filesystem:\n  read: [/srv]\n')
  const config = join(root, 'config')
  const host = nodeProfileHost({...process.env, HOME: join(root, 'home'), LANDJAIL_CONFIG_DIR: config, LANDJAIL_PROFILE_PATH: profiles}, root)
  return {root, file, host, local: join(config, 'local', 'notes.yaml')}
}

/** The next reload result, or a failure after `ms`. */
function nextReload(queue: ReloadResult[], waiters: ((r: ReloadResult) => void)[], ms = 1000): Promise<ReloadResult> {
  const queued = queue.shift()
  if (queued) return Promise.resolve(queued)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reload within ${ms} ms`)), ms)
    waiters.push((r) => {
      clearTimeout(timer)
      resolve(r)
    })
  })
}

const saveByRename = (file: string, text: string) => {
  writeFileSync(`${file}.swp`, text)
  renameSync(`${file}.swp`, file)
}

describe('live reload', () => {
  test('saves by rename and in place reload within 1 s; a broken save keeps the last good policy and says where', async () => {
    const s = setup()
    const first = reloadPolicy('notes', s.host)
    assert.equal(first.kind, 'reloaded')
    if (first.kind !== 'reloaded') return
    const queue: ReloadResult[] = []
    const waiters: ((r: ReloadResult) => void)[] = []
    const live = liveProfile('notes', s.host, first, (r) => {
      const w = waiters.shift()
      if (w) w(r)
      else queue.push(r)
    })
    try {
      await live.ready
      const verdict = () => decide(live.current().policy, '/srv/secret', 'read').verdict

      assert.equal(verdict(), 'allow')
      saveByRename(s.file, 'filesystem:\n  read: [/srv]\n  blacklist: [/srv/secret]\n')
      assert.equal((await nextReload(queue, waiters)).kind, 'reloaded')
      assert.equal(verdict(), 'deny')

      writeFileSync(s.file, 'filesystem:\n  read: [/srv]\n')
      assert.equal((await nextReload(queue, waiters)).kind, 'reloaded')
      assert.equal(verdict(), 'allow')

      writeFileSync(s.file, 'filesystem:\n  read: [/srv\n  blacklist: [/srv/secret]\n')
      const broken = await nextReload(queue, waiters)
      assert.equal(broken.kind, 'rejected')
      if (broken.kind === 'rejected') assert.match(broken.errors[0] ?? '', new RegExp(`^${s.file}:3:\\d+: error YAML_SYNTAX: `))
      assert.equal(verdict(), 'allow', 'the last good policy stays in force')

      // The local override does not exist yet: its appearance is a change too, and so is its removal.
      mkdirSync(join(s.local, '..'), {recursive: true})
      saveByRename(s.local, 'filesystem:\n  blacklist: [/srv/secret]\n')
      writeFileSync(s.file, 'filesystem:\n  read: [/srv]\n')
      for (let i = 0; i < 3 && verdict() !== 'deny'; i++) await nextReload(queue, waiters)
      assert.equal(verdict(), 'deny')
      rmSync(s.local)
      for (let i = 0; i < 3 && verdict() !== 'allow'; i++) await nextReload(queue, waiters)
      assert.equal(verdict(), 'allow')
    } finally {
      await live.close()
    }
  })
})
