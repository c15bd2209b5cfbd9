import assert from 'node:assert/strict'
import {describe, test} from 'node:test'
import {decide} from '../../../src/policy/decide.js'
import {decideOperation} from '../../../src/policy/operations.js'
import {buildPolicy} from '../../../src/policy/policy.js'
import {loadProfile} from '../../../src/profile/load-profile.js'
import type {Access} from '../../../src/profile/types.js'
import {memoryHost} from '../../support/memory-host.js'

// Layers: base (include) < app (profile) < local override < remembered answers.
const FILES = {
  '/profiles/base.yaml': `
filesystem:
  exec: [/usr, /bin]
  read: [/etc, "/opt/*/share", "/srv/**/public"]
  write: [/tmp, /data]
  blacklist: ["\${HOME}/.ssh", /etc/shadow, "/data/*.key", /opt/secret]
  readonly: [/data/archive]
`,
  '/profiles/app.yaml': `
include: [base]
unknown: prompt
filesystem:
  read: ["~", /opt/secret/public]
  write: ["\${PWD}", "~/notes", /etc/app]
  noblacklist: [/etc/shadow]
  readonly: ["~/notes/archive"]
  blacklist: ["~/work/.env", /tmp/lock]
  exec: ["~/bin", "/tmp/lock"]
remember:
  - allow read /etc/shadow
  - deny write /data/archive/ok
`,
  '/home/ann/.config/landjail/local/app.yaml': `
filesystem:
  write: [/data/archive/drafts, "~/notes/archive"]
  blacklist: [/usr/bin/nc]
  read: ["/tmp/lock"]
`,
}

const policy = buildPolicy(loadProfile('app', memoryHost(FILES)).layers)

const CASES: [string, Access, string, string?][] = [
  // [path, access, verdict, deciding written rule]
  ['/usr/bin/ls', 'exec', 'allow', '/usr'],
  ['/usr/bin/ls', 'read', 'allow', '/usr'],
  ['/usr/bin/ls', 'write', 'prompt'],
  ['/usr', 'exec', 'allow', '/usr'],
  ['/usrx/bin', 'read', 'prompt'],
  ['/usr/bin/nc', 'exec', 'deny', '/usr/bin/nc'],
  ['/usr/bin/nc', 'read', 'deny', '/usr/bin/nc'],
  ['/bin/sh', 'exec', 'allow', '/bin'],
  ['/etc/passwd', 'read', 'allow', '/etc'],
  ['/etc/passwd', 'write', 'prompt'],
  ['/etc/passwd', 'exec', 'prompt'],
  ['/etc/shadow', 'read', 'allow', 'allow read /etc/shadow'],
  ['/etc/shadow', 'write', 'prompt'],
  ['/etc/app/conf', 'write', 'allow', '/etc/app'],
  ['/etc/app', 'read', 'allow', '/etc/app'],
  ['/opt/x/share/doc', 'read', 'allow', '/opt/*/share'],
  ['/opt/x/y/share', 'read', 'prompt'],
  ['/opt/x', 'read', 'prompt'],
  ['/opt/secret/share/a', 'read', 'allow', '/opt/*/share'],
  ['/opt/secret/x', 'read', 'deny', '/opt/secret'],
  ['/opt/secret/public/a', 'read', 'allow', '/opt/secret/public'],
  ['/opt/secret/public/a', 'write', 'deny', '/opt/secret'],
  ['/srv/a/b/public/x', 'read', 'allow', '/srv/**/public'],
  ['/srv/a/public', 'read', 'allow', '/srv/**/public'],
  ['/srv/public', 'read', 'allow', '/srv/**/public'],
  ['/srv/a/publicity', 'read', 'prompt'],
  ['/data/x.key', 'read', 'deny', '/data/*.key'],
  ['/data/x.keys', 'read', 'allow', '/data'],
  ['/data/sub/x.key', 'write', 'allow', '/data'],
  ['/data/archive/a', 'read', 'allow', '/data'],
  ['/data/archive/a', 'write', 'deny', '/data/archive'],
  ['/data/archive/drafts/d', 'write', 'allow', '/data/archive/drafts'],
  ['/data/archive/ok', 'write', 'deny', 'deny write /data/archive/ok'],
  ['/home/ann/.ssh/id_rsa', 'read', 'deny', '${HOME}/.ssh'],
  ['/home/ann/.ssh', 'read', 'deny', '${HOME}/.ssh'],
  ['/home/ann/.sshd', 'read', 'allow', '~'],
  ['/home/ann/todo.txt', 'read', 'allow', '~'],
  ['/home/ann/todo.txt', 'write', 'prompt'],
  ['/home/ann/work/main.c', 'write', 'allow', '${PWD}'],
  ['/home/ann/work/.env', 'read', 'deny', '~/work/.env'],
  ['/home/ann/work/.env', 'write', 'deny', '~/work/.env'],
  ['/home/ann/notes/a.md', 'write', 'allow', '~/notes'],
  ['/home/ann/notes/archive/2020.md', 'write', 'allow', '~/notes/archive'],
  ['/home/ann/bin/tool', 'exec', 'allow', '~/bin'],
  ['/home/ann/tool', 'exec', 'prompt'],
  ['/tmp/lock', 'read', 'allow', '/tmp/lock'],
  ['/tmp/lock', 'write', 'deny', '/tmp/lock'],
  ['/tmp/lock', 'exec', 'deny', '/tmp/lock'],
  ['/tmp/other', 'write', 'allow', '/tmp'],
  ['/', 'read', 'prompt'],
  ['/var/log/syslog', 'read', 'prompt'],
]

describe('the decision rule', () => {
  for (const [path, access, verdict, by] of CASES) {
    test(`${access} ${path} -> ${verdict}${by ? ` by ${by}` : ''}`, () => {
      const d = decide(policy, path, access)
      assert.equal(d.verdict, verdict)
      assert.equal(d.rule?.written, by)
    })
  }

  test('the deciding rule names its file and layer', () => {
    const d = decide(policy, '/data/archive/drafts/d', 'write')
    assert.equal(d.rule?.span?.file, '/home/ann/.config/landjail/local/app.yaml')
    assert.equal(policy.layers[d.rule!.layer]?.kind, 'local')
  })

  test('a tie at one path: the later layer wins', () => {
    // ~/notes/archive: readonly in the profile (layer 2), write in the local override (layer 3).
    const d = decide(policy, '/home/ann/notes/archive', 'write')
    assert.equal(d.verdict, 'allow')
    assert.equal(d.contenders.length, 2)
  })

  test('within one layer deny wins', () => {
    // /tmp/lock: exec allowed and blacklisted in the same layer.
    const d = decide(policy, '/tmp/lock', 'exec')
    assert.equal(d.verdict, 'deny')
    assert.equal(d.rule?.kind, 'blacklist')
  })

  test('unknown: deny and allow are used when no rule speaks', () => {
    const host = memoryHost({'/profiles/a.yaml': 'unknown: allow\n', '/profiles/d.yaml': 'unknown: deny\n'})
    assert.equal(decide(buildPolicy(loadProfile('a', host).layers), '/x', 'write').verdict, 'allow')
    assert.equal(decide(buildPolicy(loadProfile('d', host).layers), '/x', 'write').verdict, 'deny')
  })
})

describe('operations', () => {
  const ops: [Parameters<typeof decideOperation>[1], string, boolean, string?][] = [
    ['create', '/tmp/new', true],
    ['create', '/etc/new', false],
    ['delete', '/tmp/lock', false],
    ['delete', '/tmp/other', true],
    ['rename', '/tmp/a', true, '/tmp/b'],
    ['rename', '/tmp/a', false, '/etc/b'],
    ['list', '/etc', true],
    ['list', '/var', false],
  ]
  for (const [op, path, allowed, target] of ops) {
    test(`${op} ${path}${target ? ` ${target}` : ''} -> ${allowed ? 'allowed' : 'denied'}`, () => {
      assert.equal(decideOperation(policy, op, path, target).allowed, allowed)
    })
  }
})
