// Which Landlock rights stand for each access, and which rights each ABI knows.
import type {Access} from '../profile/types.js'
import {FS_RIGHTS_BY_ABI, type FsRight} from './plan-types.js'

export const RIGHTS_OF_ACCESS: Readonly<Record<Access, readonly FsRight[]>> = {
  read: ['READ_FILE', 'READ_DIR'],
  write: [
    'WRITE_FILE', 'TRUNCATE', 'IOCTL_DEV', 'REMOVE_DIR', 'REMOVE_FILE', 'MAKE_CHAR', 'MAKE_DIR',
    'MAKE_REG', 'MAKE_SOCK', 'MAKE_FIFO', 'MAKE_BLOCK', 'MAKE_SYM', 'REFER',
  ],
  exec: ['EXECUTE'],
}

/** Rights Landlock accepts on a rule for a non-directory. */
export const FILE_RIGHTS: ReadonlySet<FsRight> = new Set(['EXECUTE', 'WRITE_FILE', 'READ_FILE', 'TRUNCATE', 'IOCTL_DEV'])

/** The newest Landlock ABI whose rights landjail knows. */
export const NEWEST_ABI = 7

/** Every filesystem right the given ABI handles, in a fixed order. */
export function fsRightsOf(abi: number): FsRight[] {
  const out: FsRight[] = []
  for (const [since, rights] of Object.entries(FS_RIGHTS_BY_ABI)) if (Number(since) <= abi) out.push(...rights)
  return out
}

/** The rights a rule grants for some accesses on a file or a directory, cut to the ABI. */
export function rightsFor(accesses: Iterable<Access>, type: 'dir' | 'file', abi: number): FsRight[] {
  const known = new Set(fsRightsOf(abi))
  const out: FsRight[] = []
  for (const right of fsRightsOf(NEWEST_ABI)) {
    if (!known.has(right) || (type === 'file' && !FILE_RIGHTS.has(right))) continue
    for (const a of accesses) if (RIGHTS_OF_ACCESS[a].includes(right) && !out.includes(right)) out.push(right)
  }
  return out
}

/** True when a rule's rights include what stands for the access (rights come in whole groups). */
export function grants(rights: readonly FsRight[], access: Access): boolean {
  return RIGHTS_OF_ACCESS[access].some((r) => rights.includes(r))
}
