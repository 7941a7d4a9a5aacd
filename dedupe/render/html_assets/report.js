// dedupe review page. Witness text only ever enters the page as text nodes.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("data").textContent);
  const units = data.units;
  const variants = data.variants;
  const witnesses = data.witnesses;
  const CHUNK = 40;
  const hidden = new Set();
  const pop = document.getElementById("pop");
  const variantUnit = new Int32Array(variants.length);
  units.forEach((u, ui) => u.c.forEach((c) => { if (typeof c === "number") variantUnit[c] = ui; }));
  const bodyUnits = [];
  const noteUnits = [];
  units.forEach((u, ui) => (u.s === "n" ? noteUnits : bodyUnits).push(ui));
  const reviews = [];
  variants.forEach((v, i) => { if (v.rev) reviews.push(i); });

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function chip(wid) {
    const i = witnesses.findIndex((w) => w.id === wid);
    const node = el("span", "wid w" + (i % data.palette), wid);
    node.title = witnesses[i].label;
    return node;
  }

  function mark(vi, text, extra) {
    const v = variants[vi];
    const m = el("mark", "v k-" + v.k + (v.rev ? " rev" : "") + (v.pb ? " pb" : "") + (extra || ""));
    if (text) m.textContent = text;
    else m.classList.add("empty");
    m.dataset.v = vi;
    m.dataset.sym = data.symbols[v.k] || "";
    if (hidden.has(v.k)) m.classList.add("off");
    else m.tabIndex = 0;
    return m;
  }

  function readingOf(v, wid) {
    for (const [text, wits] of v.r) if (wits.includes(wid)) return text;
    return "";
  }

  // Footnote markers in the canonical text link to their notes.
  const noteOf = new Map();
  noteUnits.forEach((ui) => { if (units[ui].n !== null && !noteOf.has(units[ui].n)) noteOf.set(units[ui].n, ui); });
  const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  const MARKER = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^?(\d{1,3})\](?![(:])|\^(\d{1,3})\b/g;
  function withMarkers(node, text) {
    let last = 0;
    for (const m of text.matchAll(MARKER)) {
      const n = +(m[1] || m[2] || [...m[0]].map((c) => SUPERSCRIPTS.indexOf(c)).join(""));
      if (!noteOf.has(n)) continue;
      node.append(text.slice(last, m.index));
      const link = el("a", "fn", m[0]);
      link.href = "#";
      link.dataset.n = n;
      link.title = "note " + n;
      node.append(link);
      last = m.index + m[0].length;
    }
    node.append(text.slice(last));
  }

  // Append columns to a node: runs of shared words as one text node.
  function fill(node, cols, wid, markers) {
    let run = [];
    const flush = () => {
      const text = run.length ? run.join(" ") + " " : "";
      if (text && markers) withMarkers(node, text);
      else if (text) node.append(document.createTextNode(text));
      run = [];
    };
    for (const c of cols) {
      if (typeof c === "string") { run.push(c); continue; }
      flush();
      const v = variants[c];
      const text = wid ? readingOf(v, wid) : v.t;
      node.append(mark(c, text, wid && text === v.t ? " same" : ""), " ");
    }
    flush();
  }

  function canonUnit(ui) {
    const u = units[ui];
    const node = el(u.k === "h" ? "h2" : "p", "u " + u.k + (u.s === "n" ? " note" : "") + (u.m ? " moved" : ""));
    node.dataset.u = ui;
    if (u.s === "n" && u.n !== null) node.append(el("span", "n", String(u.n)));
    fill(node, u.c, null, u.s === "b" && noteOf.size > 0);
    return node;
  }

  function witnessUnit(wid, ui) {
    const u = units[ui];
    const node = el("div", "row");
    node.dataset.u = ui;
    if (u.s === "n" && u.n !== null) node.append(el("span", "n", String(u.n)));
    if (!u.w.includes(wid)) {
      node.classList.add("missing");
      node.append("— not in this witness —");
    } else {
      fill(node, u.c, wid);
    }
    return node;
  }

  function estimate(ids, perLine) {
    let px = 0;
    for (const ui of ids) {
      let chars = 0;
      for (const c of units[ui].c) chars += (typeof c === "string" ? c.length : variants[c].t.length) + 1;
      px += Math.ceil(chars / perLine) * 26 + 16;
    }
    return px;
  }

  // Units built a chunk at a time, when the chunk comes near the visible area.
  class Lazy {
    constructor(container, ids, build, root, perLine, onRender) {
      this.build = build;
      this.onRender = onRender;
      this.chunks = [];
      this.chunkOf = new Map();
      this.rows = new Map();
      this.io = new IntersectionObserver((entries) => {
        for (const e of entries) if (e.isIntersecting) this.render(+e.target.dataset.k);
      }, { root: root, rootMargin: "1500px 0px" });
      for (let i = 0; i < ids.length; i += CHUNK) {
        const k = this.chunks.length;
        const part = ids.slice(i, i + CHUNK);
        const node = el("div", "chunk");
        node.dataset.k = k;
        node.style.minHeight = estimate(part, perLine) + "px";
        container.append(node);
        this.chunks.push({ node: node, ids: part, done: false });
        part.forEach((ui) => this.chunkOf.set(ui, k));
        this.io.observe(node);
      }
    }
    render(k) {
      const chunk = this.chunks[k];
      if (!chunk || chunk.done) return;
      chunk.done = true;
      const frag = document.createDocumentFragment();
      for (const ui of chunk.ids) {
        const row = this.build(ui);
        this.rows.set(ui, row);
        frag.append(row);
      }
      chunk.node.append(frag);
      chunk.node.style.minHeight = "";
      this.io.unobserve(chunk.node);
      if (this.onRender) this.onRender(k);
    }
    renderAll() { this.chunks.forEach((_, k) => this.render(k)); }
    stop() { this.io.disconnect(); }
    row(ui) {
      const k = this.chunkOf.get(ui);
      if (k === undefined) return null;
      this.render(k);
      return this.rows.get(ui);
    }
    // The unit at the top of a scroller and how far into it the top is.
    top(scroller) {
      const y = scroller.scrollTop;
      for (let k = 0; k < this.chunks.length; k++) {
        const chunk = this.chunks[k];
        if (chunk.node.offsetTop + chunk.node.offsetHeight <= y) continue;
        this.render(k);
        for (const ui of chunk.ids) {
          const row = this.rows.get(ui);
          if (row.offsetTop + row.offsetHeight > y) {
            return [ui, Math.max(0, (y - row.offsetTop) / Math.max(1, row.offsetHeight))];
          }
        }
      }
      return null;
    }
  }

  function scrollRoot(node) {
    const overflow = getComputedStyle(node).overflowY;
    return overflow === "auto" || overflow === "scroll" ? node : null;
  }

  // Canonical text and notes.
  const textView = document.getElementById("view-text");
  const root = scrollRoot(textView);
  const textLazy = new Lazy(document.getElementById("text"), bodyUnits, canonUnit, root, 90);
  const notesLazy = new Lazy(document.getElementById("notes"), noteUnits, canonUnit, root, 100);
  document.getElementById("notes-head").hidden = noteUnits.length === 0;
  textLazy.render(0);

  // Side by side: one pane per chosen witness (all of a few, else the reader's
  // pick of up to data.sidesMax), scrolled together unit by unit.
  let sides = null;
  const chosen = witnesses.slice(0, witnesses.length <= data.sidesMax ? witnesses.length : 2).map((w) => w.id);
  const pick = document.getElementById("pick");
  const boxes = witnesses.map((w) => {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.dataset.w = w.id;
    box.checked = chosen.includes(w.id);
    label.title = w.label;
    label.append(box, " ", chip(w.id));
    pick.append(label);
    box.addEventListener("change", () => {
      if (box.checked) chosen.push(w.id);
      else chosen.splice(chosen.indexOf(w.id), 1);
      choose();
    });
    return box;
  });
  function choose() {
    const full = chosen.length >= data.sidesMax;
    for (const box of boxes) {
      box.disabled = (full && !box.checked) || (box.checked && chosen.length === 1);
    }
    if (!sides) return;
    const at = sides.length ? sides[0].lazy.top(sides[0].scroller) : null;
    for (const side of sides) side.lazy.stop();
    document.getElementById("sides").replaceChildren();
    buildSides();
    if (at) {
      const row = sides[0].lazy.row(at[0]);
      if (row) sides[0].scroller.scrollTop = row.offsetTop + at[1] * row.offsetHeight;
      follow(sides[0]);
    }
  }
  choose();
  window.addEventListener("resize", () => sides && sides[0].lazy.chunks.forEach((c, k) => c.done && level(k)));
  function buildSides() {
    const box = document.getElementById("sides");
    const ids = bodyUnits.concat(noteUnits);
    const order = witnesses.filter((w) => chosen.includes(w.id));
    sides = order.map((w, i) => {
      const pane = el("section", "pane");
      pane.dataset.w = w.id;
      const head = el("h2");
      head.title = w.label;
      head.append(chip(w.id), " " + w.label);
      const scroller = el("div", "scroller");
      scroller.style.position = "relative";
      pane.append(head, scroller);
      box.append(pane);
      const lazy = new Lazy(scroller, ids, (ui) => witnessUnit(w.id, ui), scroller, 60, together);
      return { wid: w.id, scroller: scroller, lazy: lazy, index: i };
    });
    sides[0].lazy.render(0);
    let leader = sides[0];
    let queued = false;
    for (const side of sides) {
      for (const ev of ["wheel", "pointerdown", "touchstart", "keydown", "mouseenter", "focusin"]) {
        side.scroller.addEventListener(ev, () => { leader = side; }, { passive: true });
      }
      side.scroller.addEventListener("scroll", () => {
        if (side !== leader || queued) return;
        queued = true;
        requestAnimationFrame(() => { queued = false; follow(leader); });
      }, { passive: true });
    }
  }
  // A chunk built in one pane is built in all, each unit as tall as its tallest
  // witness, so that the panes' paragraphs stay side by side.
  function together(k) {
    if (!sides) return;
    for (const side of sides) if (!side.lazy.chunks[k].done) return side.lazy.render(k);
    level(k); // the last pane to build it levels the rows
  }
  function level(k) {
    for (const ui of sides[0].lazy.chunks[k].ids) {
      const rows = sides.map((s) => s.lazy.rows.get(ui));
      rows.forEach((row) => { row.style.minHeight = ""; });
      const tallest = Math.max(...rows.map((row) => row.getBoundingClientRect().height));
      rows.forEach((row) => { row.style.minHeight = tallest + "px"; });
    }
  }
  function follow(leader) {
    const at = leader.lazy.top(leader.scroller);
    if (!at) return;
    for (const side of sides) {
      if (side === leader) continue;
      const row = side.lazy.row(at[0]);
      if (row) side.scroller.scrollTop = row.offsetTop + at[1] * row.offsetHeight;
    }
  }

  // Views.
  const tabs = document.querySelectorAll(".tabs button");
  function show(view) {
    for (const tab of tabs) {
      const on = tab.dataset.view === view;
      tab.setAttribute("aria-selected", String(on));
      document.getElementById("view-" + tab.dataset.view).hidden = !on;
    }
    if (view === "sides" && !sides) buildSides();
    hidePop();
  }
  tabs.forEach((tab) => tab.addEventListener("click", () => show(tab.dataset.view)));

  // The popup: every witness's reading, the decision, its reason and confidence.
  function showPop(m) {
    const vi = +m.dataset.v;
    const v = variants[vi];
    pop.replaceChildren();
    pop.style.setProperty("--kc", "var(--" + v.k + ")");
    const title = el("h3", null, v.k);
    if (v.rev) title.append(" · ", el("span", "flag", "to review"));
    pop.append(title);
    const table = el("table", "readings");
    for (const [text, wits] of v.r) {
      const tr = el("tr");
      const who = el("td", "who");
      wits.forEach((wid) => {
        const w = witnesses.find((x) => x.id === wid);
        const line = el("div");
        line.append(chip(wid), " " + w.label);
        who.append(line);
      });
      const nothing = v.pb ? "(runs on: no new paragraph)" : "(nothing)";
      const reading = el("td", "reading" + (text ? "" : " none"), text ? (v.pb ? text + " new paragraph" : text) : nothing);
      if (text === v.t) reading.classList.add("canon");
      tr.append(reading, who);
      table.append(tr);
    }
    pop.append(table);
    const decision = el("p", "decision");
    const canon = v.pb ? (v.t ? "¶ new paragraph" : "runs on") : (v.t || "(left out)");
    decision.append("Canonical: ", el("b", null, canon));
    decision.append(" · confidence " + Math.round(v.c * 100) + "%");
    pop.append(decision, el("p", "why", v.why));
    if (v.g !== undefined) {
      const g = data.groups[v.g];
      pop.append(el("p", "group", "One of " + g.n + " places of one pattern (" + g.p + "): see Systematic differences"));
    }
    pop.dataset.v = vi;
    pop.hidden = false;
    popMark = m;
    placePop();
  }
  let popMark = null;
  function placePop() {
    if (pop.hidden || !popMark) return;
    const r = popMark.getBoundingClientRect();
    const width = pop.offsetWidth;
    const left = Math.min(Math.max(8, r.left), window.innerWidth - width - 8);
    // never over the header: its tabs and Export button stay clickable while the popup is open
    const head = document.querySelector("header");
    const floor = (head ? head.getBoundingClientRect().bottom : 0) + 8;
    let top = r.bottom + 6;
    if (top + pop.offsetHeight > window.innerHeight - 8) top = Math.max(floor, r.top - pop.offsetHeight - 6);
    pop.style.position = "fixed";
    pop.style.left = left + "px";
    pop.style.top = top + "px";
  }
  function hidePop() { pop.hidden = true; }
  const main = document.querySelector("main");
  main.addEventListener("click", (e) => {
    const link = e.target.closest("a.fn");
    if (link) {
      e.preventDefault();
      const row = notesLazy.row(noteOf.get(+link.dataset.n));
      row.scrollIntoView({ block: "center" });
      row.classList.add("target");
      setTimeout(() => row.classList.remove("target"), 1500);
      return;
    }
    const m = e.target.closest("mark.v");
    if (m && !m.classList.contains("off")) showPop(m);
    else hidePop();
  });
  main.addEventListener("focusin", (e) => {
    const m = e.target.closest("mark.v");
    if (m && !m.classList.contains("off")) showPop(m);
  });
  main.addEventListener("scroll", placePop, { capture: true, passive: true });

  // Filters by kind.
  document.querySelectorAll(".kinds input[data-kind]").forEach((box) => {
    box.addEventListener("change", () => {
      const kind = box.dataset.kind;
      if (box.checked) hidden.delete(kind);
      else hidden.add(kind);
      main.querySelectorAll("mark.k-" + kind).forEach((m) => {
        m.classList.toggle("off", !box.checked);
        if (box.checked) m.tabIndex = 0;
        else m.removeAttribute("tabindex");
      });
      if (!pop.hidden && variants[+pop.dataset.v].k === kind && !box.checked) hidePop();
      updatePos();
    });
  });

  // Keyboard: n / p move to the next / previous decision to review.
  let current = -1;
  const pos = document.getElementById("review-pos");
  function shown(vi) { return !hidden.has(variants[vi].k); }
  function updatePos() {
    const list = reviews.filter(shown);
    const at = list.indexOf(current);
    pos.textContent = list.length ? (at >= 0 ? at + 1 : "–") + " / " + list.length + " to review" : "none to review";
  }
  function step(dir) {
    const list = reviews.filter(shown);
    if (!list.length) return;
    let next;
    if (dir > 0) next = list.find((vi) => vi > current) ?? list[0];
    else next = [...list].reverse().find((vi) => vi < current) ?? list[list.length - 1];
    goTo(next);
  }
  function goTo(vi) {
    show("text");
    const lazy = units[variantUnit[vi]].s === "n" ? notesLazy : textLazy;
    const row = lazy.row(variantUnit[vi]);
    const m = row && row.querySelector('mark[data-v="' + vi + '"]');
    if (!m) return;
    document.querySelectorAll("mark.current").forEach((x) => x.classList.remove("current"));
    m.classList.add("current");
    current = vi;
    m.scrollIntoView({ block: "center" });
    m.focus({ preventScroll: true });
    showPop(m);
    updatePos();
  }
  // A systematic difference lists its places in the summary: each goes to its place.
  document.querySelectorAll("#summary .systematic button.goto").forEach((b) => {
    b.addEventListener("click", () => goTo(+b.dataset.v));
  });
  document.getElementById("next-review").addEventListener("click", () => step(1));
  document.getElementById("prev-review").addEventListener("click", () => step(-1));
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, textarea, select") || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "n" || e.key === "j") { e.preventDefault(); step(1); }
    else if (e.key === "p" || e.key === "k") { e.preventDefault(); step(-1); }
    else if (e.key === "Escape") hidePop();
  });
  updatePos();

  // Printing shows the whole text, not just the chunks built so far.
  window.addEventListener("beforeprint", () => { textLazy.renderAll(); notesLazy.renderAll(); });
  document.documentElement.dataset.ready = "1";
})();
