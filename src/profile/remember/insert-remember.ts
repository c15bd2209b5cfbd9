// Where and how one remembered entry goes into a YAML profile's text: a span edit that leaves every other byte alone.
import {isDeepStrictEqual} from 'node:util'
import {isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq} from 'yaml'
import type {CST} from 'yaml'
import {yamlItemSource, type RememberEntry} from './remember-line.js'

/** Replace `remove` bytes at `offset` with `insert`; for a remembered answer `remove` is 0 except for `remember: ~`. */
export interface TextEdit {
  readonly offset: number
  readonly remove: number
  readonly insert: string
}

/** A profile whose `remember:` cannot take an entry without rewriting what a person wrote. */
export class RememberEditError extends Error {
  constructor(message: string, readonly offset?: number) {
    super(message)
    this.name = 'RememberEditError'
  }
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.remove)
}

/** The edit that appends `entry` to the `remember:` list of a YAML profile, in the list's own style. */
export function planRememberEdit(text: string, entry: RememberEntry): TextEdit {
  const doc = parseDocument(text, {keepSourceTokens: true, uniqueKeys: true})
  const syntax = doc.errors[0]
  if (syntax) throw new RememberEditError(`the file does not parse as YAML: ${syntax.message.split('\n')[0]}`, syntax.pos[0])
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const root = doc.contents
  if (root !== null && !(isScalar(root) && root.value === null) && !isMap(root)) {
    throw new RememberEditError('the profile is not a mapping of keys')
  }
  const pair = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === 'remember') : undefined
  if (!pair) return appendRememberKey(text, doc.contents as YAMLMap | null, entry, eol)
  const value = pair.value as Node | null
  if (value === null || (isScalar(value) && value.value === null)) return fillEmptyRemember(text, pair, value, entry, eol)
  if (!isSeq(value)) throw new RememberEditError('remember: holds something other than a list', value.range?.[0])
  return value.flow ? appendToFlowList(text, value, entry, eol) : appendToBlockList(text, value, entry, eol)
}

/** Offset of the line break that ends the line holding `offset` (before a CR of CRLF), or the end of the text. */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset)
  if (nl === -1) return text.length
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

function commentSuffix(entry: RememberEntry): string {
  return entry.comment ? `  # ${entry.comment}` : ''
}

/** `- value  # comment` with the list's dash column and the gap it uses after the dash. */
function appendToBlockList(text: string, seq: YAMLSeq, entry: RememberEntry, eol: string): TextEdit {
  const last = seq.items[seq.items.length - 1] as Node | undefined
  const token = seq.srcToken as CST.BlockSequence | undefined
  const lastToken = token?.items[token.items.length - 1]
  const dash = lastToken?.start.find((t) => t.type === 'seq-item-ind')
  if (!last?.range || !dash) throw new RememberEditError('remember: list has an unexpected shape', seq.range?.[0])
  const indent = text.slice(lineStart(text, dash.offset), dash.offset)
  const afterDash = lastToken?.start[lastToken.start.indexOf(dash) + 1]
  const gap = afterDash?.type === 'space' && !afterDash.source.includes('\t') ? afterDash.source : ' '
  const at = lineEnd(text, last.range[1])
  return {offset: at, remove: 0, insert: `${eol}${/^[ \t]*$/.test(indent) ? indent : ' '.repeat(indent.length)}-${gap}${yamlItemSource(entry.value, 'block')}${commentSuffix(entry)}`}
}

/**
 * A flow list keeps its brackets: on one line the entry goes after the last item (a comment cannot end a
 * line there); spread over lines, the entry gets its own line with its comment.
 */
function appendToFlowList(text: string, seq: YAMLSeq, entry: RememberEntry, eol: string): TextEdit {
  const token = seq.srcToken as CST.FlowCollection | undefined
  const close = token?.end.find((t) => t.type === 'flow-seq-end')
  if (!token || !close) throw new RememberEditError('remember: flow list is not closed', seq.range?.[0])
  const item = yamlItemSource(entry.value, 'flow')
  const items = seq.items.filter((n): n is Node => (n as Node | null)?.range !== undefined)
  const last = items[items.length - 1]
  if (!last?.range) return {offset: token.start.offset + 1, remove: 0, insert: item}
  const multiLine = text.slice(last.range[1], close.offset).includes('\n')
  if (!multiLine) return {offset: last.range[1], remove: 0, insert: `, ${item}`}
  const lastLine = lineStart(text, last.range[0])
  const indent = /^[ \t]*/.exec(text.slice(lastLine))?.[0] ?? ''
  const between = text.slice(last.range[1], close.offset)
  const trailingComma = /^[ \t]*,/.test(between)
  const closeLine = lineStart(text, close.offset)
  if (trailingComma) {
    // `  b,  # note` then `]`: a new `  entry,  # comment` line before the bracket's line keeps that style.
    if (/^[ \t]*$/.test(text.slice(closeLine, close.offset))) {
      return {offset: closeLine, remove: 0, insert: `${indent}${item},${commentSuffix(entry)}${eol}`}
    }
    return {offset: close.offset, remove: 0, insert: `${item}${commentSuffix(entry) ? `${commentSuffix(entry)}${eol}${indent}` : ''}`}
  }
  // No trailing comma: the comma leads the new line, after whatever comment ends the last item's line.
  return {offset: lineEnd(text, last.range[1]), remove: 0, insert: `${eol}${indent}, ${item}${commentSuffix(entry)}`}
}

/** `remember:` with nothing after it (or `~`, `null`): the list starts on the next line, indented one step. */
function fillEmptyRemember(text: string, pair: Pair, value: Node | null, entry: RememberEntry, eol: string): TextEdit {
  const key = pair.key as Node
  const keyStart = key.range?.[0] ?? 0
  const keyIndent = text.slice(lineStart(text, keyStart), keyStart)
  const step = indentStep(text)
  const line = `${eol}${keyIndent}${' '.repeat(step.indent)}-${' '}${yamlItemSource(entry.value, 'block')}${commentSuffix(entry)}`
  if (value && isScalar(value) && value.source !== '' && value.range) {
    // An explicit null (`~`, `null`) is the one token replaced: by the list when nothing follows on its line,
    // else by a one-item flow list so that the comment after it stays where it is.
    const [start, end] = value.range
    if (text.slice(end, lineEnd(text, end)).trim() !== '') return {offset: start, remove: end - start, insert: `[${yamlItemSource(entry.value, 'flow')}]`}
    const spaceBefore = /[ \t]*$/.exec(text.slice(lineStart(text, start), start))?.[0].length ?? 0
    return {offset: start - spaceBefore, remove: end - start + spaceBefore, insert: line}
  }
  return {offset: lineEnd(text, (value?.range?.[0] ?? key.range?.[1] ?? 0)), remove: 0, insert: line}
}

/** No `remember:` key yet: append one at the end of the file, list indented like the file's other lists. */
function appendRememberKey(text: string, root: YAMLMap | null, entry: RememberEntry, eol: string): TextEdit {
  if (root && isMap(root) && root.flow) throw new RememberEditError('the profile is a flow mapping ({...}); add "remember: []" to it first')
  const first = root && isMap(root) ? (root.items[0]?.key as Node | undefined) : undefined
  const keyIndent = first?.range ? text.slice(lineStart(text, first.range[0]), first.range[0]) : ''
  const step = indentStep(text)
  const lead = text.length === 0 || text.endsWith('\n') ? '' : eol
  const tail = text.length === 0 || text.endsWith('\n') ? eol : ''
  const body = `${keyIndent}remember:${eol}${keyIndent}${' '.repeat(step.indent)}- ${yamlItemSource(entry.value, 'block')}${commentSuffix(entry)}`
  return {offset: text.length, remove: 0, insert: `${lead}${body}${tail}`}
}

/** How far the file's block lists sit right of their key (0 for `key:\n- item`); 2 when it has none. */
function indentStep(text: string): {indent: number} {
  const m = /^([ ]*)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*([ ]*)- /m.exec(text)
  if (!m) return {indent: 2}
  const d = (m[2]?.length ?? 0) - (m[1]?.length ?? 0)
  return {indent: d >= 0 && d <= 8 ? d : 2}
}

/** Guard against any edit that would change more than the list: the new text must read as the old plus the entry. */
export function checkRememberEdit(before: string, after: string, entry: RememberEntry): void {
  const read = (text: string) => {
    const doc = parseDocument(text, {uniqueKeys: true})
    if (doc.errors.length > 0) throw new RememberEditError(`the edited file would not parse: ${doc.errors[0]?.message.split('\n')[0]}`)
    const js: unknown = doc.toJS()
    return (js && typeof js === 'object' ? js : {}) as Record<string, unknown>
  }
  const old = read(before)
  const now = read(after)
  const oldList = Array.isArray(old.remember) ? old.remember : []
  const expected = {...old, remember: [...oldList, entry.value]}
  if (!isDeepStrictEqual(now, expected)) throw new RememberEditError('the edit would change more than the remember: list; the file was left alone')
}
