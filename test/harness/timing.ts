
/** The q-quantile of sorted values (linear interpolation). */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const MIN_TOLERANCE_MS = 0.05;

export interface TimingComparison {
  /** median of the paired differences a[i] - b[i], in ms */
  medianDiffMs: number;
  /**
   * what noise alone can explain: 4 standard errors of that median, estimated from the IQR,
   * and at least `minToleranceMs` (50 µs by default: systematic effects that small, such as
   * one row parsed or not, are beyond what requests can resolve here)
   */
  toleranceMs: number;
  iqrMs: number;
  n: number;
}

/**
 * Compares two interleaved series of durations by their paired differences (pairing cancels
 * drift on a busy machine). The median and IQR are robust to the outliers a shared machine
 * produces; the standard error of a median is about 1.2533 σ / √n, with σ ≈ IQR / 1.349.
 */
export function compareTimings(a: readonly number[], b: readonly number[], minToleranceMs = MIN_TOLERANCE_MS): TimingComparison {
  if (a.length !== b.length || a.length < 20) throw new Error('compareTimings needs two series of the same length (≥ 20)');
  const diffs = a.map((x, i) => x - b[i]).sort((x, y) => x - y);
  const iqr = quantile(diffs, 0.75) - quantile(diffs, 0.25);
  const n = diffs.length;
  const standardError = (1.2533 * iqr) / 1.349 / Math.sqrt(n);
  return { medianDiffMs: quantile(diffs, 0.5), toleranceMs: Math.max(4 * standardError, minToleranceMs), iqrMs: iqr, n };
}

/** Something that sends one request and resolves to its response's status. */
export type Send = () => PromiseLike<{ status: number }>;

/**
 * Times `n` interleaved pairs of requests, alternating which of the two goes first. Returns
 * the durations in ms and the statuses seen (tagged a: / b:).
 */
export async function timePairs(n: number, first: Send, second: Send): Promise<{ a: number[]; b: number[]; statuses: Set<string> }> {
  const a: number[] = [];
  const b: number[] = [];
  const statuses = new Set<string>();
  const time = async (send: Send, into: number[], tag: string) => {
    const start = process.hrtime.bigint();
    const res = await send();
    into.push(Number(process.hrtime.bigint() - start) / 1e6);
    statuses.add(`${tag}:${res.status}`);
  };
  for (let i = 0; i < n; i++) {
    if (i % 2) {
      await time(first, a, 'a');
      await time(second, b, 'b');
    } else {
      await time(second, b, 'b');
      await time(first, a, 'a');
    }
  }
  return { a, b, statuses };
}
