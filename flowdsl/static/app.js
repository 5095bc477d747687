// flowdsl serve: the page. The editor (CodeMirror 5), the diagrams beside it, the
// diagnostics under it. Everything comes from this server (no CDN: it works offline).
// Text from the case (names, messages, hints, file names) is always inserted with
// textContent; the SVG comes from flowdsl's renderer, which escapes the text in it.
/* global CodeMirror, defineFlowdslMode */
(function () {
  "use strict";

  var T = {
    zh: {file: "文件", save: "保存", notation: "表示法", from_file: "按文件", textbook: "教材", paper: "纸张",
         screen: "屏幕（自然大小）", lanes: "泳道", vertical: "纵向", horizontal: "横向", lang: "语言",
         edges: "连线", curved: "曲线", orthogonal: "正交（直角）",
         drawio: "下载 draw.io", diagnostics: "诊断", error: "错误", warning: "警告", hint: "提示：",
         at: function (l, c) { return "第 " + l + " 行第 " + c + " 列"; }, none: "没有问题",
         count: function (e, w) { return e + " 个错误，" + w + " 个警告"; }, checking: "检查中…",
         rendering: "绘制中…", done: function (ms) { return "已更新（" + ms + " 毫秒）"; },
         stale: "文本有错误：显示的是上一次正确时的图", saved: "已保存", unsaved: "未保存",
         discard: "当前文件的修改尚未保存，仍要打开另一个文件吗？", failed: "失败：", empty: "（没有图）",
         sheet: function (i, n) { return "第 " + i + " / " + n + " 张"; }},
    en: {file: "File", save: "Save", notation: "Notation", from_file: "as in the file", textbook: "textbook",
         paper: "Paper", screen: "screen (natural size)", lanes: "Lanes", vertical: "vertical",
         horizontal: "horizontal", lang: "Language", edges: "Arrows", curved: "curved",
         orthogonal: "right angles", drawio: "Download draw.io", diagnostics: "Diagnostics",
         error: "error", warning: "warning", hint: "hint: ",
         at: function (l, c) { return "line " + l + ", column " + c; }, none: "no problems",
         count: function (e, w) { return e + " error(s), " + w + " warning(s)"; }, checking: "checking…",
         rendering: "drawing…", done: function (ms) { return "updated (" + ms + " ms)"; },
         stale: "the text has errors: these are the diagrams of its last correct state", saved: "saved",
         unsaved: "not saved", discard: "The changes to this file are not saved. Open another file anyway?",
         failed: "failed: ", empty: "(no diagrams)",
         sheet: function (i, n) { return "sheet " + i + " of " + n; }}
  };
  var STARTER = {
    zh: "业务流程图 请假 \"请假流程\" {\n  单位 员工\n  单位 主管\n  单据 请假单\n  员工 -> 请假单 -> 主管\n}\n",
    en: "chart leave \"Leave request\" {\n  unit clerk\n  unit manager\n  document form\n  clerk -> form -> manager\n}\n"
  };
  var DEBOUNCE = 300;

  var state = {lang: "zh", path: null, version: null, dirty: false, seq: 0, timer: null, marks: [],
               diagnostics: [], hasFolder: false, loading: false};
  var cm = null;

  function $(id) { return document.getElementById(id); }
  function t(key) { return T[state.lang][key]; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function status(text) { $("status").textContent = text; }

  function applyLang() {
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-t]").forEach(function (e) { e.textContent = t(e.getAttribute("data-t")); });
  }

  function api(method, url, body) {
    var opts = {method: method, headers: {}};
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) { throw new Error((state.lang === "zh" && data.error_zh) || data.error || r.statusText); }
        return data;
      });
    });
  }

  function request() {
    return {text: cm.getValue(), notation: $("notation").value, paper: $("paper").value,
            lanes: $("lanes").value, edges: $("edges").value, lang: state.lang, name: state.path};
  }

  // ---- positions: the server counts characters (code points) from 1, CodeMirror UTF-16 units from 0
  function toPos(line, col) {
    var ln = Math.max(0, Math.min(cm.lineCount() - 1, line - 1));
    var text = cm.getLine(ln), ch = 0, n = 1;
    for (var c of text) {
      if (n >= col) { break; }
      ch += c.length;
      n += 1;
    }
    return {line: ln, ch: ch};
  }
  function range(d) {
    var from = toPos(d.line, d.col), to = toPos(d.end_line || d.line, d.end_col || d.col);
    if (to.line < from.line || (to.line === from.line && to.ch <= from.ch)) {
      var len = cm.getLine(from.line).length;
      if (from.ch < len) { to = {line: from.line, ch: from.ch + 1}; }
      else if (from.ch > 0) { to = from; from = {line: from.line, ch: from.ch - 1}; }
      else { to = from; }
    }
    return {from: from, to: to};
  }

  // ---- diagnostics: the list under the editor, the marks in it
  function showDiagnostics(list) {
    state.diagnostics = list;
    state.marks.forEach(function (m) { m.clear(); });
    state.marks = [];
    cm.clearGutter("fd-gutter");
    var ol = $("diagnostics");
    ol.textContent = "";
    var errors = 0, gutter = {};
    list.forEach(function (d) {
      if (d.severity === "error") { errors += 1; }
      var r = range(d);
      var text = d.code + ": " + d.message;
      if (r.from.line !== r.to.line || r.from.ch !== r.to.ch) {
        state.marks.push(cm.markText(r.from, r.to, {className: "fd-mark fd-" + d.severity, title: text}));
      }
      var g = gutter[r.from.line];
      if (!g || (g.severity !== "error" && d.severity === "error")) { gutter[r.from.line] = {severity: d.severity, text: text}; }
      var li = el("li", "diag fd-" + d.severity);
      li.appendChild(el("span", "sev", t(d.severity) || d.severity));
      li.appendChild(el("span", "code", d.code));
      li.appendChild(el("span", "pos", t("at")(d.line, d.col)));
      li.appendChild(el("span", "msg", d.message));
      if (d.hint) { li.appendChild(el("span", "hint", t("hint") + d.hint)); }
      li.tabIndex = 0;
      li.addEventListener("click", function () { cm.focus(); cm.setSelection(r.from, r.to); cm.scrollIntoView(r.from, 60); });
      li.addEventListener("keydown", function (e) { if (e.key === "Enter") { li.click(); } });
      ol.appendChild(li);
    });
    Object.keys(gutter).forEach(function (line) {
      var g = gutter[line];
      var m = el("span", "fd-gutter-mark fd-" + g.severity, g.severity === "error" ? "●" : "▲");
      m.title = g.text;
      cm.setGutterMarker(Number(line), "fd-gutter", m);
    });
    $("diag-count").textContent = list.length ? t("count")(errors, list.length - errors) : t("none");
    $("diag-count").className = errors ? "has-errors" : (list.length ? "has-warnings" : "clean");
  }

  // ---- diagrams
  function svgNode(text) {
    var doc = new DOMParser().parseFromString(text, "image/svg+xml");
    if (doc.getElementsByTagName("parsererror").length || doc.documentElement.nodeName !== "svg") { return null; }
    return document.importNode(doc.documentElement, true);
  }
  function showDiagrams(res) {
    var box = $("diagrams"), err = $("render-error");
    err.hidden = !res.error;
    err.textContent = res.error ? t("failed") + res.error : "";
    var errors = res.diagnostics.some(function (d) { return d.severity === "error"; });
    if (errors) {  // keep the last correct diagrams, marked as such
      if (box.childNodes.length) { box.classList.add("stale"); err.hidden = false; err.textContent = t("stale"); }
      return;
    }
    box.classList.remove("stale");
    box.textContent = "";
    var toc = $("toc");
    toc.textContent = "";
    if (!res.diagrams.length && !res.error) { box.appendChild(el("p", "empty", t("empty"))); }
    res.diagrams.forEach(function (d, index) {
      var fig = el("figure", "diagram");
      fig.id = "diagram-" + index;
      if (res.diagrams.length > 1) {  // a case of several diagrams: a row of links to each
        var link = el("button", "toc-item", d.title || d.name);
        link.type = "button";
        link.addEventListener("click", function () { fig.scrollIntoView({block: "start"}); });
        toc.appendChild(link);
      }
      var cap = el("figcaption");
      cap.appendChild(el("span", "title", d.title || d.name));
      cap.appendChild(el("span", "name", d.name));
      ["svg", "png", "pdf"].forEach(function (fmt) {
        var b = el("button", "dl", fmt.toUpperCase());
        b.type = "button";
        b.addEventListener("click", function () { download(fmt, index); });
        cap.appendChild(b);
      });
      fig.appendChild(cap);
      d.sheets.forEach(function (s, i) {
        var node = svgNode(s);
        var wrap = el("div", "sheet");
        if (d.sheets.length > 1) { wrap.appendChild(el("div", "sheet-no", t("sheet")(i + 1, d.sheets.length))); }
        if (node) { wrap.appendChild(node); }
        fig.appendChild(wrap);
      });
      box.appendChild(fig);
    });
  }

  // ---- the loop: typing -> (300 ms) -> check -> render
  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(update, DEBOUNCE);
  }
  function update() {
    var seq = ++state.seq, req = request(), started = performance.now();
    status(t("checking"));
    api("POST", "/api/check", req).then(function (res) {
      if (seq !== state.seq) { return null; }
      showDiagnostics(res.diagnostics);
      status(t("rendering"));
      return api("POST", "/api/render", req);
    }).then(function (res) {
      if (!res || seq !== state.seq) { return; }
      showDiagnostics(res.diagnostics);
      showDiagrams(res);
      status(t("done")(Math.round(performance.now() - started)) + (state.dirty ? " · " + t("unsaved") : ""));
      document.body.setAttribute("data-rendered", String(seq));
    }).catch(function (e) {
      if (seq === state.seq) { status(t("failed") + e.message); }
    });
  }

  function download(format, index) {
    var body = request();
    body.format = format;
    body.index = index;
    fetch("/api/download", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (r) {
        if (!r.ok) {
          return r.json().then(function (d) { throw new Error((state.lang === "zh" && d.error_zh) || d.error || r.statusText); });
        }
        var cd = r.headers.get("Content-Disposition") || "", m = /filename\*=UTF-8''([^;]+)/.exec(cd);
        var name = m ? decodeURIComponent(m[1]) : "diagram." + format;
        return r.blob().then(function (blob) {
          var a = el("a");
          a.href = URL.createObjectURL(blob);
          a.download = name;
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
        });
      }).catch(function (e) { status(t("failed") + e.message); });
  }

  // ---- the folder's files
  function openFile(path) {
    return api("GET", "/api/file?path=" + encodeURIComponent(path)).then(function (res) {
      state.loading = true;
      cm.setValue(res.text);
      cm.clearHistory();
      state.loading = false;
      state.path = res.path;
      state.version = res.version;
      state.dirty = false;
      $("file").value = res.path;
      update();
    }).catch(function (e) { status(t("failed") + e.message); });
  }
  function save() {
    if (!state.path) { return; }
    api("PUT", "/api/file?path=" + encodeURIComponent(state.path), {text: cm.getValue(), base: state.version})
      .then(function (res) { state.version = res.version; state.dirty = false; status(t("saved")); })
      .catch(function (e) { status(t("failed") + e.message); });
  }
  function loadFiles(info) {
    return api("GET", "/api/files").then(function (res) {
      var sel = $("file");
      sel.textContent = "";
      res.files.forEach(function (f) { var o = el("option", null, f); o.value = f; sel.appendChild(o); });
      $("file-box").hidden = false;
      $("save").hidden = false;
      var first = info.open || res.files[0];
      if (first) { return openFile(first); }
      cm.setValue("");
      return update();
    });
  }

  function start(info, syntax) {
    state.lang = info.lang === "en" ? "en" : "zh";
    $("lang").value = state.lang;
    applyLang();
    defineFlowdslMode(syntax);
    cm = CodeMirror($("editor"), {
      mode: "flowdsl", lineNumbers: true, indentUnit: 2, tabSize: 2, lineWrapping: false,
      gutters: ["fd-gutter", "CodeMirror-linenumbers"], autofocus: true,
      extraKeys: {"Ctrl-S": save, "Cmd-S": save, "Ctrl-/": "toggleComment"}
    });
    window.flowdslEditor = cm;  // for the browser tests and the curious
    cm.on("change", function () {
      if (state.loading) { return; }
      if (state.path) { state.dirty = true; }
      else { try { localStorage.setItem("flowdsl-text", cm.getValue()); } catch (e) { /* private mode */ } }
      schedule();
    });
    ["notation", "paper", "lanes", "edges"].forEach(function (id) { $(id).addEventListener("change", update); });
    $("lang").addEventListener("change", function () { state.lang = $("lang").value; applyLang(); update(); });
    $("drawio").addEventListener("click", function () { download("drawio", 0); });
    $("save").addEventListener("click", save);
    $("file").addEventListener("change", function () {
      var want = $("file").value;
      if (state.dirty && !window.confirm(t("discard"))) { $("file").value = state.path; return; }
      openFile(want);
    });
    window.addEventListener("beforeunload", function (e) { if (state.dirty) { e.preventDefault(); e.returnValue = ""; } });
    if (info.folder) { return loadFiles(info); }
    var kept = null;
    try { kept = localStorage.getItem("flowdsl-text"); } catch (e) { kept = null; }
    state.loading = true;
    cm.setValue(kept !== null ? kept : STARTER[state.lang]);
    state.loading = false;
    return update();
  }

  Promise.all([api("GET", "/api/info"), api("GET", "/api/syntax")])
    .then(function (r) { return start(r[0], r[1]); })
    .catch(function (e) { $("status").textContent = "flowdsl: " + e.message; });
})();
