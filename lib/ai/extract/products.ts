/**
 * Product words from an agent's business prompt, so "need" detection and replies follow what the
 * organization actually sells ("We install rooftop solar, batteries and EV chargers" → solar,
 * batteries, chargers …).
 */
const STOP = new Set(
  "the and for with our your their from that this into about over under than then them they we you are is be been have has had will would can could should small medium large businesses business companies company customers customer clients client homes homeowners owners people team teams switzerland swiss germany austria across also more most very just only other such each every offer offers provide provides providing install installs installing sell sells selling help helps make makes build builds plan plans based leading since years year service services solution solutions product products und für mit unsere unser ihre eine einen einem einer der die das den dem von zu zum zur im in auf bei wir sie ist sind werden wird auch sowie oder kunden firmen unternehmen schweiz".split(
    " ",
  ),
);

export function productWords(business: string): string[] {
  const words = business.toLowerCase().match(/[\p{L}][\p{L}-]{3,}/gu) ?? [];
  const out = new Set<string>();
  for (const w of words) {
    if (STOP.has(w)) continue;
    // Light stemming so "batteries" matches "battery" and "Wärmepumpen" matches "Wärmepumpe".
    out.add(w.length > 6 ? w.slice(0, w.length - 2) : w);
  }
  return [...out].slice(0, 40);
}
