/* Progressive enhancement only: every page works without JavaScript.
   - a "Copy link" button beside each permanent link to an answer or claim
   - a filter box on the FAQ index that narrows the questions as you type */
(function () {
  "use strict";

  function addCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll(".kb-permalink a[href^='#']").forEach(function (link) {
      var status = document.createElement("span");
      status.className = "kb-copy-status";
      status.setAttribute("role", "status");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-copy";
      button.textContent = "Copy link";
      var hidden = link.querySelector(".kb-sr-only");
      if (hidden) button.setAttribute("aria-label", "Copy link" + hidden.textContent);
      button.addEventListener("click", function () {
        var url = window.location.href.split("#")[0] + link.getAttribute("href");
        navigator.clipboard.writeText(url).then(
          function () { status.textContent = "Link copied"; },
          function () { status.textContent = "Could not copy: use the link instead"; }
        );
        window.setTimeout(function () { status.textContent = ""; }, 4000);
      });
      link.parentNode.append(" ", button, " ", status);
    });
  }

  function addFaqFilter() {
    var index = document.querySelector(".kb-faq-index");
    if (!index) return;
    var items = index.querySelectorAll("li");
    var wrap = document.createElement("div");
    wrap.className = "kb-filter";
    var label = document.createElement("label");
    label.htmlFor = "kb-filter-input";
    label.textContent = "Filter questions";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "kb-filter-input";
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "kb-filter-status";
    status.setAttribute("role", "status");
    wrap.append(label, input, status);
    index.parentNode.insertBefore(wrap, index);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var text = item.textContent.toLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      index.querySelectorAll(".kb-faq-group").forEach(function (group) {
        group.hidden = !group.querySelector("li:not([hidden])");
      });
      status.textContent = words.length ? shown + " of " + items.length + " questions match" : "";
    });
  }

  addCopyButtons();
  addFaqFilter();
})();
