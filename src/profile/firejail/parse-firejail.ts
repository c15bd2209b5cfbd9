// The Firejail front end: a .profile with its include tree, read in order, to one layer of rules.
import {dirname, isAbsolute, join} from 'node:path'
import {diagnostic} from '../diagnostics.js'
import {globToRegExp} from '../glob.js'
import type {ProfileHost} from '../host.js'
import {expandMacros} from '../macros.js'
import {nearest, normalizePath, type ParsedProfile} from '../parse-yaml.js'
import type {Access, Diagnostic, LayerSettings, MacroEnv, Rule, RuleKind, Span} from '../types.js'
import {CONDITION_NAMES, CONDITIONS} from './conditions.js'
import {DIRECTIVE_NAMES, DIRECTIVES} from './directives.js'
import {expandFirejailPath, whitelistTop, type ExpandedPath} from './paths.js'
import {lineMap, readLines, type LineMap} from './read-lines.js'

/** A Firejail parse also hands back the text of every included file, for diagnostics and plans. */
export interface FirejailParsed extends ParsedProfile {
  readonly extraSources: ReadonlyMap<string, string>
}

/** noblacklist or nowhitelist entries: a later path matches one when equal, or when either is a pattern the other fits. */
class Patterns {
  private readonly literal = new Set<string>()
  private readonly globs: {path: string; re: RegExp}[] = []

  add(p: ExpandedPath): void {
    if (p.glob) this.globs.push({path: p.path, re: globToRegExp(p.path)})
    else this.literal.add(p.path)
  }

  matches(p: ExpandedPath): boolean {
    if (this.literal.has(p.path) || this.globs.some((g) => g.path === p.path)) return true
    if (!p.glob) return this.globs.some((g) => g.re.test(p.path))
    const re = globToRegExp(p.path)
    for (const l of this.literal) if (re.test(l)) return true
    return false
  }
}

/** Everything that changes while the lines are read in order. */
class Reader {
  readonly diagnostics: Diagnostic[] = []
  readonly rules: Rule[] = []
  readonly sources = new Map<string, string>()
  readonly ignores: string[] = []
  readonly noblacklist = new Patterns()
  readonly nowhitelist = new Patterns()
  readonly private: string[] = []
  readonly envUnset: string[] = []
  readonly notEnforced = new Map<string, Span>()
  readonly hiddenTops = new Set<string>()
  network: {none: boolean; span: Span} | undefined
  /** Include sites of the file being read, outermost first. */
  readonly sites: Span[] = []
  readonly stack: string[] = []
  readonly included = new Set<string>()

  constructor(readonly env: MacroEnv, readonly host: ProfileHost) {}

  error(code: string, message: string, span: Span): void {
    const d = diagnostic(code, message, span)
    this.diagnostics.push(this.sites.length ? {...d, includedFrom: [...this.sites].reverse()} : d)
  }

  rule(path: ExpandedPath, access: Access, effect: Rule['effect'], kind: RuleKind, span: Span): void {
    this.rules.push({path: path.path, glob: path.glob, access, effect, kind, span, written: path.written})
  }
}

/** Parse a Firejail profile and everything it includes, in Firejail's order. */
export function parseFirejailProfile(file: string, text: string, env: MacroEnv, host: ProfileHost): FirejailParsed {
  const r = new Reader(env, host)
  r.included.add(file)
  readFile(r, file, text)
  dropShadowedWhitelists(r.rules)

  const settings: {-readonly [K in keyof LayerSettings]: LayerSettings[K]} = {unknown: 'allow'}
  if (r.network) {
    settings.network = {none: r.network.none}
    settings.networkSpans = {none: r.network.span}
  }
  if (r.private.length) settings.private = r.private
  if (r.envUnset.length) settings.envUnset = r.envUnset
  if (r.notEnforced.size) settings.notEnforced = [...r.notEnforced].map(([directive, span]) => ({directive, span}))
  const extraSources = new Map([...r.sources].filter(([f]) => f !== file))
  return {file, includes: [], settings, rules: r.rules, noblacklist: [], remember: [], diagnostics: r.diagnostics, extraSources}
}

function readFile(r: Reader, file: string, text: string): void {
  r.sources.set(file, text)
  r.stack.push(file)
  for (const line of readLines(file, text)) readLine(r, file, lineMap(text, line))
  r.stack.pop()
}

function readLine(r: Reader, file: string, map: LineMap): void {
  let text = map.line.text
  let start = 0
  const span = (from: number, length: number): Span => ({file, offset: map.offsetOf(start + from), length: Math.max(1, length)})

  if (text.startsWith('?')) {
    const m = /^\?([A-Za-z0-9_]*):\s?/.exec(text)
    if (!m) {
      r.error('BAD_CONDITION', 'a conditional line reads "?CONDITION: directive"', span(0, text.length))
      return
    }
    const name = m[1] as string
    const condition = CONDITIONS[name]
    if (!condition) {
      const hint = nearest(name, CONDITION_NAMES)
      r.error('UNKNOWN_CONDITION', `unknown condition "${name}"${hint ? `; did you mean "${hint}"?` : `; known: ${CONDITION_NAMES.join(', ')}`}`, span(1, name.length))
      return
    }
    if (!condition.value) return
    start = m[0].length
    text = text.slice(start)
  }

  if (r.ignores.some((i) => text === i || text.startsWith(i + ' '))) return
  const cut = text.indexOf(' ')
  const keyword = cut === -1 ? text : text.slice(0, cut)
  const arg = cut === -1 ? '' : text.slice(cut + 1)
  const argSpan = span(cut + 1, arg.length)
  const lineSpan = span(0, text.length)
  const info = DIRECTIVES[keyword]
  if (!info) {
    const hint = nearest(keyword, DIRECTIVE_NAMES)
    r.error('UNKNOWN_DIRECTIVE', `unknown Firejail directive "${keyword}"${hint ? `; did you mean "${hint}"?` : ''}`, span(0, keyword.length))
    return
  }
  if (info.arg === 'required' && !arg) {
    r.error('MISSING_ARGUMENT', `"${keyword}" needs an argument`, span(0, keyword.length))
    return
  }
  if (info.arg === 'none' && arg) {
    r.error('UNEXPECTED_ARGUMENT', `"${keyword}" takes no argument`, argSpan)
    return
  }

  const paths = (): readonly ExpandedPath[] | undefined => {
    const expanded = expandFirejailPath(arg, r.env)
    if (expanded.ok) return expanded.paths
    r.error(expanded.code, expanded.message, span(cut + 1 + expanded.offset, expanded.length))
    return undefined
  }

  switch (keyword) {
    case 'include':
      return include(r, file, arg, argSpan)
    case 'ignore':
      r.ignores.push(arg)
      return
    case 'noblacklist':
      for (const p of paths() ?? []) r.noblacklist.add(p)
      return
    case 'nowhitelist':
      for (const p of paths() ?? []) r.nowhitelist.add(p)
      return
    case 'blacklist':
    case 'blacklist-nolog':
      for (const p of paths() ?? []) if (!r.noblacklist.matches(p)) denyAll(r, p, 'blacklist', lineSpan)
      return
    case 'whitelist':
    case 'whitelist-ro':
      for (const p of paths() ?? []) {
        if (r.nowhitelist.matches(p)) continue
        whitelist(r, p, keyword === 'whitelist-ro', lineSpan)
      }
      return
    case 'read-only':
      for (const p of paths() ?? []) r.rule(p, 'write', 'deny', 'readonly', lineSpan)
      return
    case 'read-write':
      for (const p of paths() ?? []) {
        // Later wins in Firejail; in one landjail layer deny would win, so the earlier read-only goes.
        for (let i = r.rules.length - 1; i >= 0; i--) {
          const old = r.rules[i] as Rule
          if (old.kind === 'readonly' && old.path === p.path && old.glob === p.glob) r.rules.splice(i, 1)
        }
        r.rule(p, 'write', 'allow', 'write', lineSpan)
      }
      return
    case 'noexec':
      for (const p of paths() ?? []) r.rule(p, 'exec', 'deny', 'noexec', lineSpan)
      return
    case 'tmpfs':
      for (const p of paths() ?? []) {
        if (p.glob) r.error('BAD_VALUE', `tmpfs needs a directory, not a pattern: "${arg}"`, argSpan)
        else addPrivate(r, p.path)
      }
      return
    case 'private':
      if (arg) notEnforced(r, `private ${arg}`, lineSpan)
      else addPrivate(r, r.env.HOME)
      return
    case 'private-tmp':
      addPrivate(r, '/tmp')
      return
    case 'private-cache':
      addPrivate(r, `${r.env.HOME}/.cache`)
      return
    case 'disable-mnt':
      for (const dir of ['/mnt', '/media', '/run/mount', '/run/media']) denyAll(r, {path: dir, glob: false, written: dir}, 'blacklist', lineSpan)
      return
    case 'net':
      if (arg === 'none') r.network = {none: true, span: lineSpan}
      else notEnforced(r, `net ${arg}`, lineSpan)
      return
    case 'rmenv':
      if (!r.envUnset.includes(arg)) r.envUnset.push(arg)
      return
    case 'dbus-user':
    case 'dbus-system':
      if (arg === 'none') {
        const socket = keyword === 'dbus-user' ? {path: `${r.env.RUNUSER}/bus`, written: '${RUNUSER}/bus'} : {path: '/run/dbus', written: '/run/dbus'}
        denyAll(r, {...socket, glob: false}, 'blacklist', lineSpan)
      } else notEnforced(r, `${keyword} ${arg}`, lineSpan)
      return
  }
  if (info.status === 'not-enforced') notEnforced(r, keyword, lineSpan)
}

function include(r: Reader, from: string, arg: string, site: Span): void {
  const expanded = expandMacros(arg, r.env)
  if (!expanded.ok) {
    r.error(expanded.code, expanded.message, {file: site.file, offset: site.offset + expanded.offset, length: expanded.length})
    return
  }
  const name = expanded.value
  const candidates = isAbsolute(name) ? [normalizePath(name)] : [...r.host.firejailDirs, dirname(from)].map((dir) => join(dir, name))
  const target = candidates.find((c) => r.host.exists(c))
  if (!target) {
    if (!name.endsWith('.local')) r.error('MISSING_INCLUDE', `included file "${arg}" not found (looked in ${candidates.map(dirname).join(', ')})`, site)
    return
  }
  if (r.stack.includes(target)) {
    const chain = [...r.stack.slice(r.stack.indexOf(target)), target].map((f) => f.slice(f.lastIndexOf('/') + 1)).join(' -> ')
    r.error('INCLUDE_CYCLE', `include cycle: ${chain}`, site)
    return
  }
  if (r.included.has(target)) return
  r.included.add(target)
  let text: string
  try {
    text = r.host.readFile(target)
  } catch (error) {
    r.error('UNREADABLE', `cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, site)
    return
  }
  r.sites.push(site)
  readFile(r, target, text)
  r.sites.pop()
}

function denyAll(r: Reader, p: ExpandedPath, kind: RuleKind, span: Span): void {
  for (const access of ['read', 'write', 'exec'] as const) r.rule(p, access, 'deny', kind, span)
}

/** Allow at the path; the rest of its top directory hidden (once per top directory). */
function whitelist(r: Reader, p: ExpandedPath, readonly: boolean, span: Span): void {
  const top = whitelistTop(p.glob ? p.path.slice(0, p.path.search(/[*?[]/)) + 'x' : p.path, r.env)
  if (!top) {
    r.error('BAD_WHITELIST', `Firejail refuses to whitelist "${p.written}": not inside a top directory it can hide (not /, /proc, /sys or a top directory itself)`, span)
    return
  }
  if (!r.hiddenTops.has(top.path)) {
    r.hiddenTops.add(top.path)
    denyAll(r, {path: top.path, glob: false, written: top.written}, 'whitelist', span)
    // Firejail puts the home and runtime directories back into a hidden top directory; when they are
    // hidden themselves, their own deny at the same path wins within this layer.
    for (const [dir, written] of [[r.env.HOME, '${HOME}'], [r.env.RUNUSER, '${RUNUSER}']] as const) {
      if (dir.startsWith(top.path + '/')) allowAll(r, {path: dir, glob: false, written}, span)
    }
  }
  r.rule(p, 'read', 'allow', 'whitelist', span)
  r.rule(p, 'exec', 'allow', 'whitelist', span)
  if (readonly) r.rule(p, 'write', 'deny', 'readonly', span)
  else r.rule(p, 'write', 'allow', 'whitelist', span)
}

function allowAll(r: Reader, p: ExpandedPath, span: Span): void {
  for (const access of ['read', 'write', 'exec'] as const) r.rule(p, access, 'allow', 'whitelist', span)
}

function addPrivate(r: Reader, dir: string): void {
  if (!r.private.includes(dir)) r.private.push(dir)
}

function notEnforced(r: Reader, directive: string, span: Span): void {
  if (!r.notEnforced.has(directive)) r.notEnforced.set(directive, span)
}

/**
 * Firejail mounts the whitelist first and blacklist, read-only and noexec on top, so a deny on an
 * ancestor of a whitelisted path still applies there; in landjail the more specific allow would win.
 */
function dropShadowedWhitelists(rules: Rule[]): void {
  const denies: Record<Access, {literal: Set<string>; globs: RegExp[]}> = {
    read: {literal: new Set(), globs: []}, write: {literal: new Set(), globs: []}, exec: {literal: new Set(), globs: []},
  }
  for (const rule of rules) {
    if (rule.effect !== 'deny' || rule.kind === 'whitelist') continue
    if (rule.glob) denies[rule.access].globs.push(globToRegExp(rule.path))
    else denies[rule.access].literal.add(rule.path)
  }
  const memo: Record<Access, Map<string, boolean>> = {read: new Map(), write: new Map(), exec: new Map()}
  const deniedAt = (access: Access, p: string): boolean => {
    let hit = memo[access].get(p)
    if (hit === undefined) {
      const d = denies[access]
      hit = d.literal.has(p) || d.globs.some((g) => g.test(p))
      memo[access].set(p, hit)
    }
    return hit
  }
  const shadowed = (rule: Rule): boolean => {
    let p = rule.path
    while (p !== '/') {
      const cut = p.lastIndexOf('/')
      p = cut <= 0 ? '/' : p.slice(0, cut)
      if (deniedAt(rule.access, p)) return true
    }
    return false
  }
  const kept = rules.filter((rule) => !(rule.kind === 'whitelist' && rule.effect === 'allow' && shadowed(rule)))
  rules.splice(0, rules.length, ...kept)
}
