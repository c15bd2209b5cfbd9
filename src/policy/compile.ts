// The whole lowering: a loaded profile to its policy and the plans the sandbox applies.
import type {LoadedProfile} from '../profile/load-profile.js'
import type {Layer} from '../profile/types.js'
import {concretise, type FsView} from './concretise.js'
import type {Plans, PlanWarning} from './plan-types.js'
import {planLandlock} from './plan-landlock.js'
import {planMounts} from './plan-mounts.js'
import {planSeccomp} from './plan-seccomp.js'
import {buildPolicy, type Policy} from './policy.js'
import {formatOrigin, originOf} from './origin.js'

export interface CompileOptions {
  /** Landlock ABI to lower for (the running kernel's, or the newest known). */
  readonly abi: number
  readonly fs: FsView
  readonly resolvePath?: (path: string) => string
  /** Session answers and other in-memory layers on top. */
  readonly extraLayers?: readonly Layer[]
}

export interface Compiled {
  readonly policy: Policy
  readonly plans: Plans
}

/** Build the policy from the layers, then lower it for the given ABI and file system. */
export function compileProfile(loaded: LoadedProfile, options: CompileOptions): Compiled {
  const layers = [...loaded.layers, ...(options.extraLayers ?? [])]
  const policy = buildPolicy(layers, options.resolvePath ? {resolvePath: options.resolvePath} : {})
  return {policy, plans: lowerPolicy(policy, loaded.sources, options)}
}

/** Lower a policy to plans: Landlock first, then the mounts that make the kernel agree with the policy. */
export function lowerPolicy(policy: Policy, sources: ReadonlyMap<string, string>, options: CompileOptions): Plans {
  const concrete = concretise(policy, options.fs)
  const landlock = planLandlock(concrete, options.fs, options.abi, sources)
  const mounts = planMounts(concrete, landlock.plan, options.fs, sources)
  const notEnforced: PlanWarning[] = policy.notEnforced.map((n) => {
    const origin = originOf(n.span, sources)
    return {code: 'NOT_ENFORCED', message: `${formatOrigin(origin)}: "${n.directive}" is not enforced`, ...(origin ? {origin} : {})}
  })
  return {
    landlock: landlock.plan,
    mounts: mounts.plan,
    seccomp: planSeccomp(),
    env: {unset: [...policy.envUnset]},
    warnings: [...landlock.warnings, ...mounts.warnings, ...notEnforced],
  }
}
