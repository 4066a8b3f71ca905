/** A `bars` block as a fixed-width text chart (shown in a code block, so the columns line up). */
export function barChart(bars: { label: string; value: number; max: number }[], width = 12, labelWidth = 24): string {
  const labels = bars.map((b) => (b.label.length > labelWidth ? `${b.label.slice(0, labelWidth - 1)}…` : b.label));
  const pad = Math.max(0, ...labels.map((l) => l.length));
  return bars
    .map((b, i) => {
      const share = b.max > 0 ? Math.min(1, Math.max(0, b.value / b.max)) : 0;
      const filled = Math.round(share * width);
      return `${labels[i]!.padEnd(pad)} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${b.value}/${b.max}`;
    })
    .join('\n');
}
