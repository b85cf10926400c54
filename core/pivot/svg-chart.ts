/**
 * A report's chart as SVG text: clustered bars for categories, lines for time, a zero baseline
 * (returns go below it), round axis ticks and a legend. Pure string building, no CDN and no DOM:
 * the UI inlines it, `carnet pivot --chart out.svg` writes it to a file.
 */

import type { ChartData } from './chart-data.js';

const PALETTE = ['#2f6fde', '#e07b39', '#3a9d5d', '#c2445a', '#8a5cc7', '#9a7b2f', '#2aa1b3', '#d16ba5', '#6b7a8f', '#b5a21a', '#5b8c2a', '#a34f2c'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Round tick step for a span: 1, 2 or 5 times a power of ten, about five ticks. */
export function niceStep(span: number): number {
  if (!(span > 0)) return 1;
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

function tickLabel(v: number, percent: boolean): string {
  if (percent) return `${Math.round(v * 1000) / 10}%`;
  const a = Math.abs(v);
  if (a >= 1e9) return `${Math.round(v / 1e8) / 10}G`;
  if (a >= 1e6) return `${Math.round(v / 1e5) / 10}M`;
  if (a >= 1e4) return `${Math.round(v / 100) / 10}k`;
  return String(Math.round(v * 100) / 100);
}

export function chartSvg(data: ChartData, size: { width: number; height: number } = { width: 640, height: 360 }): string {
  const { width, height } = size;
  const values = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const percent = data.series.length > 0 && data.series.every((s) => s.percent);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const step = niceStep(hi - lo || 1);
  const min = Math.floor(lo / step) * step;
  const max = Math.max(Math.ceil(hi / step) * step, min + step);
  const legendRows = Math.ceil(data.series.length / 4);
  const slanted = data.categories.length > 8 || data.categories.some((c) => c.length > 12);
  const top = 34;
  const left = 64;
  const right = 16;
  const bottom = (slanted ? 86 : 34) + legendRows * 18;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const y = (v: number) => top + plotH - ((v - min) / (max - min)) * plotH;
  const n = Math.max(1, data.categories.length);
  const band = plotW / n;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(data.title)}" font-family="system-ui, sans-serif" font-size="11">`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="600">${esc(data.title)}</text>`);
  for (let v = min; v <= max + step / 2; v += step) {
    const yy = y(v).toFixed(1);
    out.push(`<line x1="${left}" x2="${width - right}" y1="${yy}" y2="${yy}" stroke="${Math.abs(v) < step / 1e6 ? '#555' : '#e3e3e3'}"/>`);
    out.push(`<text x="${left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle" fill="#555">${esc(tickLabel(v, percent))}</text>`);
  }
  data.categories.forEach((c, i) => {
    const x = left + band * (i + 0.5);
    const label = esc(c.length > 24 ? `${c.slice(0, 23)}…` : c);
    if (slanted) out.push(`<text transform="translate(${x.toFixed(1)},${top + plotH + 10}) rotate(-40)" text-anchor="end" fill="#333">${label}</text>`);
    else out.push(`<text x="${x.toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" fill="#333">${label}</text>`);
  });
  const zero = y(0);
  if (data.kind === 'bar') {
    const k = Math.max(1, data.series.length);
    const barW = Math.max(1, (band * 0.8) / k);
    data.series.forEach((s, si) => {
      s.values.forEach((v, i) => {
        if (v === null || !Number.isFinite(v)) return;
        const x = left + band * i + band * 0.1 + barW * si;
        const y1 = Math.min(y(v), zero);
        const h = Math.abs(y(v) - zero);
        out.push(`<rect x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(h, 0.5).toFixed(1)}" fill="${PALETTE[si % PALETTE.length]}"><title>${esc(`${data.categories[i]} — ${s.name}: ${v}`)}</title></rect>`);
      });
    });
  } else {
    data.series.forEach((s, si) => {
      const color = PALETTE[si % PALETTE.length];
      // A gap (no record that month) breaks the line rather than dropping it to zero.
      let path = '';
      let pen = false;
      s.values.forEach((v, i) => {
        if (v === null || !Number.isFinite(v)) {
          pen = false;
          return;
        }
        const x = (left + band * (i + 0.5)).toFixed(1);
        path += `${pen ? 'L' : 'M'}${x},${y(v).toFixed(1)} `;
        pen = true;
        out.push(`<circle cx="${x}" cy="${y(v).toFixed(1)}" r="2.5" fill="${color}"><title>${esc(`${data.categories[i]} — ${s.name}: ${v}`)}</title></circle>`);
      });
      if (path) out.push(`<path d="${path.trim()}" fill="none" stroke="${color}" stroke-width="2"/>`);
    });
  }
  const legendTop = height - legendRows * 18 - 4;
  data.series.forEach((s, i) => {
    const x = left + (i % 4) * (plotW / 4);
    const yy = legendTop + Math.floor(i / 4) * 18;
    out.push(`<rect x="${x}" y="${yy}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/>`);
    out.push(`<text x="${x + 14}" y="${yy + 9}" fill="#333">${esc(s.name.length > 28 ? `${s.name.slice(0, 27)}…` : s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
