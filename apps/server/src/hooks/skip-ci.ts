const SKIP = /\[(skip ci|ci skip|no ci|skip ritmo|ritmo skip)\]/i;

/** True when a commit message asks for no build: `[skip ci]`, `[ci skip]`, `[no ci]` or `[skip ritmo]`. */
export function skipsCi(message: string | null | undefined): boolean {
  return message != null && SKIP.test(message);
}
