// Stacked bar charts in plain SVG: one bar per period, one colour per series. Each segment carries its number
// (data-series, data-label, data-value and a tooltip) so what is drawn can be read back exactly.
"use strict";
window.Charts = (() => {
  const ns = "http://www.w3.org/2000/svg";
  const palette = ["#1f6feb", "#c62828", "#2e7d32", "#e08a00", "#6f42c1", "#00838f", "#8d6e63", "#ad1457"];

  function el(name, attributes, text) {
    const node = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function chartCard(id, title) {
    const card = document.createElement("div");
    card.className = "card chart";
    card.id = id;
    const heading = document.createElement("h2");
    heading.textContent = title;
    card.append(heading);
    return card;
  }

  // One swatch per series, labelled by caption(series); `empty` when there is no series.
  function legendOf(series, caption, empty) {
    const legend = document.createElement("div");
    legend.className = "legend";
    series.forEach((s, k) => {
      const item = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.style.background = palette[k % palette.length];
      item.append(swatch, caption(s));
      legend.append(item);
    });
    if (series.length === 0) legend.textContent = empty;
    return legend;
  }

  // labels: the x axis (periods); series: [{ name, values: [number per label] }].
  function stacked(id, title, labels, series) {
    const card = chartCard(id, title);

    const width = 460, height = 220, left = 36, bottom = 40, top = 10;
    const totals = labels.map((_, i) => series.reduce((sum, s) => sum + s.values[i], 0));
    const max = Math.max(1, ...totals);
    const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": title });
    const plotHeight = height - bottom - top;
    const step = (width - left) / Math.max(1, labels.length);
    const barWidth = Math.max(4, step * 0.7);

    for (const tick of max >= 2 ? [0, Math.round(max / 2), max] : [0, max]) {
      const y = top + plotHeight - (tick / max) * plotHeight;
      svg.append(el("line", { x1: left, x2: width, y1: y, y2: y, stroke: "#d7dde4" }));
      svg.append(el("text", { x: left - 4, y: y + 4, "text-anchor": "end" }, String(Math.round(tick))));
    }

    labels.forEach((label, i) => {
      let y = top + plotHeight;
      const x = left + i * step + (step - barWidth) / 2;
      series.forEach((s, k) => {
        const value = s.values[i];
        if (value <= 0) return;
        const h = (value / max) * plotHeight;
        y -= h;
        const rect = el("rect", { x, y, width: barWidth, height: h, fill: palette[k % palette.length],
          "data-series": s.name, "data-label": label, "data-value": value });
        rect.append(el("title", {}, `${label} ${s.name}: ${value}`));
        svg.append(rect);
      });
      if (labels.length <= 16 || i % Math.ceil(labels.length / 16) === 0) {
        svg.append(el("text", { x: x + barWidth / 2, y: height - bottom + 14, "text-anchor": "middle" }, label.slice(5)));
      }
    });
    card.append(svg);

    card.append(legendOf(series, (s) => `${s.name} (${s.values.reduce((a, b) => a + b, 0)})`, "No events in this range."));
    return card;
  }

  // Rates (0..1) side by side, one bar per series in each period, on a 0-100 % axis; a period without a value
  // (null: nothing to rate) draws no bar. Each bar carries the rate as given (data-value) and as a percentage.
  function rates(id, title, labels, series) {
    const card = chartCard(id, title);

    const width = 460, height = 220, left = 36, bottom = 40, top = 10;
    const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": title });
    const plotHeight = height - bottom - top;
    const step = (width - left) / Math.max(1, labels.length);
    const barWidth = Math.max(3, (step * 0.7) / Math.max(1, series.length));
    for (const tick of [0, 0.5, 1]) {
      const y = top + plotHeight - tick * plotHeight;
      svg.append(el("line", { x1: left, x2: width, y1: y, y2: y, stroke: "#d7dde4" }));
      svg.append(el("text", { x: left - 4, y: y + 4, "text-anchor": "end" }, `${tick * 100}%`));
    }
    labels.forEach((label, i) => {
      const x0 = left + i * step + (step - barWidth * series.length) / 2;
      series.forEach((s, k) => {
        const value = s.values[i];
        if (value === null || value === undefined) return;
        const h = Math.max(1, value * plotHeight);
        const rect = el("rect", { x: x0 + k * barWidth, y: top + plotHeight - h, width: barWidth, height: h, fill: palette[k % palette.length],
          "data-series": s.name, "data-label": label, "data-value": value });
        rect.append(el("title", {}, `${label} ${s.name}: ${(value * 100).toFixed(1)}%`));
        svg.append(rect);
      });
      if (labels.length <= 16 || i % Math.ceil(labels.length / 16) === 0) {
        svg.append(el("text", { x: left + i * step + step / 2, y: height - bottom + 14, "text-anchor": "middle" }, label.slice(5)));
      }
    });
    card.append(svg);
    card.append(legendOf(series, (s) => s.name, "Nothing labelled in this range."));
    return card;
  }

  return { stacked, rates };
})();
