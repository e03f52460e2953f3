(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var current = null;

  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  function byNode(id) { return all("[data-nodes]").filter(function (m) { return m.getAttribute("data-nodes").split(" ").indexOf(id) >= 0; }); }
  function byQuote(id) { return all("[data-quotes]").filter(function (m) { return m.getAttribute("data-quotes").split(" ").indexOf(id) >= 0; }); }
  function flash(element) {
    element.classList.remove("flash");
    void element.getBoundingClientRect();
    element.classList.add("flash");
  }

  function select(id, options) {
    var panel = document.getElementById(id);
    if (!panel || !panel.classList.contains("node-panel")) { return false; }
    options = options || {};
    all(".current").forEach(function (e) { e.classList.remove("current"); });
    current = id;
    panel.classList.add("current");
    all(".map-node").forEach(function (n) {
      var on = n.getAttribute("data-node") === id;
      n.classList.toggle("current", on);
      n.setAttribute("aria-pressed", on ? "true" : "false");
    });
    var marks = options.quote ? byQuote(options.quote) : byNode(id);
    marks.forEach(function (m) { m.classList.add("current"); });
    if (options.fromSource !== true && marks.length) {
      marks[0].scrollIntoView({ block: "center", behavior: "auto" });
      marks.forEach(flash);
    }
    if (options.fromDiagram !== true) {
      var shape = document.querySelector('.map-node[data-node="' + id + '"]');
      if (shape) { shape.scrollIntoView({ block: "nearest", inline: "center", behavior: "auto" }); }
    }
    if (options.fromSource === true) { panel.scrollIntoView({ block: "nearest", behavior: "auto" }); flash(panel); }
    return true;
  }

  function activate(target, event) {
    var shape = target.closest(".map-node");
    if (shape) { event.preventDefault(); select(shape.getAttribute("data-node"), { fromDiagram: true }); return; }
    var mark = target.closest("mark[data-nodes]");
    if (mark) {
      var nodes = mark.getAttribute("data-nodes").split(" ");
      var next = nodes[(nodes.indexOf(current) + 1) % nodes.length];
      select(next, { fromSource: true });
      return;
    }
    var link = target.closest("a[data-node]");
    if (link) {
      event.preventDefault();
      select(link.getAttribute("data-node"), { quote: link.getAttribute("data-quote") });
    }
  }

  document.addEventListener("click", function (event) { activate(event.target, event); });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var target = event.target;
    if (target.closest && (target.closest(".map-node") || target.closest("mark[data-nodes]"))) {
      event.preventDefault();
      activate(target, event);
    }
  });

  var zoom = document.querySelector("button.zoom");
  var frame = document.querySelector(".diagram-frame");
  if (zoom && frame) {
    zoom.addEventListener("click", function () {
      var on = frame.classList.toggle("zoomed");
      zoom.setAttribute("aria-pressed", on ? "true" : "false");
      zoom.textContent = on ? "Fit to width" : "Full size";
      if (current) { select(current, { fromSource: true }); }
    });
  }

  var wanted = decodeURIComponent(window.location.hash.slice(1));
  if (wanted) { select(wanted); }
})();
