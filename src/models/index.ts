/** Public API of the models stage: converted model files and the converter behind them. */
export { CATALOG, MODEL_NAMES, MOVENET_HEADS } from './catalog.ts';
export type { CatalogEntry, ModelName, TensorDoc } from './catalog.ts';
export { formatInstallLine, installModels } from './install.ts';
export type { InstallEntry, InstallOptions, InstallReport, InstallStatus } from './install.ts';
export { DEFAULT_MODELS_DIR, defaultModelsDir, modelPath, sidecarPath } from './paths.ts';
export { readSidecar } from './sidecar.ts';
export type { Sidecar } from './sidecar.ts';
export { convertGraph, convertGraphModel } from './tfjs/convert.ts';
export type { ConvertOptions, ConvertedGraph } from './tfjs/convert.ts';
export type { DynamicAxes, ShapeExample } from './tfjs/dynamic.ts';
export { loadGraphModel } from './tfjs/load.ts';
export { CONVERTER_VERSION } from './tfjs/version.ts';
