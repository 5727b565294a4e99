/**
 * The model on disk (`<globalStorage>/recs/model.bin`): one binary file, little-endian, so
 * that loading it is viewing typed arrays rather than parsing a megabyte of JSON numbers.
 *
 *   magic "LFRM", format version, byte length, checksum of what follows the first 16 bytes,
 *   the length of a JSON part (when trained, from what, the bias, the kept papers' ids,
 *   titles and kinds and how many buckets each has), padding to 4 bytes, then the idf and
 *   the weights (one f32 per bucket each), then the kept papers' vectors (u32 buckets, f32 values).
 *
 * A file that is short, of another version or fails its checksum is not used: the model is
 * trained again from the signals, which are never stored here.
 */
import { checksumWords } from '../checksum';
import { FEATURE_COUNT } from './features';
import { MODEL_VERSION, type ModelPositive, type RecModel, type SignalKind } from './recModel';

const MAGIC = 0x4d52464c; // "LFRM" read as u32 LE
const HEADER = 20;

interface MetaJson {
  trainedAt: string;
  signature: string;
  documents: number;
  negatives: number;
  bias: number;
  features: number;
  positives: { id: string; title: string; kind: SignalKind; length: number }[];
}

export class ModelFileError extends Error {}

export function encodeModel(model: RecModel): Uint8Array {
  const meta: MetaJson = {
    trainedAt: model.trainedAt,
    signature: model.signature,
    documents: model.documents,
    negatives: model.negatives,
    bias: model.bias,
    features: model.idf.length,
    positives: model.positives.map((p) => ({ id: p.id, title: p.title, kind: p.kind, length: p.vector.index.length })),
  };
  const json = new TextEncoder().encode(JSON.stringify(meta));
  const jsonEnd = align4(HEADER + json.length);
  const nnz = model.positives.reduce((n, p) => n + p.vector.index.length, 0);
  const total = jsonEnd + 4 * (2 * model.idf.length + 2 * nnz);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, MODEL_VERSION, true);
  view.setUint32(8, total, true);
  view.setUint32(16, json.length, true);
  bytes.set(json, HEADER);
  let at = jsonEnd;
  const put = (array: Float32Array | Uint32Array) => {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  };
  put(model.idf);
  put(model.weights);
  for (const p of model.positives) put(p.vector.index);
  for (const p of model.positives) put(p.vector.value);
  view.setUint32(12, checksum(bytes), true);
  return bytes;
}

/**
 * The model in `bytes`; throws `ModelFileError` when the file is not a whole model of this
 * version. `verify: false` skips the checksum, for bytes a worker has just encoded (no disk in
 * between): over 2 MiB it is the one part of decoding that costs milliseconds.
 */
export function decodeModel(bytes: Uint8Array, options: { verify?: boolean } = {}): RecModel {
  if (bytes.length < HEADER) throw new ModelFileError('the file is too short');
  // Typed arrays need aligned offsets: a Buffer from a pool may start anywhere.
  const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const view = new DataView(own.buffer, own.byteOffset, own.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new ModelFileError('not a LitFeed model');
  const version = view.getUint32(4, true);
  if (version !== MODEL_VERSION) throw new ModelFileError(`model format ${version}, expected ${MODEL_VERSION}`);
  // Every part is a multiple of 4 long: a length that is not is no file this code wrote.
  if (view.getUint32(8, true) !== own.length || own.length % 4 !== 0) {
    throw new ModelFileError('the file is cut short or too long');
  }
  if (options.verify !== false && view.getUint32(12, true) !== checksum(own)) {
    throw new ModelFileError('the checksum does not match');
  }
  const jsonLength = view.getUint32(16, true);
  let meta: MetaJson;
  try {
    meta = JSON.parse(new TextDecoder().decode(own.subarray(HEADER, HEADER + jsonLength))) as MetaJson;
  } catch {
    throw new ModelFileError('its description is not JSON');
  }
  if (meta.features !== FEATURE_COUNT || !Array.isArray(meta.positives)) {
    throw new ModelFileError('its features do not match this version');
  }
  let at = own.byteOffset + align4(HEADER + jsonLength);
  const floats = (n: number) => {
    const a = new Float32Array(own.buffer, at, n);
    at += 4 * n;
    return a;
  };
  const ints = (n: number) => {
    const a = new Uint32Array(own.buffer, at, n);
    at += 4 * n;
    return a;
  };
  const nnz = meta.positives.reduce((n, p) => n + p.length, 0);
  if (at - own.byteOffset + 4 * (2 * FEATURE_COUNT + 2 * nnz) !== own.length) {
    throw new ModelFileError('its parts do not add up');
  }
  const idf = floats(FEATURE_COUNT);
  const weights = floats(FEATURE_COUNT);
  const indices = meta.positives.map((p) => ints(p.length));
  const positives: ModelPositive[] = meta.positives.map((p, i) => ({
    id: p.id,
    title: p.title,
    kind: p.kind,
    vector: { index: indices[i], value: floats(p.length) },
  }));
  return {
    version,
    trainedAt: meta.trainedAt,
    signature: meta.signature,
    documents: meta.documents,
    negatives: meta.negatives,
    idf,
    weights,
    bias: meta.bias,
    positives,
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * The checksum of what follows the first 16 bytes (a whole number of 32-bit words: every part is
 * a multiple of 4 long). Read through a Uint32Array, not a DataView: the model is checked on the
 * window's thread when it is first used, and word by word through a view cost 20–30 ms cold.
 * Writer and reader are the same machine, so the platform's byte order is the file's. `bytes`
 * starts on a 4-byte boundary (`decodeModel` copies one that does not).
 */
function checksum(bytes: Uint8Array): number {
  return checksumWords(new Uint32Array(bytes.buffer, bytes.byteOffset + 16, (bytes.length - 16) / 4));
}
