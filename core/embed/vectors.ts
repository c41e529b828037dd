/** Scales `vector` to unit length in place; an all-zero vector is left as it is. Returns `vector`. */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const x of vector) sum += x * x;
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum);
    for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) * scale;
  }
  return vector;
}

/** Splits a row-major `[rows, dims]` matrix into one unit-length vector per row, each with its own buffer. */
export function unitRows(data: ArrayLike<number>, rows: number, dims: number): Float32Array[] {
  if (data.length !== rows * dims) throw new Error(`Expected ${rows}×${dims} values, got ${data.length}.`);
  const out: Float32Array[] = [];
  for (let r = 0; r < rows; r++) {
    const row = new Float32Array(dims);
    for (let d = 0; d < dims; d++) row[d] = data[r * dims + d] ?? 0;
    out.push(normalizeInPlace(row));
  }
  return out;
}
