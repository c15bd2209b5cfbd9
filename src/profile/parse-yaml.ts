// The YAML front end: one profile file to its includes, settings and rules, every problem with a span.
import {posix} from 'node:path'
import {isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap} from 'yaml'
import {diagnostic} from './diagnostics.js'
import {checkGlob, isGlob} from './glob.js'
import {expandMacros} from './macros.js'
import type {Access, Diagnostic, Effect, LayerSettings, MacroEnv, Rule, Span, UnknownMode} from './types.js'

export interface PathEntry {
  readonly path: string
  readonly glob: boolean
  readonly written: string
  readonly span: Span
}

/** One file's contribution before includes are resolved. */
export interface ParsedProfile {
  readonly file: string
  readonly includes: readonly {readonly name: string; readonly span: Span}[]
  readonly settings: LayerSettings
  readonly rules: readonly Rule[]
  readonly noblacklist: readonly PathEntry[]
  readonly remember: readonly Rule[]
  readonly diagnostics: readonly Diagnostic[]
  /** Texts of other files this one pulled in (Firejail includes), for diagnostics and watching. */
  readonly extraSources?: ReadonlyMap<string, string>
}

const TOP_KEYS = ['description', 'command', 'include', 'filesystem', 'network', 'unknown', 'remember', 'env', 'ipc'] as const
const FS_KEYS = ['read', 'write', 'exec', 'blacklist', 'noblacklist', 'readonly', 'private'] as const
const NET_KEYS = ['none', 'connect', 'bind'] as const
const ENV_KEYS = ['unset'] as const
const IPC_KEYS = ['abstract-unix', 'signal'] as const
const UNKNOWN_MODES: readonly UnknownMode[] = ['prompt', 'deny', 'allow']

/** What each filesystem key means, access by access. */
const FS_KEY_RULES: Record<'read' | 'write' | 'exec' | 'blacklist' | 'readonly', readonly (readonly [Access, Effect])[]> = {
  read: [['read', 'allow']],
  write: [['read', 'allow'], ['write', 'allow']],
  exec: [['read', 'allow'], ['exec', 'allow']],
  blacklist: [['read', 'deny'], ['write', 'deny'], ['exec', 'deny']],
  readonly: [['write', 'deny']],
}

export const REMEMBER_LINE = /^(allow|deny)\s+(read|write|exec)\s+(\S.*?)\s*$/

class Collector {
  readonly diagnostics: Diagnostic[] = []
  constructor(readonly file: string, readonly text: string) {}

  span(node: Node | Pair | null | undefined, fallback = 0): Span {
    const range = node && 'range' in node ? node.range : undefined
    if (range) return {file: this.file, offset: range[0], length: Math.max(1, range[1] - range[0])}
    return {file: this.file, offset: fallback, length: 1}
  }

  error(code: string, message: string, span: Span): void {
    this.diagnostics.push(diagnostic(code, message, span))
  }
}

/** Parse one YAML profile file. */
export function parseYamlProfile(file: string, text: string, env: MacroEnv): ParsedProfile {
  const c = new Collector(file, text)
  const doc = parseDocument(text, {prettyErrors: false, uniqueKeys: true})
  const result = {includes: [] as {name: string; span: Span}[], rules: [] as Rule[], noblacklist: [] as PathEntry[], remember: [] as Rule[]}
  const settings: {-readonly [K in keyof LayerSettings]: LayerSettings[K]} = {}
  for (const e of doc.errors) {
    c.error(e.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : 'YAML_SYNTAX', e.message.split('\n')[0] ?? e.message, {file, offset: e.pos[0], length: Math.max(1, e.pos[1] - e.pos[0])})
  }
  if (doc.errors.length > 0) return {file, settings, ...result, diagnostics: c.diagnostics}
  const root = doc.contents
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    return {file, settings, ...result, diagnostics: c.diagnostics}
  }
  if (!isMap(root)) {
    c.error('WRONG_TYPE', 'a profile is a mapping of keys such as filesystem:, network:, include:', c.span(root))
    return {file, settings, ...result, diagnostics: c.diagnostics}
  }
  for (const [key, value, pair] of entries(c, root, TOP_KEYS)) {
    switch (key) {
      case 'description': {
        const s = scalarString(c, value, 'description')
        if (s !== undefined) settings.description = s
        break
      }
      case 'command': {
        if (isScalar(value) && typeof value.value === 'string') settings.command = [value.value]
        else {
          const words = stringList(c, value, 'command')
          if (words && words.length === 0) c.error('WRONG_TYPE', 'command: needs at least the program name', c.span(value ?? pair))
          else if (words) settings.command = words.map((w) => w.value)
        }
        break
      }
      case 'include': {
        const names = isScalar(value) && typeof value.value === 'string' ? [{value: value.value, node: value}] : stringList(c, value, 'include')
        for (const n of names ?? []) result.includes.push({name: n.value, span: c.span(n.node)})
        break
      }
      case 'filesystem':
        parseFilesystem(c, value, pair, env, result, settings)
        break
      case 'network':
        parseNetwork(c, value, pair, settings)
        break
      case 'unknown': {
        const s = scalarString(c, value, 'unknown')
        if (s === undefined) break
        if (!UNKNOWN_MODES.includes(s as UnknownMode)) {
          c.error('BAD_VALUE', `unknown: must be one of ${UNKNOWN_MODES.join(', ')}, not "${s}"`, c.span(value))
        } else {
          settings.unknown = s as UnknownMode
          settings.unknownSpan = c.span(value)
        }
        break
      }
      case 'remember':
        for (const line of stringList(c, value, 'remember') ?? []) {
          const rule = parseRememberLine(c, line.value, c.span(line.node), env)
          if (rule) result.remember.push(rule)
        }
        break
      case 'env':
        if (!expectMap(c, value, pair, 'env')) break
        for (const [k, v] of entries(c, value, ENV_KEYS)) {
          if (k === 'unset') settings.envUnset = (stringList(c, v, 'env.unset') ?? []).map((s) => s.value)
        }
        break
      case 'ipc': {
        if (!expectMap(c, value, pair, 'ipc')) break
        const ipc: {abstractUnix?: boolean; signal?: boolean} = {}
        for (const [k, v] of entries(c, value, IPC_KEYS)) {
          const b = scalarBool(c, v, `ipc.${k}`)
          if (b !== undefined) ipc[k === 'signal' ? 'signal' : 'abstractUnix'] = b
        }
        settings.ipc = ipc
        break
      }
    }
  }
  return {file, settings, ...result, diagnostics: c.diagnostics}
}

function parseFilesystem(
  c: Collector,
  value: Node | null,
  pair: Pair,
  env: MacroEnv,
  out: {rules: Rule[]; noblacklist: PathEntry[]},
  settings: {private?: readonly string[]},
): void {
  if (!expectMap(c, value, pair, 'filesystem')) return
  for (const [key, list] of entries(c, value, FS_KEYS)) {
    const paths = (stringList(c, list, `filesystem.${key}`) ?? [])
      .map((item) => expandPath(c, item.value, c.span(item.node), env))
      .filter((p): p is PathEntry => p !== undefined)
    if (key === 'noblacklist') out.noblacklist.push(...paths)
    else if (key === 'private') settings.private = paths.map((p) => p.path)
    else {
      for (const p of paths) {
        for (const [access, effect] of FS_KEY_RULES[key]) {
          out.rules.push({path: p.path, glob: p.glob, access, effect, kind: key, span: p.span, written: p.written})
        }
      }
    }
  }
}

function parseNetwork(c: Collector, value: Node | null, pair: Pair, settings: {network?: LayerSettings['network']; networkSpans?: LayerSettings['networkSpans']}): void {
  if (!expectMap(c, value, pair, 'network')) return
  const network: {none?: boolean; connect?: number[]; bind?: number[]} = {}
  const spans: Partial<Record<'none' | 'connect' | 'bind', Span>> = {}
  for (const [key, v, p] of entries(c, value, NET_KEYS)) {
    spans[key] = c.span(p.key as Node)
    if (key === 'none') {
      const b = scalarBool(c, v, 'network.none')
      if (b !== undefined) network.none = b
      continue
    }
    if (!isSeq(v)) {
      c.error('WRONG_TYPE', `network.${key}: expected a list of TCP ports`, c.span(v ?? p))
      continue
    }
    const ports: number[] = []
    for (const item of v.items) {
      const n = isScalar(item) ? item.value : undefined
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) {
        c.error('BAD_PORT', `network.${key}: a port is a whole number from 1 to 65535`, c.span(item as Node))
      } else ports.push(n)
    }
    network[key] = ports
  }
  settings.network = network
  settings.networkSpans = spans
}

/** Parse "allow read /path" (a remember line). */
export function parseRememberLine(c: Collector | null, line: string, span: Span, env: MacroEnv): Rule | undefined {
  const m = REMEMBER_LINE.exec(line)
  if (!m) {
    c?.error('BAD_REMEMBER', `expected "allow|deny read|write|exec PATH", got "${line}"`, span)
    return undefined
  }
  const [, effect, access, written] = m as unknown as [string, Effect, Access, string]
  const pathOffset = line.indexOf(written, effect.length + access.length)
  const pathSpan = {file: span.file, offset: span.offset + Math.max(0, pathOffset) + (spanIsQuoted(c, span) ? 1 : 0), length: written.length}
  const p = c ? expandPath(c, written, pathSpan, env) : undefined
  if (!p) return undefined
  return {path: p.path, glob: p.glob, access, effect, kind: 'remember', span, written: line.trim()}
}

function spanIsQuoted(c: Collector | null, span: Span): boolean {
  const ch = c?.text[span.offset]
  return ch === '"' || ch === "'"
}

/** Expand macros, check absoluteness and glob syntax; normalise. */
export function expandPath(c: Collector, written: string, span: Span, env: MacroEnv): PathEntry | undefined {
  const expanded = expandMacros(written, env)
  if (!expanded.ok) {
    c.error(expanded.code, expanded.message, {file: span.file, offset: span.offset + expanded.offset + quoteShift(c, span), length: expanded.length})
    return undefined
  }
  if (!expanded.value.startsWith('/')) {
    c.error('RELATIVE_PATH', `path "${written}" must be absolute (start with /, ~ or a macro such as \${HOME})`, span)
    return undefined
  }
  const glob = isGlob(expanded.value)
  if (glob) {
    const check = checkGlob(expanded.value)
    if (!check.ok) {
      c.error('BAD_GLOB', `${check.message}: "${written}"`, span)
      return undefined
    }
  }
  return {path: normalizePath(expanded.value), glob, written, span}
}

function quoteShift(c: Collector, span: Span): number {
  const ch = c.text[span.offset]
  return ch === '"' || ch === "'" ? 1 : 0
}

/** Absolute, no "." or "..", no trailing slash (except "/"). */
export function normalizePath(p: string): string {
  const n = posix.normalize(p)
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n
}

function* entries<K extends string>(c: Collector, map: YAMLMap, known: readonly K[]): Generator<[K, Node | null, Pair]> {
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined
    if (key === undefined || !known.includes(key as K)) {
      const hint = key ? nearest(key, known) : undefined
      c.error('UNKNOWN_KEY', `unknown key "${key ?? '?'}"${hint ? `; did you mean "${hint}"?` : `; expected one of ${known.join(', ')}`}`, c.span(keyNode ?? pair))
      continue
    }
    yield [key as K, pair.value as Node | null, pair as Pair]
  }
}

function expectMap(c: Collector, value: Node | null, pair: Pair, name: string): value is YAMLMap {
  if (value === null || (isScalar(value) && value.value === null)) return false
  if (!isMap(value)) {
    c.error('WRONG_TYPE', `${name}: expected a mapping`, c.span(value ?? (pair.key as Node)))
    return false
  }
  return true
}

function stringList(c: Collector, value: Node | null, name: string): {value: string; node: Node}[] | undefined {
  if (value === null || (isScalar(value) && value.value === null)) return []
  if (!isSeq(value)) {
    c.error('WRONG_TYPE', `${name}: expected a list`, c.span(value))
    return undefined
  }
  const out: {value: string; node: Node}[] = []
  for (const item of value.items) {
    if (isScalar(item) && typeof item.value === 'string') out.push({value: item.value, node: item})
    else c.error('WRONG_TYPE', `${name}: expected a string`, c.span(item as Node))
  }
  return out
}

function scalarString(c: Collector, value: Node | null, name: string): string | undefined {
  if (isScalar(value) && typeof value.value === 'string') return value.value
  c.error('WRONG_TYPE', `${name}: expected a string`, c.span(value))
  return undefined
}

function scalarBool(c: Collector, value: Node | null, name: string): boolean | undefined {
  if (isScalar(value) && typeof value.value === 'boolean') return value.value
  c.error('WRONG_TYPE', `${name}: expected true or false`, c.span(value))
  return undefined
}

/** The known word closest to a typo, if it is close enough to be a likely intent. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const k of known) {
    const d = editDistance(word, k)
    if (d < bestDistance) {
      bestDistance = d
      best = k
    }
  }
  return bestDistance <= (word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3))) ? best : undefined
}

function editDistance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0] as number
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number
      row[j] = Math.min(up + 1, (row[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = up
    }
  }
  return row[b.length] as number
}

export {Collector}
