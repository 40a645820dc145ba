// The graph view: a node's neighbourhood (or an overview) drawn with Cytoscape.js, served from
// this package (static/vendor), never from a CDN. Exposes the instance as window.cy.
(function () {
  "use strict";
  var colours = { person: "#d9480f", post: "#7048e8", org: "#1971c2", event: "#2b8a3e",
                  document: "#e67700", article: "#495057" };
  var shapes = { person: "ellipse", post: "round-rectangle", org: "hexagon", event: "diamond",
                 document: "rectangle", article: "tag" };
  var pages = { person: 1, post: 1, org: 1, event: 1, document: 1, article: 1 };

  function pageOf(d) {
    return pages[d.kind] ? "/" + d.kind + "?id=" + encodeURIComponent(d.id) : null;
  }

  function start() {
    var box = document.getElementById("cy-graph");
    var info = document.getElementById("cy-info");
    if (!box) return;
    fetch(box.getAttribute("data-src"), { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (data) {
        var cy = cytoscape({
          container: box,
          elements: { nodes: data.nodes, edges: data.edges },
          wheelSensitivity: 0.3,
          style: [
            { selector: "node", style: {
                "background-color": function (n) { return colours[n.data("kind")] || "#888"; },
                "shape": function (n) { return shapes[n.data("kind")] || "ellipse"; },
                "label": "data(label)", "font-size": 9, "color": "#1d2330",
                "text-valign": "bottom", "text-margin-y": 3, "width": 16, "height": 16,
                "text-wrap": "ellipsis", "text-max-width": 140 } },
            { selector: "node[?center]", style: { "width": 28, "height": 28, "border-width": 3,
                "border-color": "#111", "font-weight": "bold", "font-size": 11 } },
            { selector: "edge", style: { "width": 1.2, "line-color": "#c3c8d0", "curve-style": "bezier",
                "target-arrow-shape": "triangle", "target-arrow-color": "#c3c8d0", "arrow-scale": 0.7,
                "label": "data(label)", "font-size": 7, "color": "#98a2b3", "text-rotation": "autorotate" } },
            { selector: ":selected", style: { "border-width": 3, "border-color": "#f79009" } }
          ],
          layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 9000; },
                    idealEdgeLength: function () { return 70; }, numIter: 1500 }
        });
        window.cy = cy;
        var total = data.nodes.length + " nodes, " + data.edges.length + " edges" +
          (data.truncated ? " (cut: more neighbours than shown)" : "");
        info.textContent = total;
        box.setAttribute("data-nodes", String(data.nodes.length));
        cy.on("tap", "node", function (evt) {
          var d = evt.target.data();
          info.textContent = "";
          var strong = document.createElement("strong");
          strong.textContent = d.full + " ";
          info.appendChild(strong);
          var url = pageOf(d);
          if (url) {
            var a = document.createElement("a"); a.href = url; a.textContent = "open page";
            info.appendChild(a);
            info.appendChild(document.createTextNode(" · "));
          }
          var g = document.createElement("a");
          g.href = "/graph?id=" + encodeURIComponent(d.id); g.textContent = "centre the graph here";
          info.appendChild(g);
        });
        cy.on("dbltap", "node", function (evt) {
          var url = pageOf(evt.target.data());
          if (url) window.location.href = url;
        });
      })
      .catch(function (err) {
        info.textContent = "Could not load the graph: " + err.message;
        box.setAttribute("data-error", err.message);
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
