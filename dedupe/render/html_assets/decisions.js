// dedupe review page: recording an editor's decisions (dedupe.decisions/1).
// The popup (report.js) gains a form: take a witness's reading, type one, or
// delete, with a note. Decisions are kept in localStorage under the
// collation's key, shown in the text, and exported as a decisions file for
// `dedupe compare ... --decisions FILE`. Witness text enters as text nodes only.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("data").textContent);
  const variants = data.variants;
  const units = data.units;
  const info = data.decisions;
  const pop = document.getElementById("pop");
  const exportButton = document.getElementById("export-decisions");
  const storeKey = "dedupe.decisions:" + info.key;
  const byId = new Map();
  variants.forEach((v, i) => { if (v.id) byId.set(v.id, i); });
  const unitOf = new Int32Array(variants.length);
  units.forEach((u, ui) => u.c.forEach((c) => { if (typeof c === "number") unitOf[c] = ui; }));

  // id -> {reading, note, context}; null where the editor cleared a decision.
  const made = new Map();
  for (const d of info.made) made.set(d.id, { reading: d.reading, note: d.note || "", context: d.context || {} });
  try {
    const kept = JSON.parse(localStorage.getItem(storeKey) || "{}");
    for (const [id, d] of Object.entries(kept)) made.set(id, d);
  } catch (err) { /* storage unavailable (a file: page in some browsers): work without */ }

  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(Object.fromEntries(made))); } catch (err) { /* as above */ }
    refresh();
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function textOf(c) { return typeof c === "string" ? c : variants[c].t; }

  // What a person needs to recognise the place in the file: words around it, the readings.
  function context(vi) {
    const cols = units[unitOf[vi]].c;
    const at = cols.indexOf(vi);
    const before = cols.slice(0, at).map(textOf).join(" ").split(/\s+/).filter(Boolean).slice(-5);
    const after = cols.slice(at + 1).map(textOf).join(" ").split(/\s+/).filter(Boolean).slice(0, 5);
    const readings = [...new Set(variants[vi].raw)].sort();
    return { before: before.join(" "), after: after.join(" "), readings: readings };
  }

  function decide(vi, reading, note) {
    const v = variants[vi];
    made.set(v.id, { reading: reading, note: note || "", context: context(vi) });
    save();
    if (+pop.dataset.v === vi) form(vi);
  }

  function current(id) { const d = made.get(id); return d && d.reading !== undefined ? d : null; }

  // The canonical text shows each decided reading in place of the decision.
  function showMark(m) {
    if (!m.closest("#text, #notes")) return;
    const v = variants[+m.dataset.v];
    if (!v || !v.id) return;
    const d = current(v.id);
    if (m.dataset.orig === undefined) m.dataset.orig = m.textContent;
    const text = d ? d.reading : m.dataset.orig;
    m.textContent = text;
    m.classList.toggle("empty", !text);
    m.classList.toggle("decided", !!d);
  }
  function refresh() {
    document.querySelectorAll("#text mark.v, #notes mark.v").forEach(showMark);
    const count = [...made.values()].filter((d) => d && d.reading !== undefined).length;
    exportButton.textContent = "Export decisions (" + count + ")";
    removalButtons();
  }
  new MutationObserver((records) => {
    for (const r of records) for (const node of r.addedNodes) {
      if (node.nodeType === 1) node.querySelectorAll("mark.v").forEach(showMark);
    }
  }).observe(document.querySelector("main"), { childList: true, subtree: true });

  // The form under the popup's readings.
  function form(vi) {
    const v = variants[vi];
    pop.querySelectorAll(".decide").forEach((x) => x.remove());
    if (!v.id) return;
    const d = current(v.id);
    const box = el("form", "decide");
    box.dataset.id = v.id;
    const state = el("p", "decided-as");
    if (d) state.append("Editor's reading: ", el("b", null, d.reading || "(deleted)"), d.note ? " · " + d.note : "");
    else state.append("Your decision:");
    box.append(state);
    const note = el("input", "note");
    note.type = "text";
    note.placeholder = "note (optional)";
    note.value = d ? d.note : "";
    const choices = el("div", "choices");
    v.r.forEach(([text, wits], k) => {
      const b = el("button", "take", (k + 1) + " · " + (text || "(nothing)") + " — " + wits.join(", "));
      b.type = "button";
      b.dataset.k = k;
      b.addEventListener("click", () => decide(vi, v.raw[k], note.value));
      choices.append(b);
    });
    const own = el("input", "own");
    own.type = "text";
    own.placeholder = "type a reading";
    own.value = d && !v.raw.includes(d.reading) ? d.reading : "";
    const use = el("button", "use-own", "use typed");
    use.type = "submit";
    const del = el("button", "delete", "delete");
    del.type = "button";
    del.title = "the canonical text has nothing here";
    del.addEventListener("click", () => decide(vi, "", note.value));
    const clear = el("button", "clear", "undo");
    clear.type = "button";
    clear.disabled = !d;
    clear.addEventListener("click", () => { made.set(v.id, null); save(); form(vi); });
    box.addEventListener("submit", (e) => { e.preventDefault(); decide(vi, own.value, note.value); });
    box.append(choices, own, use, del, clear, note);
    const keys = el("p", "keys");
    keys.append("keys: 1–9 take a reading, t type, d delete, n / p next / previous");
    box.append(keys);
    pop.append(box);
  }
  new MutationObserver(() => {
    if (!pop.hidden && !pop.querySelector(".decide") && pop.dataset.v !== undefined) form(+pop.dataset.v);
  }).observe(pop, { childList: true, attributes: true, attributeFilter: ["hidden"] });

  document.addEventListener("keydown", (e) => {
    if (pop.hidden || e.target.closest("input, textarea, select") || e.altKey || e.ctrlKey || e.metaKey) return;
    const vi = +pop.dataset.v;
    const v = variants[vi];
    if (!v || !v.id) return;
    if (/^[1-9]$/.test(e.key) && +e.key <= v.r.length) { e.preventDefault(); decide(vi, v.raw[+e.key - 1], pop.querySelector(".decide .note").value); }
    else if (e.key === "d") { e.preventDefault(); decide(vi, "", pop.querySelector(".decide .note").value); }
    else if (e.key === "t") { e.preventDefault(); pop.querySelector(".decide .own").focus(); }
  });

  // Removed layout noise: a button per row restores it (a decision on its variant).
  function removalButtons() {
    document.querySelectorAll("#view-removed tr[data-id]").forEach((tr) => {
      const id = tr.dataset.id;
      const removal = info.removals[id];
      if (!removal) return;
      let cell = tr.querySelector("td.restore");
      if (!cell) { cell = el("td", "restore"); tr.append(cell); }
      const d = current(id);
      const b = el("button", "restore", d ? "undo restore" : "restore");
      b.type = "button";
      b.title = "keep this text in the canonical edition";
      b.addEventListener("click", () => {
        made.set(id, d ? null : { reading: removal.reading, note: "", context: removal.context });
        save();
      });
      cell.replaceChildren(b);
      tr.classList.toggle("restored", !!d);
    });
  }

  function decisionsFile() {
    const list = [];
    for (const [id, d] of made) {
      if (!d || d.reading === undefined) continue;
      const item = { id: id, reading: d.reading };
      if (d.note) item.note = d.note;
      item.context = d.context || {};
      list.push(item);
    }
    return { schema: info.schema, decisions: list };
  }
  exportButton.addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(decisionsFile(), null, 2) + "\n"], { type: "application/json" });
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = "decisions.json";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  refresh();
  document.documentElement.dataset.decisionsReady = "1";
})();
