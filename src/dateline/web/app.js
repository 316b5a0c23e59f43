// dateline web page: events with filters, timeline, actor network, map, search, actor
// profiles and articles with every annotation highlighted.
//
// Article content is untrusted. Everything from the API reaches the page through
// textContent or setAttribute on attributes we choose; links are built here from ids
// and always start with "#/". No innerHTML, no eval, no inline handlers (the server's
// Content-Security-Policy forbids inline scripts anyway).
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const FILTERS = ["type", "actor", "recipient", "country", "actor_country", "since", "until", "bbox", "modality"];
const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const SVG = "http://www.w3.org/2000/svg";
const PAGE = 50;

// ---- small DOM helpers -------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

function svgTitle(node, text) {
  const t = document.createElementNS(SVG, "title");
  t.textContent = text;
  node.append(t);
}

function link(route, text, cls) {
  return el("a", { href: "#/" + route, class: cls }, text);
}

const actorLink = (name) => link("actor/" + encodeURIComponent(name), name, "actor");
const evidenceRoute = (ev) => "article/" + encodeURIComponent(ev.doc_id) + "/" + encodeURIComponent(ev.event_id);

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function joinNodes(nodes, sep) {
  const frag = document.createDocumentFragment();
  nodes.forEach((n, i) => { if (i) frag.append(sep); frag.append(n); });
  return frag;
}

// Details on hover: a node's tip is an array of lines, shown in one tooltip element.
const tips = new WeakMap();
function setTip(node, lines) { tips.set(node, lines); node.classList.add("has-tip"); }

function initTooltip() {
  const box = document.getElementById("tooltip");
  document.addEventListener("mouseover", (e) => {
    const target = e.target.closest ? e.target.closest(".has-tip") : null;
    const lines = target && tips.get(target);
    if (!lines) { box.hidden = true; return; }
    clear(box);
    for (const line of lines) box.append(el("div", {}, line));
    box.hidden = false;
  });
  document.addEventListener("mousemove", (e) => {
    if (box.hidden) return;
    box.style.left = Math.min(e.pageX + 14, window.scrollX + window.innerWidth - box.offsetWidth - 8) + "px";
    box.style.top = (e.pageY + 16) + "px";
  });
}

// ---- API ---------------------------------------------------------------------------

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, x));
    else if (v !== "" && v !== null && v !== undefined) qs.append(k, v);
  }
  const url = "/api/" + path + (qs.toString() ? "?" + qs : "");
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(body.error || ("HTTP " + response.status));
  return body;
}

function showError(err) {
  const box = document.getElementById("error");
  box.textContent = err ? String(err.message || err) : "";
  box.hidden = !err;
}

// ---- routing: #/view/arg?filters ---------------------------------------------------

function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const parts = path.split("/").map((p) => { try { return decodeURIComponent(p); } catch { return p; } });
  return { view: parts[0] || "events", args: parts.slice(1), params: new URLSearchParams(query || "") };
}

function filterParams(params) {
  const out = {};
  for (const k of FILTERS) { const v = params.get(k); if (v) out[k] = v; }
  const sort = params.get("sort");
  if (sort) out.sort = sort;
  return out;
}

function routeWith(view, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== undefined && v !== null) qs.set(k, v);
  return "#/" + view + (qs.toString() ? "?" + qs : "");
}

function formToParams() {
  const form = document.getElementById("filter-form");
  const out = {};
  for (const k of [...FILTERS, "sort"]) {
    const v = form.elements[k].value.trim();
    if (v) out[k] = v;
  }
  if (out.sort === "-day") delete out.sort;
  return out;
}

function paramsToForm(params) {
  const form = document.getElementById("filter-form");
  for (const k of [...FILTERS, "sort"]) form.elements[k].value = params.get(k) || (k === "sort" ? "-day" : "");
}

function filterView(view) { return ["events", "network", "map"].includes(view) ? view : "events"; }

async function route() {
  const { view, args, params } = parseRoute();
  showError(null);
  paramsToForm(params);
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== "view-" + view;
  for (const a of document.querySelectorAll("#tabs a")) a.classList.toggle("active", a.dataset.tab === view);
  document.getElementById("filters").hidden = !["events", "network", "map"].includes(view);
  const section = document.getElementById("view-" + view);
  if (!section) { location.hash = "#/events"; return; }
  section.removeAttribute("data-ready");
  try {
    if (view === "events") await showEvents(params);
    else if (view === "network") await showNetwork(params);
    else if (view === "map") await showMap(params);
    else if (view === "search") await showSearch(params.get("q") || "");
    else if (view === "actor") await showActor(args[0] || "");
    else if (view === "article") await showArticle(args[0] || "", args[1] || null);
  } catch (err) {
    showError(err);
  }
  section.dataset.ready = "1";
  // Which route the page last finished drawing: the browser tests wait on it.
  document.body.dataset.rendered = location.hash || "#/events";
  if (!document.body.dataset.ready) {
    document.body.dataset.ready = "1";
    performance.mark("dateline-first-render");
  }
}

// ---- events table and timeline -----------------------------------------------------

function eventsTable(items) {
  const head = el("tr", {}, ...["Day", "Type", "Actors", "Recipients", "Place", "Modality", "Mentions · articles · sources", "Evidence"]
    .map((h) => el("th", {}, h)));
  const body = el("tbody");
  for (const ev of items) {
    const place = ev.place ? ev.place.name + (ev.place.country ? " (" + ev.place.country + ")" : "") : "";
    const evidence = ev.evidence
      ? link(evidenceRoute(ev.evidence), truncate(ev.evidence.text, 140), "evidence-link")
      : "";
    if (ev.evidence) {
      setTip(evidence, [ev.evidence.title || "(untitled)", [ev.evidence.source, ev.evidence.published].filter(Boolean).join(" · "), "Open the article at this sentence"]);
    }
    const type = el("span", { class: "type q" + ev.quad_class }, ev.type);
    setTip(type, [ev.type + " · quad class " + ev.quad_class + ": " + (QUAD[ev.quad_class] || "")]);
    body.append(el("tr", { class: "event-row", "data-type": ev.type },
      el("td", { class: "day" }, ev.day || "—"),
      el("td", {}, type),
      el("td", {}, joinNodes(ev.actors.map(actorLink), ", ")),
      el("td", {}, joinNodes(ev.recipients.map(actorLink), ", ")),
      el("td", {}, place),
      el("td", {}, (ev.modalities || []).join(", ")),
      el("td", { class: "num" }, ev.num_mentions + " · " + ev.num_articles + " · " + ev.num_sources),
      el("td", { class: "evidence" }, evidence)));
  }
  return el("table", { class: "events-table" }, el("thead", {}, head), body);
}

function truncate(text, n) { return text && text.length > n ? text.slice(0, n - 1) + "…" : (text || ""); }

async function showEvents(params) {
  const filters = filterParams(params);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const [page, line] = await Promise.all([
    api("events", { ...filters, limit: PAGE, offset }),
    api("timeline", withoutSort(filters)),
  ]);
  clear(document.getElementById("events")).append(page.items.length ? eventsTable(page.items) : el("p", {}, "No events match."));
  document.getElementById("events-total").textContent = "(" + page.total.toLocaleString() + ")";
  document.getElementById("page").textContent = page.total
    ? (offset + 1) + "–" + Math.min(offset + PAGE, page.total) + " of " + page.total.toLocaleString() : "";
  const prev = document.getElementById("prev"), next = document.getElementById("next");
  prev.disabled = offset === 0;
  next.disabled = offset + PAGE >= page.total;
  prev.onclick = () => { location.hash = routeWith("events", { ...filters, offset: Math.max(0, offset - PAGE) || "" }); };
  next.onclick = () => { location.hash = routeWith("events", { ...filters, offset: offset + PAGE }); };
  drawTimeline(document.getElementById("timeline"), line.buckets, line.granularity, (b) => {
    const end = line.granularity === "month" ? b.period : b.period;
    location.hash = routeWith("events", { ...filters, since: b.period, until: end, offset: "" });
  });
}

function withoutSort(filters) { const f = { ...filters }; delete f.sort; return f; }

function drawTimeline(container, buckets, granularity, onPick) {
  clear(container);
  if (!buckets.length) { container.append(el("p", {}, "No dated events.")); return; }
  const W = 900, H = 150, pad = 24;
  const max = Math.max(...buckets.map((b) => b.total));
  const bw = (W - pad) / buckets.length;
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H + 20}`, class: "timeline", role: "img" });
  svgTitle(chart, "Events per " + granularity);
  buckets.forEach((b, i) => {
    let y = H;
    const g = svg("g", { class: "bar", "data-period": b.period });
    for (const q of ["1", "2", "3", "4"]) {
      const n = b.by_quad[q] || 0;
      if (!n) continue;
      const h = (n / max) * (H - 10);
      y -= h;
      g.append(svg("rect", { x: pad + i * bw, y, width: Math.max(1, bw - 1), height: h, class: "q" + q }));
    }
    g.append(svg("rect", { x: pad + i * bw, y: 0, width: Math.max(1, bw), height: H, class: "hit" }));
    svgTitle(g, `${b.period}: ${b.total} events (` + ["1", "2", "3", "4"].map((q) => `${QUAD[q]} ${b.by_quad[q]}`).join(", ") + ")");
    if (onPick) g.addEventListener("click", () => onPick(b));
    chart.append(g);
  });
  const label = (text, x, anchor) => { const t = svg("text", { x, y: H + 14, "text-anchor": anchor, class: "axis" }); t.textContent = text; chart.append(t); };
  label(buckets[0].period, pad, "start");
  label(buckets[buckets.length - 1].period, W, "end");
  const top = svg("text", { x: 0, y: 10, class: "axis" }); top.textContent = String(max); chart.append(top);
  container.append(chart);
}

// ---- network ---------------------------------------------------------------------

async function showNetwork(params) {
  const data = await api("graph", { ...withoutSort(filterParams(params)), limit: 120 });
  const box = clear(document.getElementById("network"));
  if (!data.nodes.length) { box.append(el("p", {}, "No linked actors for these filters.")); return; }
  const W = 900, H = 620;
  const pos = layout(data.nodes, data.edges, W, H);
  const maxW = Math.max(...data.edges.map((e) => e.weight));
  const maxN = Math.max(...data.nodes.map((n) => n.weight));
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "network" });
  for (const e of data.edges) {
    const a = pos.get(e.source), b = pos.get(e.target);
    const line = svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge",
      "stroke-width": (0.8 + 7 * Math.log(1 + e.weight) / Math.log(1 + maxW)).toFixed(2), "data-weight": e.weight });
    svgTitle(line, `${e.source} — ${e.target}: ${e.weight} events`);
    chart.append(line);
  }
  data.nodes.forEach((n, i) => {
    const p = pos.get(n.id);
    const g = svg("g", { class: "node", transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})` });
    g.append(svg("circle", { r: (4 + 12 * Math.sqrt(n.weight / maxN)).toFixed(1) }));
    svgTitle(g, `${n.id}: ${n.weight} links by event`);
    if (i < 40) { const t = svg("text", { x: 8, y: 4 }); t.textContent = n.id; g.append(t); }
    g.addEventListener("click", () => { location.hash = "#/actor/" + encodeURIComponent(n.id); });
    chart.append(g);
  });
  box.append(chart);
}

// Fruchterman–Reingold from a circle: deterministic, enough for a hundred nodes.
function layout(nodes, edges, W, H) {
  const pos = new Map();
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length;
    pos.set(n.id, { x: W / 2 + (W / 3) * Math.cos(a), y: H / 2 + (H / 3) * Math.sin(a), dx: 0, dy: 0 });
  });
  const k = Math.sqrt((W * H) / Math.max(1, nodes.length)) * 0.5;
  // Gravity toward the centre keeps unconnected pairs from drifting to the borders.
  const gravity = 1.5;
  let temp = W / 10;
  const pts = [...pos.values()];
  for (let it = 0; it < 200; it++) {
    for (const p of pts) { p.dx = 0; p.dy = 0; }
    for (let i = 0; i < pts.length; i++) {
      for (let j = i + 1; j < pts.length; j++) {
        const a = pts[i], b = pts[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        const f = (k * k) / d;
        dx /= d; dy /= d;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const e of edges) {
      const a = pos.get(e.source), b = pos.get(e.target);
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = (d * d) / k;
      dx /= d; dy /= d;
      a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
    }
    for (const p of pts) {
      p.dx -= (p.x - W / 2) * gravity;
      p.dy -= (p.y - H / 2) * gravity;
      const d = Math.max(0.01, Math.hypot(p.dx, p.dy));
      p.x = Math.min(W - 60, Math.max(20, p.x + (p.dx / d) * Math.min(d, temp)));
      p.y = Math.min(H - 20, Math.max(20, p.y + (p.dy / d) * Math.min(d, temp)));
    }
    temp *= 0.97;
  }
  return pos;
}

// ---- map ---------------------------------------------------------------------------

let world = null;
const MAP_W = 960, MAP_H = 480;
const project = (lon, lat) => [((lon + 180) / 360) * MAP_W, ((90 - lat) / 180) * MAP_H];
const unproject = (x, y) => [(x / MAP_W) * 360 - 180, 90 - (y / MAP_H) * 180];

async function loadWorld() {
  if (world) return world;
  const response = await fetch("/static/vendor/countries-110m.json");
  const topo = await response.json();
  world = window.topojson.feature(topo, topo.objects.countries).features;
  return world;
}

// Equirectangular rings; a jump of more than 180° in longitude starts a new piece so
// that shapes crossing the antimeridian do not streak across the map.
function ringPath(ring) {
  let d = "", last = null;
  for (const [lon, lat] of ring) {
    const [x, y] = project(lon, lat);
    d += (last === null || Math.abs(lon - last) > 180 ? "M" : "L") + x.toFixed(1) + "," + y.toFixed(1);
    last = lon;
  }
  return d + "Z";
}

function featurePath(geometry) {
  if (!geometry) return "";
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polys.map((rings) => rings.map(ringPath).join("")).join("");
}

async function showMap(params) {
  const filters = withoutSort(filterParams(params));
  const [features, spots] = await Promise.all([loadWorld(), api("places", { ...filters, limit: 500 })]);
  const box = clear(document.getElementById("map"));
  const chart = svg("svg", { viewBox: `0 0 ${MAP_W} ${MAP_H}`, class: "worldmap" });
  chart.append(svg("rect", { x: 0, y: 0, width: MAP_W, height: MAP_H, class: "sea" }));
  for (const f of features) {
    const p = svg("path", { d: featurePath(f.geometry), class: "country" });
    svgTitle(p, (f.properties && f.properties.name) || "");
    chart.append(p);
  }
  const max = Math.max(1, ...spots.map((s) => s.events));
  for (const s of spots) {
    const [x, y] = project(s.lon, s.lat);
    const c = svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: (2.5 + 10 * Math.sqrt(s.events / max)).toFixed(1), class: "marker" });
    svgTitle(c, `${s.name}${s.country ? " (" + s.country + ")" : ""}: ${s.events} events`);
    c.addEventListener("click", () => {
      const b = [s.lon - 0.5, s.lat - 0.5, s.lon + 0.5, s.lat + 0.5].map((v) => v.toFixed(3)).join(",");
      location.hash = routeWith("events", { ...filters, bbox: b });
    });
    chart.append(c);
  }
  dragBox(chart, filters);
  box.append(chart, el("p", { class: "hint" }, spots.length + " places. Country boundaries: Natural Earth via world-atlas."));
}

function dragBox(chart, filters) {
  let start = null, rect = null;
  const point = (e) => {
    const r = chart.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * MAP_W, ((e.clientY - r.top) / r.height) * MAP_H];
  };
  chart.addEventListener("mousedown", (e) => {
    start = point(e);
    rect = svg("rect", { class: "selection", x: start[0], y: start[1], width: 0, height: 0 });
    chart.append(rect);
  });
  chart.addEventListener("mousemove", (e) => {
    if (!start) return;
    const [x, y] = point(e);
    rect.setAttribute("x", Math.min(x, start[0])); rect.setAttribute("y", Math.min(y, start[1]));
    rect.setAttribute("width", Math.abs(x - start[0])); rect.setAttribute("height", Math.abs(y - start[1]));
  });
  chart.addEventListener("mouseup", (e) => {
    if (!start) return;
    const end = point(e);
    const s = start; start = null;
    if (Math.abs(end[0] - s[0]) < 4 || Math.abs(end[1] - s[1]) < 4) { rect.remove(); return; }
    const [w, n] = unproject(Math.min(s[0], end[0]), Math.min(s[1], end[1]));
    const [east, south] = unproject(Math.max(s[0], end[0]), Math.max(s[1], end[1]));
    location.hash = routeWith("events", { ...filters, bbox: [w, south, east, n].map((v) => v.toFixed(2)).join(",") });
  });
}

// ---- search ------------------------------------------------------------------------

async function showSearch(q) {
  document.getElementById("search-q").value = q;
  const list = clear(document.getElementById("search-results"));
  const actorsBox = clear(document.getElementById("search-actors"));
  if (!q.trim()) return;
  const [found, actors] = await Promise.all([api("search", { q, limit: 50 }), api("actors", { q, limit: 12 })]);
  document.getElementById("search-total").textContent = "(" + found.total + " articles)";
  if (actors.length) {
    actorsBox.append(el("p", {}, "Actors: ", joinNodes(actors.map((a) => {
      const node = actorLink(a.name);
      setTip(node, [a.type + (a.country ? " · " + a.country : "") + (a.sector ? " · " + a.sector : ""), a.articles + " articles"]);
      return node;
    }), " · ")));
  }
  for (const item of found.items) {
    list.append(el("li", { class: "result" },
      link("article/" + encodeURIComponent(item.id), item.title || "(untitled)", "title"),
      el("div", { class: "meta" }, [item.published, item.publisher].filter(Boolean).join(" · ")),
      snippetNode(item.snippet)));
  }
  if (!found.items.length) list.append(el("li", {}, "No articles match."));
}

function snippetNode(snip) {
  const p = el("p", { class: "snippet" });
  let at = 0;
  if (snip.start > 0) p.append("…");
  for (const [s, e] of snip.marks) {
    if (s < at) continue;
    p.append(snip.text.slice(at, s), el("mark", {}, snip.text.slice(s, e)));
    at = e;
  }
  p.append(snip.text.slice(at), "…");
  return p;
}

// ---- actor profile -----------------------------------------------------------------

async function showActor(name) {
  const section = clear(document.getElementById("view-actor"));
  const profile = await api("actors/" + encodeURIComponent(name), { limit: 50 });
  const kinds = profile.kinds.map((k) => [k.type, k.country, k.sector, k.articles + " articles"].filter(Boolean).join(" · "));
  section.append(el("h2", {}, profile.name), el("p", { class: "meta" }, kinds.join(" | ")),
    el("p", {}, profile.events_total + " events as actor or recipient · ",
      el("a", { href: routeWith("events", { actor: profile.name }) }, "as actor in the event table"), " · ",
      el("a", { href: routeWith("events", { recipient: profile.name }) }, "as recipient")));
  const line = el("div", { class: "chart" });
  section.append(el("h3", {}, "Timeline"), line);
  drawTimeline(line, profile.by_month.map((m) => ({ period: m.period, total: m.events, by_quad: countQuads(profile.events, m.period, m.events) })), "month", null);
  const co = el("ul", { class: "co-actors" });
  for (const c of profile.co_actors) co.append(el("li", {}, actorLink(c.name), " " + c.events));
  section.append(el("h3", {}, "Acts with"), co);
  section.append(el("h3", {}, "Events" + (profile.events_total > profile.events.length ? ` (latest ${profile.events.length})` : "")), eventsTable(profile.events));
  section.append(el("h3", {}, "Quotes by " + profile.name), quoteList(profile.quotes_by));
  section.append(el("h3", {}, "Quotes about " + profile.name), quoteList(profile.quotes_about));
}

// The month chart colours bars by quad class from the events listed; months beyond the
// listed events are drawn as one class-less total.
function countQuads(events, period, total) {
  const q = { 1: 0, 2: 0, 3: 0, 4: 0 };
  let seen = 0;
  for (const ev of events) if (ev.day && ev.day.startsWith(period)) { q[ev.quad_class]++; seen++; }
  if (seen < total) q[1] += total - seen;
  return q;
}

function quoteList(quotes) {
  if (!quotes.length) return el("p", { class: "meta" }, "None found.");
  const ul = el("ul", { class: "quotes" });
  for (const q of quotes) {
    ul.append(el("li", {}, el("q", {}, q.text), " — ", q.speaker || q.speaker_text || "unnamed", " · ",
      link("article/" + encodeURIComponent(q.doc_id) + "/" + encodeURIComponent(q.id), q.title || "article", "evidence-link")));
  }
  return ul;
}

// ---- article with highlights -------------------------------------------------------

function annotations(doc) {
  const names = new Map(doc.entities.map((e) => [e.id, e.name]));
  const placeOf = new Map(doc.places.map((p) => [p.entity, p]));
  const anns = [];
  for (const e of doc.entities) {
    const place = placeOf.get(e.id);
    const tip = [`${e.name} · ${e.type}`, [e.actor && e.actor.country, e.actor && e.actor.sector, e.affiliation].filter(Boolean).join(" · "),
      e.titles && e.titles.length ? "titles: " + e.titles.join(", ") : "",
      place ? `place: ${place.lat.toFixed(3)}, ${place.lon.toFixed(3)} (${place.precision}${place.country ? ", " + place.country : ""})` : ""].filter(Boolean);
    for (const m of e.mentions) anns.push({ start: m.start, end: m.end, cls: place ? "place" : "ent ent-" + e.type, tip });
  }
  for (const t of doc.times) {
    anns.push({ start: t.start, end: t.end, cls: "time", tip: [`time: ${t.text}`, `value: ${t.value || "unresolved"}${t.granularity ? " (" + t.granularity + ")" : ""}`] });
  }
  for (const q of doc.quotes) {
    anns.push({ start: q.start, end: q.end, cls: "quote", ref: q.id,
      tip: [`quote by ${names.get(q.speaker) || q.speaker_text || "unnamed"}`, q.cue ? "cue: " + q.cue : ""].filter(Boolean) });
  }
  for (const ev of doc.events) {
    const who = (ids) => ids.map((i) => names.get(i) || i).join(", ");
    anns.push({ start: ev.evidence.start, end: ev.evidence.end, cls: "evidence", ref: ev.id,
      tip: [`event ${ev.type}: ${who(ev.actors)}${ev.recipients.length ? " → " + who(ev.recipients) : ""}`,
        `date: ${ev.date.value || "unknown"} · ${ev.modality} · confidence ${ev.confidence}`] });
  }
  return anns.filter((a) => Number.isInteger(a.start) && Number.isInteger(a.end) && a.start < a.end);
}

// Cuts the text at every annotation boundary; each piece carries the classes, tips and
// ids of all annotations covering it, so overlapping and nested spans both show.
function highlightedText(text, anns) {
  const cuts = [...new Set([0, text.length, ...anns.flatMap((a) => [a.start, a.end])])]
    .filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const box = el("div", { class: "article-text", id: "article-text" });
  for (let i = 0; i + 1 < cuts.length; i++) {
    const s = cuts[i], e = cuts[i + 1];
    const piece = text.slice(s, e);
    const on = anns.filter((a) => a.start <= s && a.end >= e);
    if (!on.length) { box.append(piece); continue; }
    const span = el("span", { class: [...new Set(on.map((a) => a.cls))].join(" ") }, piece);
    const refs = on.filter((a) => a.ref).map((a) => a.ref);
    if (refs.length) span.dataset.refs = refs.join(" ");
    setTip(span, on.flatMap((a) => a.tip));
    box.append(span);
  }
  return box;
}

async function showArticle(id, focus) {
  const section = clear(document.getElementById("view-article"));
  const { document: doc } = await api("articles/" + encodeURIComponent(id));
  const a = doc.article;
  const names = new Map(doc.entities.map((e) => [e.id, e.name]));
  section.append(el("h2", { class: "article-title" }, a.title || "(untitled)"),
    el("p", { class: "meta" }, [a.published, a.publisher, (a.authors || []).join(", "), doc.source.url || doc.source.path].filter(Boolean).join(" · ")));
  const legend = el("p", { class: "legend" }, "Highlights: ",
    ...["ent ent-PERSON|person", "ent ent-ORG|organisation", "ent ent-GPE|country", "place|place", "time|time", "quote|quote", "evidence|event evidence"]
      .map((x) => { const [cls, label] = x.split("|"); return el("span", { class: cls }, label); }));
  const textBox = highlightedText(a.text, annotations(doc));
  const events = el("ol", { class: "article-events" });
  for (const ev of doc.events) {
    const who = (ids) => ids.map((i) => names.get(i) || i).join(", ");
    events.append(el("li", { "data-event": ev.id },
      el("span", { class: "type q" + ev.quad_class }, ev.type), " ", who(ev.actors),
      ev.recipients.length ? " → " + who(ev.recipients) : "", " · ", ev.date.value || "undated", " · ", ev.modality, " ",
      link("article/" + encodeURIComponent(doc.id) + "/" + encodeURIComponent(ev.id), "evidence", "evidence-link")));
  }
  section.append(legend, el("div", { class: "article" }, textBox,
    el("aside", {}, el("h3", {}, "Events (" + doc.events.length + ")"), events,
      el("h3", {}, "Entities (" + doc.entities.length + ")"),
      el("ul", { class: "entity-list" }, ...doc.entities.map((e) => el("li", {}, actorLink(e.name), " " + e.type))))));
  if (focus) {
    const pieces = [...textBox.querySelectorAll("[data-refs]")].filter((s) => s.dataset.refs.split(" ").includes(focus));
    pieces.forEach((p) => p.classList.add("focus"));
    if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
  }
}

// ---- start -------------------------------------------------------------------------

async function start() {
  initTooltip();
  const select = document.getElementById("f-type");
  for (const t of TYPES) select.append(el("option", { value: t }, t));
  document.getElementById("filter-form").addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = routeWith(filterView(parseRoute().view), formToParams());
  });
  document.getElementById("reset").addEventListener("click", () => { location.hash = "#/" + filterView(parseRoute().view); });
  document.getElementById("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = routeWith("search", { q: document.getElementById("search-q").value.trim() });
  });
  for (const a of document.querySelectorAll("#tabs a")) {
    a.addEventListener("click", (e) => {
      e.preventDefault();
      location.hash = routeWith(a.dataset.tab, formToParams());
    });
  }
  window.addEventListener("hashchange", route);
  await route();
  api("stats").then((s) => {
    const c = s.counts;
    document.getElementById("stats").textContent =
      `${c.articles.toLocaleString()} articles · ${c.events.toLocaleString()} events · ${c.sources} sources · ${c.first_day || "?"} – ${c.last_day || "?"}`;
  }).catch(showError);
}

start();
