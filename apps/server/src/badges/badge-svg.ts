const COLORS: Record<string, string> = {
  success: '#2da44e',
  failure: '#cf222e',
  canceled: '#6e7781',
  unknown: '#9f9f9f',
};
const WORDS: Record<string, string> = { success: 'passing', failure: 'failing', canceled: 'canceled', unknown: 'unknown' };

/** Approximate width of Verdana 11px text, enough for a badge. */
const widthOf = (text: string): number => Math.round(text.length * 6.5 + 10);

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A shields-style SVG: `<label> | passing` (green), `failing` (red), `canceled` (grey) or `unknown`. */
export function badgeSvg(label: string, status: string | undefined): string {
  const key = status !== undefined && status in WORDS ? status : 'unknown';
  const word = WORDS[key] ?? 'unknown';
  const color = COLORS[key] ?? '#9f9f9f';
  const left = widthOf(label);
  const right = widthOf(word);
  const total = left + right;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${escape(label)}: ${word}">`,
    `<title>${escape(label)}: ${word}</title>`,
    `<rect width="${left}" height="20" fill="#555"/>`,
    `<rect x="${left}" width="${right}" height="20" fill="${color}"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,sans-serif" font-size="11">`,
    `<text x="${left / 2}" y="14">${escape(label)}</text>`,
    `<text x="${left + right / 2}" y="14">${word}</text>`,
    `</g></svg>`,
  ].join('');
}
