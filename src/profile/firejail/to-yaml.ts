// A parsed Firejail profile written out as the equivalent landjail YAML profile.
import {Document} from 'yaml'
import {lineColOf} from '../diagnostics.js'
import type {Rule} from '../types.js'
import type {FirejailParsed} from './parse-firejail.js'

export interface ImportSource {
  /** The profile name, for the description. */
  readonly name: string
  /** The Firejail file's own text, whose comments are carried over. */
  readonly text: string
  /** Text of every file the profile read, to name the lines of not-enforced directives. */
  readonly sources: ReadonlyMap<string, string>
}

type ListKey = 'read' | 'write' | 'exec' | 'blacklist' | 'readonly'

/**
 * One YAML file with the same decisions: every included Firejail file is already flattened into the
 * rules, so the result includes nothing. `noexec` has no filesystem key in YAML; it becomes a
 * remembered "deny exec" line, which decides the same because a deny wins a tie either way.
 */
export function firejailToYaml(parsed: FirejailParsed, source: ImportSource): string {
  const lists: Record<ListKey, string[]> = {read: [], write: [], exec: [], blacklist: [], readonly: []}
  const remember: string[] = []
  for (const rule of parsed.rules) {
    const key = yamlKeyOf(rule)
    if (key === 'deny-exec') remember.push(`deny exec ${rule.written}`)
    else if (key) lists[key].push(rule.written)
  }
  for (const key of Object.keys(lists) as ListKey[]) lists[key] = [...new Set(lists[key])]
  // write and exec entries already allow reading.
  lists.read = lists.read.filter((p) => !lists.write.includes(p) && !lists.exec.includes(p))

  const s = parsed.settings
  const filesystem: Record<string, string[]> = {}
  for (const key of ['read', 'write', 'exec', 'blacklist', 'readonly'] as const) if (lists[key].length) filesystem[key] = lists[key]
  if (s.private?.length) filesystem.private = [...s.private]
  const body: Record<string, unknown> = {description: `Imported from the Firejail profile ${source.name}`, unknown: 'allow'}
  if (Object.keys(filesystem).length) body.filesystem = filesystem
  if (s.network?.none) body.network = {none: true}
  if (s.envUnset?.length) body.env = {unset: [...s.envUnset]}
  if (remember.length) body.remember = [...new Set(remember)]

  const doc = new Document(body)
  doc.commentBefore = headerOf(parsed, source)
  return doc.toString({lineWidth: 0})
}

/** The YAML list a rule belongs to, or how it is carried otherwise. */
function yamlKeyOf(rule: Rule): ListKey | 'deny-exec' | undefined {
  if (rule.effect === 'allow') return rule.access
  if (rule.kind === 'blacklist' || rule.kind === 'whitelist') return rule.access === 'read' ? 'blacklist' : undefined
  if (rule.access === 'write') return 'readonly'
  if (rule.access === 'exec') return 'deny-exec'
  return 'blacklist'
}

function headerOf(parsed: FirejailParsed, source: ImportSource): string {
  const lines = [` landjail profile imported from ${parsed.file}`, ' by `landjail import`; includes are flattened into this file.']
  const notEnforced = parsed.settings.notEnforced ?? []
  if (notEnforced.length) {
    lines.push('', ' Not enforced by landjail (see docs/firejail.md):')
    for (const n of notEnforced) {
      const text = n.span ? source.sources.get(n.span.file) : undefined
      const at = n.span && text !== undefined ? `${n.span.file}:${lineColOf(text, n.span.offset).line}` : ''
      lines.push(`   ${n.directive}${at ? `  (${at})` : ''}`)
    }
  }
  const comments = source.text.split('\n').filter((l) => /^\s*#/.test(l)).map((l) => l.replace(/^\s*#/, ''))
  if (comments.length) lines.push('', ' Comments of the Firejail file:', ...comments.map((c) => ` ${c}`))
  return lines.join('\n')
}
