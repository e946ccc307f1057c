/**
 * Save a chart as SVG or PNG, in the browser, from what is on screen.
 *
 * A recharts chart is an <svg> whose colours and fonts come from CSS (palette
 * variables, the page's font): copied as is, it would come out black on a
 * transparent ground. So every element's computed paint and font is written
 * onto the copy, the chart's title goes on top and its legend below, on the
 * chart's own background. The PNG is that SVG drawn on a canvas at 2× for a
 * crisp slide.
 */

/** One legend entry of the exported image. */
export interface ExportLegendEntry {
  label: string;
  color: string;
}

/** Options of {@link downloadChart}. */
export interface ChartExportOptions {
  format: 'png' | 'svg';
  /** File name without extension. */
  fileName: string;
  /** Printed above the chart. */
  title: string;
  legend: readonly ExportLegendEntry[];
  /** PNG pixels per CSS pixel. Default 2. */
  scale?: number;
}

/** Computed properties copied onto every element of the copy. */
const PAINT = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-size', 'font-family', 'font-weight', 'visibility'] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_H = 36;
const LEGEND_H = 30;

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** Resolve a colour written with CSS variables (`var(--color-api)`) against `scope`. */
function resolveColor(color: string, scope: Element): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  probe.style.display = 'none';
  scope.appendChild(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved || color;
}

/**
 * The chart inside `plot` (the element around recharts' container) as a
 * standalone SVG document, with `title` above and `legend` below.
 * @returns the SVG text and its size in CSS px.
 */
export function chartSvg(plot: HTMLElement, title: string, legend: readonly ExportLegendEntry[]): { svg: string; width: number; height: number } {
  const source = plot.querySelector<SVGSVGElement>('svg.recharts-surface') ?? plot.querySelector<SVGSVGElement>('svg');
  if (!source) throw new Error('No chart to export yet.');
  const box = source.getBoundingClientRect();
  const width = Math.round(box.width);
  const chartH = Math.round(box.height);
  const height = TITLE_H + chartH + LEGEND_H;
  const copy = source.cloneNode(true) as SVGSVGElement;
  const originals = [source, ...source.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  // Write each element's computed paint and font, but only where it differs from its parent's
  // (inheritance does the rest), and drop what only made sense on the page: classes, focus, CSS variables.
  const computed = new Map<Element, CSSStyleDeclaration>();
  originals.forEach((el, i) => {
    const target = copies[i] as SVGElement;
    const cs = getComputedStyle(el);
    computed.set(el, cs);
    const parent = el === source ? undefined : computed.get(el.parentElement!);
    const declarations = PAINT.filter((p) => !parent || parent.getPropertyValue(p) !== cs.getPropertyValue(p)).map((p) => `${p}:${cs.getPropertyValue(p)}`);
    if (declarations.length > 0) target.setAttribute('style', declarations.join(';'));
    else target.removeAttribute('style');
    for (const attr of ['class', 'tabindex', 'role']) target.removeAttribute(attr);
    for (const attr of ['fill', 'stroke']) if (target.getAttribute(attr)?.includes('var(')) target.removeAttribute(attr);
  });
  copy.setAttribute('x', '0');
  copy.setAttribute('y', String(TITLE_H));
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(chartH));

  const figure = plot.closest('figure') ?? plot;
  const figureStyle = getComputedStyle(figure);
  const background = figureStyle.backgroundColor && figureStyle.backgroundColor !== 'rgba(0, 0, 0, 0)' ? figureStyle.backgroundColor : '#ffffff';
  const ink = figureStyle.color || '#0f172a';
  const font = figureStyle.fontFamily;
  let x = 8;
  const legendItems = legend
    .map((entry) => {
      const color = resolveColor(entry.color, plot);
      const item = `<rect x="${x}" y="${TITLE_H + chartH + 9}" width="12" height="12" rx="2" fill="${escapeXml(color)}"/><text x="${x + 18}" y="${TITLE_H + chartH + 20}" font-size="14" fill="${escapeXml(ink)}">${escapeXml(entry.label)}</text>`;
      x += 30 + entry.label.length * 9;
      return item;
    })
    .join('');
  const outer = document.createElementNS(SVG_NS, 'svg');
  outer.setAttribute('xmlns', SVG_NS);
  outer.setAttribute('width', String(width));
  outer.setAttribute('height', String(height));
  outer.setAttribute('viewBox', `0 0 ${width} ${height}`);
  outer.setAttribute('font-family', font);
  outer.innerHTML = `<rect width="100%" height="100%" fill="${escapeXml(background)}"/><text x="8" y="24" font-size="20" font-weight="600" fill="${escapeXml(ink)}">${escapeXml(title)}</text>${legendItems}`;
  outer.appendChild(copy);
  return { svg: new XMLSerializer().serializeToString(outer), width, height };
}

/** Draw an SVG document on a canvas and encode it as PNG. */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas is not available.');
  ctx.scale(scale, scale);
  ctx.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed.'))), 'image/png'));
}

/** Hand a file to the browser's download manager. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Export the chart in `plot` as a PNG or SVG download. Failures are reported to the console, never thrown. */
export async function downloadChart(plot: HTMLElement, o: ChartExportOptions): Promise<void> {
  try {
    const { svg, width, height } = chartSvg(plot, o.title, o.legend);
    const blob = o.format === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg, width, height, o.scale ?? 2);
    saveBlob(blob, `${o.fileName}.${o.format}`);
  } catch (error) {
    console.warn('Chart export failed:', error);
  }
}
