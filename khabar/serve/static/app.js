// khabar web app: analyse a text, search and browse a corpus. Plain DOM, no framework, no network but this
// server. Every piece of text reaches the page through text nodes, never parsed as markup, so article text cannot
// inject markup.
"use strict";

const LABELS = {
  PER: "شخص", ORG: "منظمة", LOC: "مكان", MISC: "أخرى", DATE: "تاريخ", TIME: "وقت", MONEY: "مال",
  PERCENT: "نسبة", QUANTITY: "كمية",
};
/** Arabic names of the codes khabar's JSON uses (the interface shows no raw English code). */
const NAMES = {
  kind: {
    encoding: "الترميز", unicode: "المحارف", whitespace: "المسافات البيضاء", quote: "علامات التنصيص",
    space: "مسافة مفقودة", alef_maksura: "الألف المقصورة", hamza: "الهمزة", teh_marbuta: "التاء المربوطة",
    comma: "الفاصلة", spelling: "الإملاء",
  },
  quote: { direct: "قول مباشر", indirect: "قول غير مباشر", mixed: "قول مختلط", speech_act: "موقف معلن" },
  act: {
    statement: "تصريح", demand: "مطالبة أو دعوة", warning: "تحذير", condemnation: "إدانة", denial: "نفي",
    welcome: "ترحيب", accusation: "اتهام", concern: "قلق", description: "وصف",
  },
  subject: { politics: "سياسة", economy: "اقتصاد", sport: "رياضة", technology: "تقنية", culture: "ثقافة" },
  region: { middle_east: "الشرق الأوسط", north_africa: "شمال أفريقيا", world: "العالم" },
  event: {
    killed: "قتلى", injured: "جرحى", arrested: "معتقلون", displaced_or_evacuated: "نازحون أو مُجلَون",
    missing: "مفقودون", money: "مال", percentage: "نسبة مئوية", votes: "أصوات", vote: "تصويت", attack: "هجوم",
    people_other: "أشخاص (غير ذلك)", other: "غير ذلك",
    airstrike: "غارة جوية", shelling: "قصف", explosion: "انفجار", armed_attack: "هجوم مسلح", clash: "اشتباكات",
    execution: "إعدام", arrest: "اعتقال", displacement: "نزوح", evacuation: "إجلاء", accident: "حادث",
    disaster: "كارثة طبيعية",
  },
  precision: { place: "مكان محدد", region: "منطقة أو محافظة", country: "بلد" },
  count: { killed: "قتيلا", injured: "جريحا", arrested: "معتقلا", displaced: "نازحا", missing: "مفقودا" },
};
/** The Arabic name of a code, or the code itself when khabar adds one this page does not know yet. */
const named = (group, code) => (code && NAMES[group][code]) || code || "";
const FACETS = {
  entity: "الكيانات", speaker: "المتحدثون", act: "المواقف", event: "الأحداث", place: "الأماكن", topic: "الموضوعات",
  month: "الأشهر",
};
const FILTERS = ["q", "entity", "speaker", "act", "event", "place", "topic", "since", "until", "offset"];
const PAGE = 20;

// ------------------------------------------------------------------ DOM helpers

/** An element with attributes (strings, set as attributes or event handlers) and children (strings become text). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  return append(node, children);
}

const $ = (id) => document.getElementById(id);

function clear(node) {
  node.replaceChildren();
  return node;
}

function showError(id, message) {
  const node = $(id);
  node.textContent = message || "";
  node.hidden = !message;
}

/** Text of a value that may be a string or an object with text, subject or label. */
function asText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(asText).filter(Boolean).join("، ");
  return asText(value.text ?? value.subject ?? value.label ?? value.name ?? value.value ?? value.sentences ?? "");
}

function visible(s) {
  if (!s) return "∅";
  return s.replace(/\n/g, "⏎").replace(/ /g, "␣");
}

/** The server's access token, when it asks for one (kept for this tab only). */
function withToken(options) {
  const token = sessionStorage.getItem("khabar-token");
  if (!token) return options;
  const headers = new Headers((options && options.headers) || {});
  headers.set("Authorization", `Bearer ${token}`);
  return { ...(options || {}), headers };
}

async function api(path, options) {
  let response;
  try {
    const sent = sessionStorage.getItem("khabar-token");
    response = await fetch(path, withToken(options));
    if (response.status === 401) {
      // a server bound to the network needs its token: ask once (requests refused meanwhile use the answer),
      // keep it for this tab, try again
      let token = sessionStorage.getItem("khabar-token");
      if (!token || token === sent) {
        token = (window.prompt("هذا الخادم يطلب رمز الدخول (token):") || "").trim();
        if (token) sessionStorage.setItem("khabar-token", token);
      }
      if (token) response = await fetch(path, withToken(options));
    }
  } catch (error) {
    throw new Error("تعذر الاتصال بالخادم");
  }
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error ? body.error : `HTTP ${response.status}`;
    const failure = new Error(message);
    failure.status = response.status;
    throw failure;
  }
  return body;
}

// ------------------------------------------------------------------ marked text

/**
 * `text` with entities (outer spans, coloured by label) and edits (inner <mark>s, explanation as title).
 * Both are lists of {start, end, ...}; entities never overlap each other, nor edits each other. An edit
 * of no length here (a deletion in the repaired text, an insertion in the original) is a thin bar.
 */
function markedText(text, entities, edits) {
  const n = text.length;
  const clamp = (x) => Math.max(0, Math.min(n, x | 0));
  const ents = entities.map((e) => ({ ...e, start: clamp(e.start), end: clamp(e.end) }))
    .filter((e) => e.end > e.start).sort((a, b) => a.start - b.start);
  const marks = edits.map((e) => ({ ...e, start: clamp(e.start), end: clamp(e.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const cuts = new Set([0, n]);
  for (const s of ents.concat(marks)) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const root = el("div", { class: "text", dir: "rtl" });
  let entIndex = 0, markIndex = 0, openEnt = null, openEntNode = null;
  for (let i = 0; i < points.length; i++) {
    const at = points[i];
    if (openEnt && openEnt.end <= at) { openEnt = null; openEntNode = null; }
    while (markIndex < marks.length && marks[markIndex].end <= at && marks[markIndex].start < at) markIndex++;
    // zero-length edits at this point
    while (markIndex < marks.length && marks[markIndex].start === at && marks[markIndex].end === at) {
      (openEntNode || root).append(editMark(marks[markIndex], ""));
      markIndex++;
    }
    if (i === points.length - 1) break;
    const next = points[i + 1];
    while (entIndex < ents.length && ents[entIndex].end <= at) entIndex++;
    const ent = entIndex < ents.length && ents[entIndex].start <= at && next <= ents[entIndex].end ? ents[entIndex] : null;
    if (ent && ent !== openEnt) {
      openEnt = ent;
      openEntNode = el("span", {
        class: `ent ent-${ent.label}`, "data-label": LABELS[ent.label] || ent.label,
        title: entityTitle(ent),
      });
      root.append(openEntNode);
    } else if (!ent) {
      openEnt = null; openEntNode = null;
    }
    const piece = text.slice(at, next);
    const mark = markIndex < marks.length && marks[markIndex].start <= at && next <= marks[markIndex].end
      ? marks[markIndex] : null;
    (openEntNode || root).append(mark ? editMark(mark, piece) : document.createTextNode(piece));
  }
  return root;
}

function entityTitle(ent) {
  const parts = [`${LABELS[ent.label] || ent.label} (${ent.label})`];
  if (ent.canonical && ent.canonical !== ent.text) parts.push(`الصيغة الموحدة: ${ent.canonical}`);
  if (ent.link) parts.push(linkText(ent.link));
  return parts.join(" — ");
}

function linkText(link) {
  if (!link) return "";
  const where = typeof link.lat === "number" ? ` (${link.lat.toFixed(2)}, ${link.lon.toFixed(2)})` : "";
  return `${link.name_en || ""} ${link.id || ""}${where}`.trim();
}

function editTitle(edit) {
  const confidence = typeof edit.confidence === "number" ? ` (${edit.confidence.toFixed(2)})` : "";
  return `${named("kind", edit.kind)}: «${visible(edit.before)}» ← «${visible(edit.after)}»${confidence} — ${edit.reason || ""}`;
}

function editMark(edit, piece) {
  const node = el("mark", {
    class: piece ? `edit edit-${edit.kind}` : `edit zero edit-${edit.kind}`, title: editTitle(edit),
    tabindex: 0, "data-edit": edit.index,
  }, piece);
  node.addEventListener("mouseenter", () => toggleEdit(node, edit.index, true));
  node.addEventListener("mouseleave", () => toggleEdit(node, edit.index, false));
  return node;
}

function toggleEdit(node, index, on) {
  const scope = node.closest(".analysis") || document;
  for (const other of scope.querySelectorAll(`mark.edit[data-edit="${index}"]`)) other.classList.toggle("active", on);
}

// ------------------------------------------------------------------ analysis views

function table(headers, rows) {
  return el("div", { class: "table-wrap" }, el("table", {}, el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows.map((row) => el("tr", {}, row.map((cell) => (cell instanceof Node && cell.tagName === "TD"
      ? cell : el("td", {}, cell))))))));
}

function section(name, title, ...content) {
  return el("section", { class: `card view-${name}` }, el("h3", {}, title), content);
}

/** The whole analysis of a text: side-by-side original and repaired text, then every view present. */
function renderAnalysis(data) {
  const text = data.text || "";
  const original = data.original ?? text;
  const edits = (data.edits || []).map((e, index) => ({ ...e, index }));
  const entities = data.entities || [];
  const root = el("div", { class: "analysis" });

  const headline = asText(data.headline);
  if (headline) root.append(el("h2", { class: "headline" }, headline));
  const info = [];
  if (data.topic && data.topic.subject) info.push(el("span", { class: "chip topic" }, "الموضوع: ", named("subject", data.topic.subject)));
  if (data.topic && data.topic.region) info.push(el("span", { class: "chip" }, "المنطقة: ", named("region", data.topic.region)));
  if (data.published) info.push(el("span", { class: "chip" }, "تاريخ النشر: ", data.published));
  if (data.dateline) info.push(el("span", { class: "chip" }, "مكان الخبر: ", asText(data.dateline)));
  if (info.length) root.append(el("div", { class: "chips" }, info));
  const summary = Array.isArray(data.summary) ? data.summary.map(asText) : (data.summary ? [asText(data.summary)] : []);
  if (summary.length) root.append(el("div", { class: "summary card" }, el("h3", {}, "الملخص"), summary.map((s) => el("p", {}, s))));
  if (Array.isArray(data.keywords) && data.keywords.length) {
    root.append(el("div", {}, el("strong", {}, "الكلمات المفتاحية: "),
      el("ul", { class: "chips keywords" }, data.keywords.map((k) => el("li", {}, asText(k))))));
  }

  const counts = {};
  for (const e of edits) counts[e.kind] = (counts[e.kind] || 0) + 1;
  const countText = edits.length
    ? `${edits.length} تعديل: ` + Object.entries(counts).map(([k, n]) => `${named("kind", k)} ${n}`).join("، ")
    : "لا تعديلات";
  root.append(el("div", { class: "panes" },
    el("div", { class: "pane original" }, el("h3", {}, "النص الأصلي"),
      markedText(original, [], edits.map((e) => ({ ...e, start: e.start, end: e.end })))),
    el("div", { class: "pane repaired" }, el("h3", {}, "النص المصلح ", el("span", { class: "muted" }, "(", el("bdi", {}, countText), ")")),
      markedText(text, entities, edits.filter((e) => e.repaired_start >= 0)
        .map((e) => ({ ...e, start: e.repaired_start, end: e.repaired_end }))))));
  root.append(el("div", { class: "legend" }, Object.keys(LABELS).map((label) =>
    el("span", { class: `ent-${label}` }, `${LABELS[label]} ${label}`)), el("span", { class: "edit-legend" },
    el("mark", { class: "edit" }, "تعديل"), " (مرّر المؤشر لرؤية السبب)")));

  const views = el("div", { class: "views" });
  root.append(views);
  const quotes = data.quotes || [];
  views.append(section("quotes", `الأقوال (${quotes.length})`, quotes.length
    ? quotes.map((q) => el("div", { class: "quote" },
      el("span", { class: "quote-by" }, q.speaker_name || (q.speaker && q.speaker.text) || "متحدث غير معروف"),
      q.speaker_entity ? el("span", { class: "muted" }, ` (${LABELS[q.speaker_entity.label] || q.speaker_entity.label})`) : null,
      ` — ${named("quote", q.type)}${q.act && q.act !== "statement" ? ` (${named("act", q.act)})` : ""}`,
      el("blockquote", {}, q.content ? q.content.text : "")))
    : el("p", { class: "muted" }, "لا أقوال منسوبة.")));
  const speakers = data.speakers || [];
  if (speakers.length) {
    views.append(section("speakers", "المتحدثون", table(["المتحدث", "عدد الأقوال"], speakers.map((s) => [s.name, s.count]))));
  }
  const facts = data.facts || [];
  views.append(section("facts", `الوقائع المعدودة (${facts.length})`, facts.length
    ? table(["العدد", "القيمة", "الوحدة", "الحدث", "العملة"], facts.map((f) => [
      f.surface, f.low === f.high ? `${f.approximate ? "≈ " : ""}${f.low ?? ""}` : `${f.low ?? ""}–${f.high ?? ""}`,
      f.unit ? f.unit.text : "", named("event", f.event), f.currency || ""]))
    : el("p", { class: "muted" }, "لا أعداد.")));
  const events = data.events || [];
  if (events.length) {
    views.append(section("events", `الأحداث (${events.length})`, table(["الحدث", "الفعل", "الأعداد", "الفاعل", "المكان", "التاريخ"],
      events.map((e) => [named("event", e.type), e.trigger ? e.trigger.text : "",
        (e.counts || []).map((c) => `${c.surface} (${named("event", c.event)})`).join("، "),
        (e.actors || []).filter((a) => a.role === "actor").map((a) => a.text).join("، "),
        e.location ? `${e.location.text}${e.location.precision ? ` (${named("precision", e.location.precision)})` : ""}` : "",
        e.date ? `${e.date.text} ${e.date.value || ""}`.trim() : ""]))));
  }
  views.append(section("entities", `الكيانات المسماة (${entities.length})`, entities.length
    ? table(["النص", "النوع", "الصيغة الموحدة", "الرابط"], entities.map((e) => [
      el("td", {}, el("span", { class: `ent-${e.label}` }, e.text)), LABELS[e.label] || e.label, e.canonical || "",
      el("td", { class: "code" }, linkText(e.link))]))
    : el("p", { class: "muted" }, "لا كيانات.")));
  views.append(section("edits", `التعديلات (${edits.length})`, edits.length
    ? table(["النوع", "قبل", "بعد", "السبب"], edits.map((e) => [named("kind", e.kind), visible(e.before), visible(e.after), e.reason || ""]))
    : el("p", { class: "muted" }, "النص سليم: لا تعديلات.")));
  return root;
}

// ------------------------------------------------------------------ analyse page

async function analyse(event) {
  event.preventDefault();
  const button = $("analyse-button");
  const out = $("analyse-result");
  const file = $("file").files[0];
  const published = $("published").value || null;
  const repair = $("do-repair").checked;
  showError("analyse-error", "");
  button.disabled = true;
  button.textContent = "جارٍ التحليل…";
  out.setAttribute("aria-busy", "true");
  try {
    let data;
    if (file) {
      const form = new FormData();
      form.append("file", file);
      if (published) form.append("published", published);
      form.append("repair", repair ? "true" : "false");
      data = await api("/api/analyze/file", { method: "POST", body: form });
      $("text").value = data.original;
      $("file").value = "";
    } else {
      const text = $("text").value;
      if (!text.trim()) throw new Error("الصق نصا أو اختر ملفا أولا.");
      data = await api("/api/analyze", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text, published, repair }),
      });
    }
    clear(out).append(renderAnalysis(data));
  } catch (error) {
    showError("analyse-error", error.message);
  } finally {
    button.disabled = false;
    button.textContent = "حلّل";
    out.removeAttribute("aria-busy");
  }
}

// ------------------------------------------------------------------ corpus page

function corpusState() {
  const query = location.hash.split("?")[1] || "";
  const params = new URLSearchParams(query);
  const state = {};
  for (const key of FILTERS) if (params.get(key)) state[key] = params.get(key);
  return state;
}

function goCorpus(state) {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (state[key]) params.set(key, state[key]);
  const hash = "#/corpus" + (params.toString() ? "?" + params.toString() : "");
  if (location.hash === hash) route(); else location.hash = hash;
}

function filtered(state, key, value) {
  const next = { ...state, offset: "" };
  if (key === "month") { next.since = value; next.until = value; } else next[key] = value;
  return next;
}

async function searchPage() {
  const state = corpusState();
  $("q").value = state.q || "";
  $("since").value = /^\d{4}-\d{2}-\d{2}$/.test(state.since || "") ? state.since : "";
  $("until").value = /^\d{4}-\d{2}-\d{2}$/.test(state.until || "") ? state.until : "";
  showError("corpus-error", "");
  loadSpeakers();
  const params = new URLSearchParams({ limit: PAGE });
  for (const key of FILTERS) if (state[key]) params.set(key, state[key]);
  const results = clear($("results"));
  $("results").setAttribute("aria-busy", "true");
  let found;
  try {
    found = await api("/api/search?" + params.toString());
  } catch (error) {
    showError("corpus-error", error.message);
    for (const id of ["facets", "timeline", "filters", "pager", "event-map"]) clear($(id));
    $("total").textContent = "";
    return;
  } finally {
    $("results").removeAttribute("aria-busy");
  }
  renderFilters(state);
  renderFacets(state, found.facets || {});
  renderTimeline(state, (found.facets || {}).month || []);
  renderEventMap(state);
  $("total").textContent = found.total ? `${found.total} مقال` : "لا نتائج.";
  for (const hit of found.results) {
    const parts = hit.snippet_parts || [{ text: hit.snippet, match: false }];
    const meta = [hit.published, named("subject", hit.topic), named("region", hit.region), hit.doc_id]
      .filter(Boolean).join(" · ");
    results.append(el("li", { class: "result" },
      el("a", { href: `#/article/${Number(hit.id)}`, class: "result-title" }, hit.title || hit.headline || hit.doc_id || `#${hit.id}`),
      el("div", { class: "meta" }, meta),
      el("p", { class: "snippet" }, parts.map((p) => (p.match ? el("mark", {}, p.text) : p.text)))));
  }
  renderPager(state, found.total);
}

function renderFilters(state) {
  const box = clear($("filters"));
  const names = {
    q: "بحث", entity: "كيان", speaker: "متحدث", act: "موقف", event: "حدث", place: "مكان", topic: "موضوع", since: "من",
    until: "إلى",
  };
  for (const key of Object.keys(names)) {
    if (!state[key]) continue;
    box.append(el("button", {
      type: "button", class: "filter", title: "أزل هذا الشرط",
      onclick: () => goCorpus({ ...state, [key]: "", offset: "" }),
    }, `${names[key]}: ${state[key]} ✕`));
  }
}

function renderFacets(state, facets) {
  const box = clear($("facets"));
  for (const [kind, title] of Object.entries(FACETS)) {
    const values = facets[kind] || [];
    if (!values.length) continue;
    const items = kind === "month" ? [...values].reverse().slice(0, 12) : values;
    box.append(el("h3", {}, title), el("ul", { "data-facet": kind }, items.map((v) => el("li", {},
      el("button", {
        type: "button", class: "facet", "data-kind": kind, "data-value": v.value,
        title: v.label ? `${LABELS[v.label] || v.label}` : null,
        onclick: () => goCorpus(filtered(state, kind, v.value)),
      }, el("span", {}, kind === "topic" ? named("subject", v.value) : kind === "act" ? named("act", v.value)
        : kind === "event" ? named("event", v.value) : v.value),
      el("span", { class: "count" }, v.count))))));
  }
}

/** Articles per month as an SVG bar chart, earliest month on the right; a bar filters to its month. */
function renderTimeline(state, months) {
  const box = clear($("timeline"));
  if (!months.length) return;
  const width = 600, height = 120, bottom = 18, top = 14;
  const max = Math.max(...months.map((m) => m.count));
  const step = width / months.length;
  const bar = Math.max(2, Math.min(40, step * 0.8));
  const every = Math.ceil(months.length / 12);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "المقالات حسب الشهر", preserveAspectRatio: "none" });
  months.forEach((m, i) => {
    const h = Math.max(1, ((height - bottom - top) * m.count) / max);
    const x = width - (i + 1) * step + (step - bar) / 2;
    chart.append(svg("rect", {
      class: "bar", x: x.toFixed(1), y: (height - bottom - h).toFixed(1), width: bar.toFixed(1), height: h.toFixed(1),
      "data-month": m.value, onclick: () => goCorpus(filtered(state, "month", m.value)),
    }, svg("title", {}, `${m.value}: ${m.count} مقال`)));
    if (i % every === 0) {
      chart.append(svg("text", { x: (x + bar / 2).toFixed(1), y: height - 4, "text-anchor": "middle" }, m.value));
    }
  });
  box.append(chart);
}

/** Where the events of the matching articles happened: a dot per linked place (longitude across, latitude up,
 *  fitted to the places shown; no map tiles, the page works offline), sized by its events; a dot or a row
 *  filters the search to that place. Below, the places as a table with the counts reported there. */
async function renderEventMap(state) {
  const box = clear($("event-map"));
  const params = new URLSearchParams({ limit: 200 });
  for (const key of FILTERS) if (state[key] && key !== "offset" && key !== "event") params.set(key, state[key]);
  if (state.event) params.set("type", state.event);
  let found;
  try {
    found = await api("/api/events?" + params.toString());
  } catch (error) {
    box.append(el("p", { class: "muted" }, error.message));
    return;
  }
  if (!found.events) return;
  const placed = found.places.filter((p) => typeof p.lat === "number" && typeof p.lon === "number");
  const reported = Object.entries(found.totals).filter(([, n]) => n)
    .map(([k, n]) => `${n} ${named("count", k)}`).join("، ");
  box.append(el("h3", {}, `خريطة الأحداث: ${found.events} حدثا في ${found.articles} مقال`),
    el("p", { class: "muted" }, (reported ? `أعداد مذكورة: ${reported}. ` : "")
      + (found.unplaced ? `${found.unplaced} حدثا بلا مكان معروف.` : "")));
  if (placed.length) {
    const width = 600, height = 300, pad = 24;
    const lons = placed.map((p) => p.lon), lats = placed.map((p) => p.lat);
    let [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    if (east - west < 2) { west -= 1; east += 1; }
    if (north - south < 2) { south -= 1; north += 1; }
    const x = (lon) => width - pad - ((lon - west) / (east - west)) * (width - 2 * pad);
    const y = (lat) => pad + ((north - lat) / (north - south)) * (height - 2 * pad);
    const most = Math.max(...placed.map((p) => p.events));
    // east is on the left: the page reads right to left, and so does this strip of the map
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "أماكن الأحداث", class: "map" });
    chart.append(svg("rect", { x: 0, y: 0, width, height, class: "map-sea" }));
    for (const p of [...placed].sort((a, b) => b.events - a.events)) {
      const r = 4 + 14 * Math.sqrt(p.events / most);
      chart.append(svg("circle", {
        class: "place-dot", cx: x(p.lon).toFixed(1), cy: y(p.lat).toFixed(1), r: r.toFixed(1), "data-place": p.place,
        onclick: () => goCorpus(filtered(state, "place", p.link || p.place)),
      }, svg("title", {}, `${p.place}: ${p.events} حدث، ${p.killed} قتيل، ${p.injured} جريح، ${p.arrested} معتقل`)));
    }
    for (const p of placed.slice(0, 8)) {
      chart.append(svg("text", { x: x(p.lon).toFixed(1), y: (y(p.lat) - 8).toFixed(1), "text-anchor": "middle" }, p.place));
    }
    box.append(chart);
  }
  box.append(table(["المكان", "الدقة", "الأحداث", "قتلى", "جرحى", "معتقلون", "نازحون", "الأنواع"],
    found.places.slice(0, 10).map((p) => [
      el("button", { type: "button", class: "facet", onclick: () => goCorpus(filtered(state, "place", p.link || p.place)) }, p.place),
      named("precision", p.precision), p.events, p.killed, p.injured, p.arrested, p.displaced,
      Object.entries(p.types).map(([k, n]) => `${named("event", k)} ${n}`).join("، ")])));
}

function renderPager(state, total) {
  const box = clear($("pager"));
  const offset = Number(state.offset || 0);
  if (offset > 0) {
    box.append(el("button", { type: "button", onclick: () => goCorpus({ ...state, offset: String(Math.max(0, offset - PAGE)) }) }, "→ السابق"));
  }
  if (offset + PAGE < total) {
    box.append(el("button", { type: "button", onclick: () => goCorpus({ ...state, offset: String(offset + PAGE) }) }, "التالي ←"));
  }
}

let speakersLoaded = false;
async function loadSpeakers() {
  if (speakersLoaded) return;
  const list = clear($("speakers"));
  try {
    // named people first; a corpus stored before speakers were labelled falls back to every speaker
    let speakers = await api("/api/speakers?limit=10&label=PER");
    if (!speakers.length) speakers = await api("/api/speakers?limit=10");
    speakersLoaded = true;
    for (const s of speakers) {
      list.append(el("li", {}, el("button", {
        type: "button", class: "speaker", onclick: () => goCorpus(filtered(corpusState(), "speaker", s.name)),
      }, s.name), " ", el("span", { class: "count" }, `${s.mentions} قول في ${s.articles} مقال`)));
    }
    if (!speakers.length) list.append(el("li", { class: "muted" }, "لا أحد بعد."));
  } catch (error) {
    list.append(el("li", { class: "muted" }, error.message));
  }
}

function search(event) {
  event.preventDefault();
  goCorpus({ ...corpusState(), q: $("q").value.trim(), since: $("since").value, until: $("until").value, offset: "" });
}

// ------------------------------------------------------------------ article page

let lastCorpusHash = "#/corpus";

async function articlePage(id) {
  const box = clear($("article"));
  showError("article-error", "");
  $("back").setAttribute("href", lastCorpusHash);
  let a;
  try {
    a = await api(`/api/articles/${encodeURIComponent(id)}`);
  } catch (error) {
    showError("article-error", error.status === 404 ? "لا يوجد مقال بهذا الرقم." : error.message);
    return;
  }
  const analysis = { ...(a.analysis || {}), text: a.text, original: a.original, published: a.published };
  if (!analysis.headline && a.headline) analysis.headline = a.headline;
  const meta = [...new Set([a.published, a.source, a.doc_id].filter(Boolean))].join(" · ");
  box.append(el("h2", { class: "article-title" }, a.title || a.headline || a.doc_id || `#${a.id}`),
    el("div", { class: "muted" }, meta), renderAnalysis(analysis));
}

// ------------------------------------------------------------------ routing

function route() {
  const hash = location.hash || "#/analyse";
  const path = hash.slice(1).split("?")[0];
  let page = "analyse";
  if (path.startsWith("/corpus")) page = "corpus";
  else if (path.startsWith("/article/")) page = "article";
  for (const name of ["analyse", "corpus", "article"]) $(`page-${name}`).hidden = name !== page;
  $("nav-analyse").classList.toggle("active", page === "analyse");
  $("nav-corpus").classList.toggle("active", page !== "analyse");
  if (page === "corpus") {
    lastCorpusHash = hash;
    searchPage();
  } else if (page === "article") {
    articlePage(path.slice("/article/".length));
  }
}

async function status() {
  try {
    const health = await api("/api/health");
    $("status").textContent = health.db === null ? "بلا قاعدة أخبار" : `${health.articles ?? "?"} مقال في القاعدة`;
  } catch (error) {
    $("status").textContent = "الخادم لا يجيب";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("analyse-form").addEventListener("submit", analyse);
  $("search-form").addEventListener("submit", search);
  window.addEventListener("hashchange", route);
  route();
  status();
});
