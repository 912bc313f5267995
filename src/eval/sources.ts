/**
 * A scenario's source: the dataset or repository it comes from, read from its file name's prefix
 * (`fallset_Subject_1_Fall_13` -> `fallset`, `demo_car-detection` -> `demo`). Clips of one source
 * share cameras, scenes and people, so leave-one-source-out scores hold each one out whole.
 * A name without a separator is its own source; `IMG_*` stills form one source.
 */
export function sourceOf(scenarioName: string): string {
  const m = /^([^_-]+)[_-]/.exec(scenarioName);
  return (m?.[1] ?? scenarioName).toLowerCase();
}
