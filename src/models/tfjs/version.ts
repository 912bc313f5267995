/**
 * Version of the converter's output. Bump it whenever a change to src/models/onnx or
 * src/models/tfjs can change the ONNX it writes: `models install` then reconverts.
 */
export const CONVERTER_VERSION = '1';
