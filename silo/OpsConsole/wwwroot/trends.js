// The Trends page: GetReport over a date range, drawn as the report returns it (no number computed that the report
// does not give, except sums over the range).
"use strict";
window.TrendsPage = (() => {
  const { $, h, plain, number, showError, clearError } = Ui;

  async function render(page) {
    const today = new Date();
    const day = d => d.toISOString().slice(0, 10);
    const from = $("trends-from")?.value || day(new Date(today.getTime() - 13 * 86400000));
    const to = $("trends-to")?.value || day(new Date(today.getTime() + 86400000));
    const granularity = $("trends-granularity")?.value || "REPORT_GRANULARITY_DAY";
    const form = h("form", { onsubmit: async e => { e.preventDefault(); clearError(); try { await render(page); } catch (error) { showError(error); } } },
      h("label", {}, "From", h("input", { id: "trends-from", type: "date", value: from })),
      h("label", {}, "To (exclusive)", h("input", { id: "trends-to", type: "date", value: to })),
      h("label", {}, "Per", h("select", { id: "trends-granularity" },
        ["DAY", "WEEK", "MONTH", "TOTAL"].map(g => h("option", Object.assign({ value: "REPORT_GRANULARITY_" + g }, granularity.endsWith(g) ? { selected: "" } : {}), g.toLowerCase())))),
      h("button", { type: "submit" }, "Show"));
    page.replaceChildren(h("h1", {}, "Trends"), form);

    const report = await Api.getReport(from, to, granularity);
    const periods = report.periods || [];
    const labels = periods.map(p => p.start.slice(0, 10));
    const seriesBy = (pick, keyOf) => {
      const keys = [...new Set(periods.flatMap(p => (pick(p) || []).map(keyOf)))].sort();
      return keys.map(k => ({ name: k, values: periods.map(p => (pick(p) || []).filter(x => keyOf(x) === k).reduce((s, x) => s + number(x.count), 0)) }));
    };
    const recoverySeries = field => seriesBy(p => (p.recovery || []).map(r => ({ channel: r.channel, count: r[field] })), r => plain(r.channel, "RECOVERY_CHANNEL_"));
    const rules = [...new Set(periods.flatMap(p => (p.automaticRules || []).map(r => plain(r.rule, "LOCK_REASON_"))))].sort();
    const ruleOf = (p, rule) => (p.automaticRules || []).find(r => plain(r.rule, "LOCK_REASON_") === rule);
    // A period where nothing was labelled has no rate (the report says 0 there; see its labelled count).
    const rateSeries = rules.map(rule => ({ name: rule, values: periods.map(p => {
      const r = ruleOf(p, rule);
      return r && number(r.labelled) > 0 ? number(r.falsePositiveRate) : null;
    }) }));
    // Quality per agent and per vendor: the share of reviewed actions found correct, per period that has reviews.
    const qualitySeries = field => [...new Set(periods.flatMap(p => (p[field] || []).map(q => q.actor)))].sort().map(actor => ({ name: actor, values: periods.map(p => {
      const q = (p[field] || []).find(x => x.actor === actor);
      return q && number(q.reviewed) > 0 ? number(q.correctRate) : null;
    }) }));
    page.append(h("div", { class: "charts" },
      Charts.stacked("chart-locks-reason", "Locks placed per reason", labels, seriesBy(p => p.locksPlaced, l => plain(l.reason, "LOCK_REASON_"))),
      Charts.stacked("chart-locks-automatic", "Locks placed: automatic vs manual", labels, seriesBy(p => p.locksPlaced, l => l.automatic ? "automatic" : "manual")),
      Charts.rates("chart-false-positive-rate", "False-positive rate of automatic locks, per rule (of the labels given)", labels, rateSeries),
      Charts.rates("chart-agent-quality", "Quality per agent: share of reviewed actions correct", labels, qualitySeries("agentQuality")),
      Charts.rates("chart-vendor-quality", "Quality per vendor: share of reviewed actions correct", labels, qualitySeries("vendorQuality")),
      Charts.stacked("chart-locks-lifted", "Locks lifted, by how they ended", labels, seriesBy(p => p.locksLifted, l => plain(l.endedBy, "LOCK_END_").toLowerCase())),
      Charts.stacked("chart-recovery-started", "Recovery attempts started per channel", labels, recoverySeries("started")),
      Charts.stacked("chart-recovery-completed", "Recoveries completed per channel", labels, recoverySeries("completed"))));

    page.append(h("h2", {}, "Automatic rules over the range"),
      rules.length === 0 ? h("p", { class: "muted" }, "No automatic lock placed or labelled in this range.") :
        h("table", { id: "automatic-rules" }, h("tr", {}, ["Rule", "Locks placed", "Labelled", "False positive", "Confirmed compromise", "False-positive rate"].map(t => h("th", {}, t))),
          rules.map(rule => {
            const sum = field => periods.reduce((s, p) => s + number(ruleOf(p, rule)?.[field]), 0);
            const fp = sum("falsePositive"), cc = sum("confirmedCompromise");
            return h("tr", { "data-rule": rule }, h("td", {}, rule), h("td", {}, String(sum("locksPlaced"))), h("td", {}, String(sum("labelled"))),
              h("td", {}, String(fp)), h("td", {}, String(cc)), h("td", {}, fp + cc > 0 ? `${(100 * fp / (fp + cc)).toFixed(1)}%` : "-"));
          })));

    const quality = {};
    for (const q of periods.flatMap(p => [...(p.agentQuality || []), ...(p.vendorQuality || [])])) {
      const t = quality[`${q.role} ${q.actor}`] ||= { actor: q.actor, role: q.role, sampled: 0, reviewed: 0, correct: 0, incorrect: 0 };
      for (const k of ["sampled", "reviewed", "correct", "incorrect"]) t[k] += number(q[k]);
    }
    page.append(h("h2", {}, "Quality per agent and vendor over the range"),
      Object.keys(quality).length === 0 ? h("p", { class: "muted" }, "No agent or vendor action sampled in this range.") :
        h("table", { id: "quality" }, h("tr", {}, ["Actor", "Role", "Sampled", "Reviewed", "Correct", "Incorrect", "Correct rate"].map(t => h("th", {}, t))),
          Object.values(quality).sort((a, b) => a.role.localeCompare(b.role) || a.actor.localeCompare(b.actor)).map(q => h("tr", { "data-actor": q.actor },
            h("td", {}, q.actor), h("td", {}, q.role), ...["sampled", "reviewed", "correct", "incorrect"].map(k => h("td", {}, String(q[k]))),
            h("td", {}, q.correct + q.incorrect > 0 ? `${(100 * q.correct / (q.correct + q.incorrect)).toFixed(1)}%` : "-")))));

    const funnel = {};
    for (const r of periods.flatMap(p => p.recovery || [])) {
      const f = funnel[plain(r.channel, "RECOVERY_CHANNEL_")] ||= { started: 0, completed: 0, burned: 0, expired: 0 };
      for (const k of Object.keys(f)) f[k] += number(r[k]);
    }
    page.append(h("h2", {}, "Recovery funnel per channel"),
      h("table", { id: "recovery-funnel" }, h("tr", {}, ["Channel", "Started", "Completed", "Burned", "Expired"].map(t => h("th", {}, t))),
        Object.entries(funnel).map(([channel, f]) => h("tr", {}, h("td", {}, channel), ...["started", "completed", "burned", "expired"].map(k => h("td", {}, String(f[k])))))));
    const restored = periods.filter(p => p.compromisedToRecovery && number(p.compromisedToRecovery.count) > 0);
    page.append(h("h2", {}, "Time to restore (COMPROMISED lock to recovery)"),
      restored.length === 0 ? h("p", { class: "muted" }, "No compromised account recovered in this range.") :
        h("table", {}, h("tr", {}, ["Period", "Recovered", "Median", "p90"].map(t => h("th", {}, t))),
          restored.map(p => h("tr", {}, h("td", {}, p.start.slice(0, 10)), h("td", {}, String(p.compromisedToRecovery.count)),
            h("td", {}, p.compromisedToRecovery.median || "-"), h("td", {}, p.compromisedToRecovery.p90 || "-")))));
    const actors = {};
    for (const a of periods.flatMap(p => p.busiestActors || [])) actors[a.actor] = (actors[a.actor] || 0) + number(a.total);
    page.append(h("h2", {}, "Busiest agents, vendors and services"),
      h("table", { id: "busiest-actors" }, h("tr", {}, h("th", {}, "Actor"), h("th", {}, "Events")),
        Object.entries(actors).sort((a, b) => b[1] - a[1]).map(([actor, total]) => h("tr", {}, h("td", {}, actor), h("td", {}, String(total))))));
    return { periods, labels };
  }

  return { render };
})();
