/** The "how each figure is measured" section of docs/benchmarks.md. */
export const METHODS = ['(to be written)'];
