/** Measures a string's width in CSS pixels. */
export type MeasureText = (text: string) => number;

/**
 * Splits `text` into lines no wider than `maxWidth`, breaking after `_ . / - :` or a space where
 * one fits, else between any two characters. Joined, the lines are `text` unchanged: nothing is
 * cut or elided, so a label stays whole however narrow its room.
 */
export function wrapLabel(text: string, maxWidth: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > 0 && measure(rest) > maxWidth) {
    let fit = 1;
    while (fit < rest.length && measure(rest.slice(0, fit + 1)) <= maxWidth) fit++;
    const head = rest.slice(0, fit);
    const soft = Math.max(...['_', '.', '/', '-', ':', ' '].map((c) => head.lastIndexOf(c)));
    const cut = soft > 0 && fit < rest.length ? soft + 1 : fit;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || lines.length === 0) lines.push(rest);
  return lines;
}

const cache = new Map<string, MeasureText>();

/**
 * A {@link MeasureText} for SVG text drawn with class `textClass` inside an `<svg class={svgClass}>`:
 * it measures in a hidden SVG of those classes, so the page's own CSS (font, size, weight) applies
 * and a label can be laid out, exactly, before it is drawn.
 */
export function svgTextMeasurer(svgClass: string, textClass: string): MeasureText {
  const key = `${svgClass} ${textClass}`;
  let measure = cache.get(key);
  if (!measure) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', svgClass);
    svg.setAttribute('aria-hidden', 'true');
    svg.style.cssText = 'position:absolute;left:-10000px;top:0;width:0;height:0;visibility:hidden';
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('class', textClass);
    svg.appendChild(text);
    document.body.appendChild(svg);
    const widths = new Map<string, number>();
    measure = (value) => {
      let width = widths.get(value);
      if (width === undefined) {
        text.textContent = value;
        width = text.getComputedTextLength();
        widths.set(value, width);
      }
      return width;
    };
    cache.set(key, measure);
  }
  return measure;
}
