import assert from 'node:assert/strict'
import {describe, test} from 'node:test'
import {lineColOf} from '../../../src/profile/diagnostics.js'
import {loadProfile, type LoadedProfile} from '../../../src/profile/load-profile.js'
import {parseFirejailProfile} from '../../../src/profile/firejail/parse-firejail.js'
import '../../../src/profile/firejail/register.js'
import type {Access} from '../../../src/profile/types.js'
import {buildPolicy} from '../../../src/policy/policy.js'
import {decide} from '../../../src/policy/decide.js'
import {memoryHost} from '../../support/memory-host.js'

const APP = '/etc/firejail/app.profile'

/** Load /etc/firejail/app.profile with the other files beside it. */
function load(text: string, others: Record<string, string> = {}): LoadedProfile {
  return loadProfile(APP, memoryHost({[APP]: text, ...others}))
}

/** "allow" or "deny" for each [path, access] of a profile. */
function verdicts(loaded: LoadedProfile, checks: readonly (readonly [string, Access])[]): string[] {
  const policy = buildPolicy(loaded.layers)
  return checks.map(([path, access]) => `${access} ${path}: ${decide(policy, path, access).verdict}`)
}

/** Code and file:line:col of each diagnostic, the text taken from the host's files. */
function problems(loaded: LoadedProfile, files: Record<string, string>): string[] {
  return loaded.diagnostics.map((d) => {
    const text = d.span ? files[d.span.file] : undefined
    if (!d.span || text === undefined) return d.code
    const {line, col} = lineColOf(text, d.span.offset)
    return `${d.span.file}:${line}:${col} ${d.code}`
  })
}

describe('Firejail order-based directives', () => {
  const cases: {name: string; text: string; checks: [string, Access, 'allow' | 'deny'][]}[] = [
    {name: 'noblacklist before blacklist cancels it', text: 'noblacklist ${HOME}/.ssh\nblacklist ${HOME}/.ssh\n', checks: [['/home/ann/.ssh/id', 'read', 'allow']]},
    {name: 'noblacklist after blacklist does not', text: 'blacklist ${HOME}/.ssh\nnoblacklist ${HOME}/.ssh\n', checks: [['/home/ann/.ssh/id', 'read', 'deny']]},
    {name: 'a noblacklist glob cancels matching paths', text: 'noblacklist ${HOME}/.moz*\nblacklist ${HOME}/.mozilla\nblacklist ${HOME}/.ssh\n', checks: [['/home/ann/.mozilla', 'read', 'allow'], ['/home/ann/.ssh', 'read', 'deny']]},
    {name: 'ignore before a line skips it', text: 'ignore noexec ${HOME}\nnoexec ${HOME}\n', checks: [['/home/ann/bin/x', 'exec', 'allow']]},
    {name: 'ignore after a line does not', text: 'noexec ${HOME}\nignore noexec ${HOME}\n', checks: [['/home/ann/bin/x', 'exec', 'deny']]},
    {name: 'ignore matches whole words only', text: 'ignore blacklist /opt/a\nblacklist /opt/ab\nblacklist /opt/a\n', checks: [['/opt/ab', 'read', 'deny'], ['/opt/a', 'read', 'allow']]},
    {name: 'a true condition keeps its line', text: '?BROWSER_DISABLE_U2F: blacklist /opt/u2f\n', checks: [['/opt/u2f', 'read', 'deny']]},
    {name: 'a false condition drops its line', text: '?HAS_X11: blacklist /opt/x11\n', checks: [['/opt/x11', 'read', 'allow']]},
    {name: 'read-only denies write only', text: 'read-only /srv/data\n', checks: [['/srv/data/f', 'write', 'deny'], ['/srv/data/f', 'read', 'allow']]},
    {name: 'read-write after read-only of the same path wins', text: 'read-only ${HOME}/.bashrc\nread-write ${HOME}/.bashrc\n', checks: [['/home/ann/.bashrc', 'write', 'allow']]},
    {name: 'nothing said: allowed (Firejail allows what it does not forbid)', text: 'caps.drop all\n', checks: [['/anything', 'write', 'allow']]},
    {name: 'disable-mnt blacklists the mount directories', text: 'disable-mnt\n', checks: [['/mnt/usb', 'read', 'deny'], ['/run/media/ann', 'read', 'deny'], ['/run/user/1000', 'read', 'allow']]},
    {name: 'nowhitelist before whitelist drops it', text: 'nowhitelist ${DOWNLOADS}\nwhitelist ${DOWNLOADS}\nwhitelist ${HOME}/.app\n', checks: [['/home/ann/Downloads/f', 'read', 'deny'], ['/home/ann/.app', 'read', 'allow']]},
  ]
  for (const c of cases) {
    test(c.name, () => {
      const loaded = load(c.text)
      assert.deepEqual(loaded.diagnostics, [])
      assert.deepEqual(verdicts(loaded, c.checks.map(([p, a]) => [p, a] as const)), c.checks.map(([p, a, v]) => `${a} ${p}: ${v}`))
    })
  }
})

describe('Firejail whitelist', () => {
  const profile = [
    'whitelist ${HOME}/.config/app',
    'whitelist ${HOME}/notes.txt',
    'whitelist-ro ${HOME}/.fonts',
    'whitelist /tmp/.X11-unix',
    'whitelist ${HOME}/proj',
    'read-only ${HOME}/proj/archive',
    '',
  ].join('\n')
  const cases: [string, Access, 'allow' | 'deny'][] = [
    ['/home/ann/.config/app/settings', 'read', 'allow'],
    ['/home/ann/.config/app/settings', 'write', 'allow'],
    ['/home/ann/.config/app/tool', 'exec', 'allow'],
    ['/home/ann/notes.txt', 'write', 'allow'],
    ['/home/ann/.fonts/a.ttf', 'read', 'allow'],
    ['/home/ann/.fonts/a.ttf', 'write', 'deny'],
    ['/home/ann/.ssh/id_rsa', 'read', 'deny'],
    ['/home/ann/.config/other', 'read', 'deny'],
    ['/home/ann', 'read', 'deny'],
    ['/home/ann/proj/src/main.c', 'write', 'allow'],
    ['/home/ann/proj/archive/2020.txt', 'write', 'deny'],
    ['/home/ann/proj/archive/2020.txt', 'read', 'allow'],
    ['/tmp/.X11-unix/X0', 'read', 'allow'],
    ['/tmp/secret', 'read', 'deny'],
    ['/usr/bin/ls', 'exec', 'allow'],
    ['/var/log/syslog', 'read', 'allow'],
  ]
  test('whitelisted files and directories stay; the rest of their top directory is hidden', () => {
    const loaded = load(profile)
    assert.deepEqual(loaded.diagnostics, [])
    assert.deepEqual(verdicts(loaded, cases.map(([p, a]) => [p, a] as const)), cases.map(([p, a, v]) => `${a} ${p}: ${v}`))
  })

  test('the hiding rule is a whitelist deny on the top directory', () => {
    const loaded = load('whitelist ${HOME}/.config/app\nwhitelist /usr/share/app\nwhitelist /run/dbus/socket\n')
    const denies = loaded.layers.flatMap((l) => l.rules).filter((r) => r.effect === 'deny' && r.access === 'read')
    assert.deepEqual(denies.map((r) => `${r.kind} ${r.path}`), ['whitelist /home/ann', 'whitelist /usr/share', 'whitelist /run'])
    // Firejail puts the runtime directory back when it hides /run.
    assert.deepEqual(verdicts(loaded, [['/run/user/1000/bus', 'read'], ['/run/other', 'read'], ['/usr/share/doc', 'read']]), [
      'read /run/user/1000/bus: allow', 'read /run/other: deny', 'read /usr/share/doc: deny',
    ])
  })

  test('noexec and blacklist on an ancestor still apply inside a whitelist, as Firejail mounts them on top', () => {
    const loaded = load('whitelist ${HOME}/.config/app\nnoexec ${HOME}\nblacklist ${HOME}/.config\n')
    assert.deepEqual(verdicts(loaded, [['/home/ann/.config/app/x', 'exec'], ['/home/ann/.config/app/x', 'read']]), [
      'exec /home/ann/.config/app/x: deny', 'read /home/ann/.config/app/x: deny',
    ])
  })

  test('a whitelist Firejail refuses is an error', () => {
    const files = {[APP]: 'whitelist /proc/self\n'}
    assert.deepEqual(problems(loadProfile(APP, memoryHost(files)), files), [`${APP}:1:1 BAD_WHITELIST`])
  })
})

describe('Firejail includes', () => {
  const files: Record<string, string> = {
    [APP]: 'include app.local\ninclude globals.local\ninclude common.inc\nblacklist /opt/app\n',
    '/home/ann/.config/firejail/app.local': 'noblacklist ${HOME}/.app\n',
    '/etc/firejail/common.inc': '# common\ninclude base.inc\nblacklist ${HOME}/.app\n',
    '/etc/firejail/base.inc': 'blacklist /opt/base\ninclude common.inc\n',
  }

  test('depth-first in place, a present .local read, a missing .local skipped, each file once', () => {
    const loaded = loadProfile(APP, memoryHost(files))
    assert.deepEqual(problems(loaded, files), [`/etc/firejail/base.inc:2:9 INCLUDE_CYCLE`])
    const rules = loaded.layers.flatMap((l) => l.rules).filter((r) => r.access === 'read')
    assert.deepEqual(rules.map((r) => `${r.path} ${r.span?.file}:${lineColOf(files[r.span?.file ?? ''] ?? '', r.span?.offset ?? 0).line}`), [
      '/opt/base /etc/firejail/base.inc:1',
      '/opt/app /etc/firejail/app.profile:4',
    ])
    assert.equal(loaded.layers.length, 1)
    assert.equal(loaded.layers[0]?.settings.unknown, 'allow')
  })

  test('the texts of included files come back for diagnostics', () => {
    const parsed = parseFirejailProfile(APP, files[APP] ?? '', memoryHost(files).env, memoryHost(files))
    assert.deepEqual([...parsed.extraSources.keys()].sort(), ['/etc/firejail/base.inc', '/etc/firejail/common.inc', '/home/ann/.config/firejail/app.local'])
    const cycle = parsed.diagnostics[0]
    assert.deepEqual(cycle?.includedFrom?.map((s) => s.file), ['/etc/firejail/common.inc', APP])
  })

  test('a missing include that is not a .local is an error at its name', () => {
    const f = {[APP]: 'quiet\ninclude nothere.inc\n'}
    assert.deepEqual(problems(loadProfile(APP, memoryHost(f)), f), [`${APP}:2:9 MISSING_INCLUDE`])
  })

  test('an include in the including file\'s directory is found', () => {
    const f = {'/work/p/app.profile': 'include extra.inc\n', '/work/p/extra.inc': 'blacklist /opt/x\n'}
    const loaded = loadProfile('/work/p/app.profile', memoryHost(f))
    assert.deepEqual(loaded.diagnostics, [])
    assert.deepEqual(verdicts(loaded, [['/opt/x', 'read']]), ['read /opt/x: deny'])
  })
})

describe('Firejail diagnostics', () => {
  const cases: [string, string, string[]][] = [
    ['unknown directive', 'caps.drop all\n  blacklst /opt\n', ['2:3 UNKNOWN_DIRECTIVE']],
    ['unknown condition', '?HAS_FOO: quiet\n', ['1:2 UNKNOWN_CONDITION']],
    ['unknown macro', 'blacklist ${HOEM}/x\n', ['1:11 UNKNOWN_MACRO']],
    ['relative path', 'whitelist foo/bar\n', ['1:11 RELATIVE_PATH']],
    ['missing argument', 'blacklist\n', ['1:1 MISSING_ARGUMENT']],
    ['unexpected argument', 'private-dev /dev\n', ['1:13 UNEXPECTED_ARGUMENT']],
    ['every problem at once', 'nosuch\nquiet\nblacklist ${X}\n', ['1:1 UNKNOWN_DIRECTIVE', '3:11 UNKNOWN_MACRO']],
    ['comments, blank lines and inline comments', '# c\n\n  tab # allow tab\nignore private-dev # needs /dev/disk\nprivate-dev\n', []],
  ]
  for (const [name, text, expected] of cases) {
    test(name, () => {
      const loaded = load(text)
      assert.deepEqual(problems(loaded, {[APP]: text}).map((p) => p.replace(`${APP}:`, '')), expected)
    })
  }

  test('a typo gets a suggestion', () => {
    const d = load('blacklst /opt\n').diagnostics[0]
    assert.match(d?.message ?? '', /did you mean "blacklist"/)
  })
})

describe('Firejail macros and settings', () => {
  test('${PATH} is one rule per PATH directory; XDG and ~ expand', () => {
    const loaded = load('blacklist ${PATH}/su\nwhitelist ${DOWNLOADS}\nblacklist ~/.netrc\nblacklist ${RUNUSER}/gnupg\n')
    assert.deepEqual(loaded.diagnostics, [])
    const paths = [...new Set(loaded.layers.flatMap((l) => l.rules).filter((r) => r.access === 'read').map((r) => r.path))]
    assert.deepEqual(paths, [
      '/usr/local/bin/su', '/usr/bin/su', '/bin/su', '/usr/local/sbin/su', '/usr/sbin/su', '/sbin/su',
      '/home/ann', '/home/ann/Downloads', '/home/ann/.netrc', '/run/user/1000/gnupg',
    ])
    const written = loaded.layers.flatMap((l) => l.rules).filter((r) => r.path === '/usr/bin/su').map((r) => r.written)
    assert.deepEqual([...new Set(written)], ['/usr/bin/su'])
  })

  test('POSIX classes in globs become ranges', () => {
    const loaded = load('blacklist ${RUNUSER}/[[:xdigit:]][[:xdigit:]]-x\n')
    assert.deepEqual(loaded.diagnostics, [])
    assert.deepEqual(verdicts(loaded, [['/run/user/1000/a9-x', 'read'], ['/run/user/1000/zz-x', 'read']]), ['read /run/user/1000/a9-x: deny', 'read /run/user/1000/zz-x: allow'])
  })

  test('net none, private directories, rmenv; not-enforced directives listed once with their line', () => {
    const loaded = load('net none\nprivate-tmp\nprivate\nprivate-cache\ntmpfs /srv/cache\nrmenv SECRET\nmkdir ${HOME}/a\nmkdir ${HOME}/b\nprotocol unix\nseccomp\nnonewprivs\n')
    assert.deepEqual(loaded.diagnostics, [])
    const s = loaded.layers[0]?.settings
    assert.deepEqual(s?.network, {none: true})
    assert.deepEqual(s?.private, ['/tmp', '/home/ann', '/home/ann/.cache', '/srv/cache'])
    assert.deepEqual(s?.envUnset, ['SECRET'])
    assert.deepEqual(s?.notEnforced?.map((n) => n.directive), ['mkdir', 'protocol'])
  })
})
