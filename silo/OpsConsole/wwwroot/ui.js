// Helpers every page shares: element building, the error box, and who the viewer is (GET /console/me).
"use strict";
window.Ui = (() => {
  const $ = id => document.getElementById(id);

  function h(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes)) {
      if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
    }
    node.append(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
    return node;
  }

  const plain = (value, prefix) => (value || "").replace(prefix, "");
  const when = t => t ? new Date(t).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "-";
  const number = v => Number(v || 0);

  let onUnauthenticated = () => {};
  function showError(error) {
    const box = $("error");
    box.textContent = error instanceof Api.ApiError ? error.message : `Error: ${error.message || error}`;
    box.hidden = false;
    if (error instanceof Api.ApiError && error.status === 401) onUnauthenticated();
  }
  const clearError = () => { $("error").hidden = true; $("error").textContent = ""; };

  // The viewer's role and the operations it may call, fetched once per sign-in; pages offer only those actions.
  let viewer = null;
  const loadViewer = async () => (viewer ||= await Api.me());
  const forgetViewer = () => { viewer = null; };
  const may = operation => viewer !== null && viewer.operations.includes(operation);

  return { $, h, plain, when, number, showError, clearError, loadViewer, forgetViewer, may,
    set onUnauthenticated(f) { onUnauthenticated = f; } };
})();
