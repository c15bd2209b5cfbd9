// The text of `landjail explain`: decision, deciding rule, contenders, layers.
import {lineColOf} from '../profile/diagnostics.js'
import type {LoadedProfile} from '../profile/load-profile.js'
import type {Access, Span} from '../profile/types.js'
import {decide} from '../policy/decide.js'
import type {Policy, PolicyRule} from '../policy/policy.js'

/** "file:line:col" of a span using the loaded sources. */
export function where(loaded: LoadedProfile, span: Span | undefined): string {
  if (!span) return '(session)'
  const text = loaded.sources.get(span.file)
  if (text === undefined) return span.file
  const {line, col} = lineColOf(text, span.offset)
  return `${span.file}:${line}:${col}`
}

function layerLabel(policy: Policy, index: number): string {
  const layer = policy.layers[index]
  return layer ? `layer ${index + 1} (${layer.kind} ${layer.name})` : `layer ${index + 1}`
}

function ruleText(rule: PolicyRule): string {
  return rule.kind === 'remember' ? rule.written : `${rule.kind} ${rule.written}`
}

/** Explain each access to `path`. */
export function explainPath(loaded: LoadedProfile, policy: Policy, path: string, accesses: readonly Access[]): string {
  const out: string[] = []
  for (const access of accesses) {
    const d = decide(policy, path, access)
    out.push(`${access} ${path}: ${d.verdict.toUpperCase()}`)
    if (d.rule) {
      out.push(`  decided by ${where(loaded, d.rule.span)}: ${ruleText(d.rule)}  [${layerLabel(policy, d.rule.layer)}]`)
      if (d.matched !== path) out.push(`  the rule covers ${d.matched} and everything below it`)
      for (const other of d.contenders.filter((r) => r !== d.rule)) {
        out.push(`  over ${where(loaded, other.span)}: ${ruleText(other)}  [${layerLabel(policy, other.layer)}]`)
      }
    } else {
      const at = policy.unknownSpan ? ` (${where(loaded, policy.unknownSpan)})` : ' (the default)'
      out.push(`  no rule covers this path: unknown: ${policy.unknown}${at}${policy.unknown === 'prompt' ? '; enforce mode denies, supervise mode asks' : ''}`)
    }
  }
  out.push('layers, lowest first:')
  policy.layers.forEach((l, i) => out.push(`  ${i + 1}. ${l.kind} ${l.name}: ${l.file}`))
  return out.join('\n')
}
