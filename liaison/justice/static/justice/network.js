// Draws the network of a criminal case on an SVG: a short force-directed layout computed once,
// then static, so the page stays still for reading. The table beside it carries the same data.
(function () {
  "use strict";
  var svg = document.getElementById("network-graph");
  var source = document.getElementById("network-data");
  if (!svg || !source) { return; }
  var data = JSON.parse(source.textContent);
  var NS = "http://www.w3.org/2000/svg";
  var width = 800, height = 600;
  // Above this many nodes the layout would take too long in the browser: draw the first ones.
  var LIMIT = 400;
  var nodes = data.nodes.slice(0, LIMIT);
  var index = {};
  nodes.forEach(function (n, i) {
    var angle = 2 * Math.PI * i / Math.max(nodes.length, 1);
    n.x = width / 2 + 200 * Math.cos(angle);
    n.y = height / 2 + 200 * Math.sin(angle);
    index[n.id] = n;
  });
  var edges = data.edges.filter(function (e) { return index[e.source] && index[e.target]; });
  var k = Math.sqrt(width * height / Math.max(nodes.length, 1));
  for (var step = 0; step < 150; step++) {
    var t = 10 * (1 - step / 150);
    nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
    for (var i = 0; i < nodes.length; i++) {
      for (var j = i + 1; j < nodes.length; j++) {
        var a = nodes[i], b = nodes[j];
        var dx = a.x - b.x, dy = a.y - b.y;
        var d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
        var f = k * k / d;
        a.dx += dx / d * f; a.dy += dy / d * f;
        b.dx -= dx / d * f; b.dy -= dy / d * f;
      }
    }
    edges.forEach(function (e) {
      var a = index[e.source], b = index[e.target];
      var dx = a.x - b.x, dy = a.y - b.y;
      var d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
      var f = d * d / k;
      a.dx -= dx / d * f; a.dy -= dy / d * f;
      b.dx += dx / d * f; b.dy += dy / d * f;
    });
    nodes.forEach(function (n) {
      var d = Math.max(Math.sqrt(n.dx * n.dx + n.dy * n.dy), 0.01);
      n.x = Math.min(width - 20, Math.max(20, n.x + n.dx / d * Math.min(d, t)));
      n.y = Math.min(height - 20, Math.max(20, n.y + n.dy / d * Math.min(d, t)));
    });
  }
  var colours = {
    person: "#1f5f99", company: "#7a3e9d", phone: "#2e7d32", account: "#b26a00",
    address: "#8d6e63", vehicle: "#455a64", online_profile: "#c2185b"
  };
  function element(name, attributes) {
    var el = document.createElementNS(NS, name);
    Object.keys(attributes).forEach(function (key) { el.setAttribute(key, attributes[key]); });
    return el;
  }
  var lines = edges.map(function (e) {
    var a = index[e.source], b = index[e.target];
    var line = element("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: "#999", "stroke-width": 1.5 });
    var title = element("title", {});
    title.textContent = e.relation;
    line.appendChild(title);
    svg.appendChild(line);
    return { edge: e, line: line };
  });
  nodes.forEach(function (n) {
    var group = element("g", { tabindex: 0, role: "button", "aria-label": n.kind_label + " " + n.value });
    var radius = 6 + 14 * n.betweenness;
    group.appendChild(element("circle", { cx: n.x, cy: n.y, r: radius, fill: colours[n.kind] || "#333" }));
    var label = element("text", { x: n.x + radius + 2, y: n.y + 4, "font-size": 11, fill: "#222" });
    label.textContent = (n.labels[0] || n.value);
    group.appendChild(label);
    function select() {
      lines.forEach(function (l) {
        var on = l.edge.source === n.id || l.edge.target === n.id;
        l.line.setAttribute("stroke", on ? "#d32f2f" : "#999");
        l.line.setAttribute("stroke-width", on ? 3 : 1.5);
      });
    }
    group.addEventListener("click", select);
    group.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(); }
    });
    svg.appendChild(group);
  });
})();
