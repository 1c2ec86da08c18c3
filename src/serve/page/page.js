// The editors' page: posts the article to /api/check, highlights each
// finding in the text (offsets are UTF-16, as JavaScript strings count),
// lists them, explains one when clicked, and applies fixes.
"use strict";

const $ = (id) => document.getElementById(id);
const text = $("text");
const source = $("source");

const LANGUAGES = {
  auto: "detect", en: "English", fr: "French", es: "Spanish", de: "German", it: "Italian", pt: "Portuguese",
};

function fill(select, codes) {
  select.replaceChildren(...codes.map((code) => new Option(LANGUAGES[code], code)));
}

fill($("source-lang"), ["fr", "es", "de", "it", "pt"]);
fill($("target-lang"), ["auto", "en", "es", "de", "it", "pt"]);

let findings = [];
let rules = {};
let selected = -1;

function request() {
  return {
    text: text.value,
    source: source.value.trim() ? source.value : null,
    markdown: $("markdown").checked,
    source_lang: $("source-lang").value,
    target_lang: $("target-lang").value,
  };
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error((await response.text()).replace(/^Error: /, "").trim());
  }
  return response.json();
}

function status(message, bad) {
  $("status").textContent = message;
  $("status").className = bad ? "bad" : "";
}

async function check() {
  if (!text.value.trim()) {
    status("Paste or drop an article first.", true);
    return;
  }
  status("Checking…");
  try {
    const checked = await post("/api/check", request());
    findings = checked.findings;
    rules = checked.rules;
    selected = -1;
    render(text.value);
    const bilingual = request().source ? ", with its source" : "";
    status(`Checked as ${checked.source_lang}→${checked.target_lang}${bilingual}.`);
  } catch (error) {
    status(error.message, true);
  }
}

// Cuts the text at every finding edge; each piece is wrapped in a mark for
// every finding covering it, so overlapping findings all stay visible.
function render(value) {
  const view = $("view");
  view.replaceChildren();
  const edges = new Set([0, value.length]);
  for (const f of findings) {
    edges.add(f.start_utf16);
    edges.add(f.end_utf16);
  }
  const cuts = [...edges].sort((a, b) => a - b);
  for (let k = 0; k < cuts.length; k++) {
    const at = cuts[k];
    findings.forEach((f, i) => {
      if (f.start_utf16 === at && f.end_utf16 === at) view.append(mark(i, null));
    });
    if (k + 1 === cuts.length) break;
    const end = cuts[k + 1];
    let node = document.createTextNode(value.slice(at, end));
    findings.forEach((f, i) => {
      if (f.start_utf16 <= at && end <= f.end_utf16 && f.start_utf16 < f.end_utf16) node = mark(i, node);
    });
    view.append(node);
  }
  const list = $("findings");
  list.replaceChildren(...findings.map(item));
  const errors = findings.filter((f) => f.severity === "error").length;
  $("count").textContent = `(${findings.length}${errors ? `, ${errors} errors` : ""})`;
  $("detail").hidden = true;
}

// A mark around `inner` (null: an empty finding, shown as a caret).
function mark(i, inner) {
  const m = document.createElement("mark");
  if (inner) m.append(inner);
  m.className = findings[i].severity + (inner ? "" : " empty");
  m.dataset.finding = i;
  m.title = findings[i].message;
  m.addEventListener("click", (e) => {
    e.stopPropagation();
    select(i);
  });
  return m;
}

function item(f, i) {
  const li = document.createElement("li");
  li.dataset.finding = i;
  const severity = document.createElement("span");
  severity.className = `severity ${f.severity}`;
  severity.textContent = f.severity;
  const rule = document.createElement("span");
  rule.className = "rule";
  rule.textContent = ` ${f.rule} · line ${f.line}`;
  li.append(severity, f.message, rule);
  li.addEventListener("click", () => select(i));
  return li;
}

function select(i) {
  selected = i;
  const f = findings[i];
  for (const el of document.querySelectorAll(".selected")) el.classList.remove("selected");
  for (const el of document.querySelectorAll(`[data-finding="${i}"]`)) el.classList.add("selected");
  document.querySelector(`mark[data-finding="${i}"]`)?.scrollIntoView({ block: "nearest" });
  $("detail").hidden = false;
  $("detail-rule").textContent = `${f.rule} (${f.category}, ${f.severity})`;
  $("detail-message").textContent = f.message;
  const has = typeof f.suggestion === "string";
  $("detail-suggestion").textContent = !has ? "No suggestion." : f.suggestion === "" ? "Suggestion: delete it." : `Suggestion: ${f.suggestion}`;
  $("apply").hidden = !has;
  $("detail-explanation").textContent = rules[f.rule]?.explanation ?? "";
}

async function applyOne() {
  const f = findings[selected];
  if (!f || typeof f.suggestion !== "string") return;
  const value = text.value;
  text.value = value.slice(0, f.start_utf16) + f.suggestion + value.slice(f.end_utf16);
  await check();
}

async function fixAll() {
  try {
    const fixed = await post("/api/fix", request());
    text.value = fixed.text;
    await check();
    if (!fixed.changed) status("No safe fix to apply.");
  } catch (error) {
    status(error.message, true);
  }
}

async function copy() {
  try {
    await navigator.clipboard.writeText(text.value);
  } catch {
    text.select();
    document.execCommand("copy");
  }
  status("Text copied.");
}

// A file dropped on a text box replaces its content.
function droppable(area) {
  area.addEventListener("dragover", (e) => {
    e.preventDefault();
    area.classList.add("drop");
  });
  area.addEventListener("dragleave", () => area.classList.remove("drop"));
  area.addEventListener("drop", async (e) => {
    e.preventDefault();
    area.classList.remove("drop");
    const file = e.dataTransfer.files[0];
    if (file) {
      area.value = await file.text();
      if (/\.md$/i.test(file.name) && area === text) $("markdown").checked = true;
      check();
    }
  });
}

droppable(text);
droppable(source);
text.addEventListener("paste", () => setTimeout(check, 0));
$("check").addEventListener("click", check);
$("fix-all").addEventListener("click", fixAll);
$("copy").addEventListener("click", copy);
$("apply").addEventListener("click", applyOne);
