// Path globs: *, ?, [..] within one component, ** across components.

export function isGlob(path: string): boolean {
  return /[*?[]/.test(path)
}

export type GlobCheck = {readonly ok: true} | {readonly ok: false; readonly message: string; readonly offset: number}

/** Reject what cannot be a glob: an unclosed or empty class, `**` glued to other characters. */
export function checkGlob(pattern: string): GlobCheck {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '[') {
      const close = pattern.indexOf(']', i + 2)
      const slash = pattern.indexOf('/', i)
      if (close === -1 || (slash !== -1 && slash < close)) return {ok: false, message: 'unclosed "[" in glob', offset: i}
      i = close
    } else if (c === ']') {
      return {ok: false, message: 'unmatched "]" in glob', offset: i}
    }
  }
  for (const m of pattern.matchAll(/\*\*+/g)) {
    const at = m.index ?? 0
    const before = pattern[at - 1]
    const after = pattern[at + m[0].length]
    if (m[0].length > 2 || (before !== undefined && before !== '/') || (after !== undefined && after !== '/')) {
      return {ok: false, message: '"**" must be a whole path component', offset: at}
    }
  }
  return {ok: true}
}

const cache = new Map<string, RegExp>()

/** The anchored regular expression a glob stands for. */
export function globToRegExp(pattern: string): RegExp {
  const hit = cache.get(pattern)
  if (hit) return hit
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '*' && pattern[i + 1] === '*') {
      // "/**/" matches one or more components between; a trailing "/**" matches everything below.
      if (pattern[i + 2] === '/') {
        re += '(?:[^/]+/)*'
        i += 2
      } else {
        re += '.*'
        i += 1
      }
    } else if (c === '*') {
      re += '[^/]*'
    } else if (c === '?') {
      re += '[^/]'
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2)
      let body = pattern.slice(i + 1, close)
      if (body.startsWith('!')) body = '^' + body.slice(1)
      re += `[${body.replace(/\\/g, '\\\\')}]`
      i = close
    } else {
      re += c.replace(/[.+^${}()|\\]/g, '\\$&')
    }
  }
  const compiled = new RegExp(`^${re}$`)
  cache.set(pattern, compiled)
  return compiled
}

/** True when `path` itself matches `pattern`. */
export function matchGlob(pattern: string, path: string): boolean {
  return globToRegExp(pattern).test(path)
}

/** The literal directory a glob starts below: where a file-system walk for it begins. */
export function globBase(pattern: string): string {
  const parts = pattern.split('/')
  const literal: string[] = []
  for (const part of parts) {
    if (isGlob(part)) break
    literal.push(part)
  }
  return literal.join('/') || '/'
}
