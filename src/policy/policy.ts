// Layers to a Policy: noblacklist applied, settings merged, rules indexed for the decision rule.
import {matchGlob} from '../profile/glob.js'
import {buildPolicyIndex} from './index-rules.js'
import type {Access, Layer, NetworkSettings, Rule, Span, UnknownMode} from '../profile/types.js'

/** A rule with the layer it came from; `layer` is the index in `Policy.layers` (higher wins ties). */
export interface PolicyRule extends Rule {
  readonly layer: number
}

export interface Policy {
  readonly layers: readonly Layer[]
  readonly rules: readonly PolicyRule[]
  readonly unknown: UnknownMode
  readonly unknownSpan?: Span
  readonly network: NetworkSettings
  readonly networkSpans: Partial<Record<'none' | 'connect' | 'bind', Span>>
  readonly command?: readonly string[]
  readonly description?: string
  readonly private: readonly string[]
  readonly envUnset: readonly string[]
  readonly ipc: {readonly abstractUnix: boolean; readonly signal: boolean}
  readonly notEnforced: readonly {readonly directive: string; readonly span?: Span}[]
  /** Literal rules by access, then by path. */
  readonly byPath: Readonly<Record<Access, ReadonlyMap<string, readonly PolicyRule[]>>>
  /** Glob rules by access. */
  readonly globs: Readonly<Record<Access, readonly PolicyRule[]>>
}

export interface BuildOptions {
  /** Canonical form of a rule path (symlinks resolved where the path exists); identity by default. */
  readonly resolvePath?: (path: string) => string
}

/** Build the policy from layers, lowest first. */
export function buildPolicy(layers: readonly Layer[], options: BuildOptions = {}): Policy {
  const resolvePath = options.resolvePath ?? ((p: string) => p)
  const rules: PolicyRule[] = []
  layers.forEach((layer, index) => {
    // noblacklist P removes blacklist entries matching P from the layers below.
    if (layer.noblacklist.length > 0) {
      const kept = rules.filter((r) => r.kind !== 'blacklist' || !layer.noblacklist.some((nb) => blacklistMatches(nb, r)))
      rules.length = 0
      rules.push(...kept)
    }
    for (const rule of layer.rules) {
      rules.push({...rule, path: rule.glob ? rule.path : resolvePath(rule.path), layer: index})
    }
  })

  let unknown: UnknownMode = 'prompt'
  let unknownSpan: Span | undefined
  let network: {none: boolean; connect?: readonly number[]; bind?: readonly number[]} = {none: false}
  let networkSpans: Policy['networkSpans'] = {}
  let command: readonly string[] | undefined
  let description: string | undefined
  const priv: string[] = []
  const envUnset: string[] = []
  const ipc = {abstractUnix: false, signal: false}
  const notEnforced: {directive: string; span?: Span}[] = []
  for (const {settings: s} of layers) {
    if (s.unknown) {
      unknown = s.unknown
      unknownSpan = s.unknownSpan
    }
    if (s.network) {
      network = {...network, ...s.network}
      networkSpans = {...networkSpans, ...s.networkSpans}
    }
    if (s.command) command = s.command
    if (s.description) description = s.description
    for (const p of s.private ?? []) if (!priv.includes(p)) priv.push(p)
    for (const v of s.envUnset ?? []) if (!envUnset.includes(v)) envUnset.push(v)
    if (s.ipc?.abstractUnix !== undefined) ipc.abstractUnix = s.ipc.abstractUnix
    if (s.ipc?.signal !== undefined) ipc.signal = s.ipc.signal
    notEnforced.push(...(s.notEnforced ?? []))
  }

  return {
    layers, rules, unknown, network, networkSpans, private: priv, envUnset, ipc, notEnforced, ...buildPolicyIndex(rules),
    ...(unknownSpan ? {unknownSpan} : {}),
    ...(command ? {command} : {}),
    ...(description ? {description} : {}),
  }
}

function blacklistMatches(nb: {path: string; glob: boolean}, r: Rule): boolean {
  if (nb.path === r.path) return true
  if (nb.glob && !r.glob) return matchGlob(nb.path, r.path)
  if (!nb.glob && r.glob) return matchGlob(r.path, nb.path)
  return false
}

/** The policy with one more layer on top (session answers, a live edit's remembered line). */
export function withLayer(policy: Policy, layer: Layer, options: BuildOptions = {}): Policy {
  return buildPolicy([...policy.layers, layer], options)
}
