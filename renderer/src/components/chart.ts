/** Chart arithmetic shared by the dashboard's charts. */

/** Axis steps of 1, 2 or 5 × 10ⁿ (whole numbers: the charts count things), at most four above zero, the top at or above max. */
export function axisTicks(max: number): number[] {
  const rough = Math.max(max, 1) / 4;
  const power = Math.max(1, 10 ** Math.floor(Math.log10(rough)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}
