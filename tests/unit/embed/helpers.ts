import { expect } from 'vitest';

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

export function expectUnitVectors(vectors: readonly Float32Array[], dims: number): void {
  for (const vector of vectors) {
    expect(vector).toBeInstanceOf(Float32Array);
    expect(vector.length).toBe(dims);
    expect(vector.every(Number.isFinite)).toBe(true);
    expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
  }
}

export function maxAbsDifference(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  a.forEach((vector, i) => vector.forEach((x, j) => (max = Math.max(max, Math.abs(x - (b[i]?.[j] ?? NaN))))));
  return max;
}

export const MELANOMA = {
  question: 'Is surgery an option for metastatic melanoma?',
  related: 'Surgery can remove tumors in stage 4 melanoma alongside immunotherapy.',
  unrelated: 'The weather is sunny today',
} as const;

/** A paragraph of guideline-like prose longer than USE-lite's 128-token window. */
export const LONG_TEXT = Array.from(
  { length: 12 },
  (_, i) => `Stage ${(i % 4) + 1} colorectal cancer is treated with surgery, chemotherapy and, for some patients, radiation therapy to the pelvis.`,
).join(' ');
