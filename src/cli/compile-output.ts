// `landjail compile` output: JSON for tools, text for people; both deterministic.
import type {LoadedProfile} from '../profile/load-profile.js'
import type {Compiled} from '../policy/compile.js'
import {where} from './explain-text.js'

/** Plain data: layers, the policy's rules and settings, and the plans as the sandbox applies them. */
export function compiledJson(loaded: LoadedProfile, {policy, plans}: Compiled): unknown {
  return {
    profile: {name: loaded.name, file: loaded.file},
    layers: policy.layers.map((l, i) => ({layer: i + 1, kind: l.kind, name: l.name, file: l.file, rules: l.rules.length})),
    policy: {
      unknown: policy.unknown,
      command: policy.command ?? null,
      network: policy.network,
      private: policy.private,
      envUnset: policy.envUnset,
      ipc: policy.ipc,
      rules: policy.rules.map((r) => ({
        layer: r.layer + 1, access: r.access, effect: r.effect, kind: r.kind, path: r.path, written: r.written, at: where(loaded, r.span),
      })),
    },
    plans,
  }
}

/** A readable summary of the same. */
export function compiledText(loaded: LoadedProfile, {policy, plans}: Compiled): string {
  const out = [`profile ${loaded.name} (${loaded.file})`, 'layers:']
  policy.layers.forEach((l, i) => out.push(`  ${i + 1}. ${l.kind} ${l.name}: ${l.file} (${l.rules.length} rules)`))
  out.push(`unknown: ${policy.unknown}`, `landlock (ABI ${plans.landlock.abi}):`)
  for (const r of plans.landlock.pathRules) out.push(`  ${r.path}: ${r.rights.join(' ')}`)
  for (const r of plans.landlock.netRules) out.push(`  tcp ${r.port}: ${r.rights.join(' ')}`)
  if (plans.landlock.scoped.length) out.push(`  scoped: ${plans.landlock.scoped.join(' ')}`)
  out.push('mounts:')
  if (plans.mounts.unshareNet) out.push('  own network namespace (no network)')
  for (const op of plans.mounts.ops) {
    const detail = op.kind === 'hide' ? ` (${op.type}${op.traverse ? ', traversable' : ''})` : op.kind === 'bind' ? (op.readonly ? ' (read-only)' : ' (read-write)') : ''
    out.push(`  ${op.kind} ${op.path}${detail}${op.origin ? `  <- ${op.origin.file}:${op.origin.line}` : ''}`)
  }
  out.push(`seccomp: deny ${plans.seccomp.deny.map((d) => d.syscall).join(' ')}; ioctl ${plans.seccomp.denyIoctls.join(' ')}`)
  if (plans.env.unset.length) out.push(`env unset: ${plans.env.unset.join(' ')}`)
  for (const w of plans.warnings) out.push(`warning ${w.code}: ${w.message}`)
  return out.join('\n')
}
