/* Progressive enhancement only: every page works without JavaScript.
   - glossary definitions beside a term on hover and on keyboard focus
   - the light/dark switch in the header (the scheme itself is applied while
     the page is parsed: overrides/partials/javascripts/palette.html)
   - a "Copy link" button beside each permanent link
   - ready citations: full address, today's date and a "Copy citation" button
   - a filter box on the FAQ index and on the clinics' link kit
   - the self-check quiz: answer buttons, score and retry */
(function () {
  "use strict";

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function makeButton(className, text) {
    var button = make("button", className, text);
    button.type = "button";
    return button;
  }

  /* A live region: screen readers announce what is written into it. */
  function makeStatus(tag, className) {
    var status = make(tag, className);
    status.setAttribute("role", "status");
    return status;
  }

  /* A copy button and its live status after `anchor`: copies what text() returns. */
  function addCopyButton(anchor, label, name, text, done, failed) {
    var status = makeStatus("span", "kb-copy-status");
    var button = makeButton("kb-copy", label);
    button.setAttribute("aria-label", label + name);
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text()).then(
        function () { status.textContent = done; },
        function () { status.textContent = failed; }
      );
      window.setTimeout(function () { status.textContent = ""; }, 4000);
    });
    anchor.after(" ", button, " ", status);
  }

  function addCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll(".kb-permalink a[href^='#'], a.kb-copyable").forEach(function (link) {
      var hidden = link.querySelector(".kb-sr-only");
      addCopyButton(link, "Copy link", hidden ? hidden.textContent : ": " + link.textContent,
        function () { return link.href; }, "Link copied", "Could not copy: use the link instead");
    });
  }

  /* The light/dark switch: the theme's markup, with our handling instead of the
     theme's palette component (see overrides/partials/palette.html). Clicking
     the icon checks the next option; Enter does the same from the keyboard.
     The choice is stored where the theme stores it; until a reader chooses,
     the page follows their system's setting, also when it changes. */
  function enhancePalette() {
    var palette = window.__kb_palette;
    var form = document.querySelector("[data-kb-palette]");
    if (!palette || !form) return;
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
    var body = document.body;
    function choose(index, remember) {
      body.setAttribute("data-md-color-switching", "");  /* the theme's: no colour transitions */
      palette.apply(index);
      if (remember) {
        var input = inputs[index];
        var color = {};
        ["media", "scheme", "primary", "accent"].forEach(function (key) {
          color[key] = input.getAttribute("data-md-color-" + key);
        });
        window.__md_set("__palette", { index: index, color: color });
      }
      window.setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
    }
    inputs.forEach(function (input, index) {
      input.addEventListener("change", function () { choose(index, true); });
    });
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var current = inputs.findIndex(function (input) { return input.checked; });
      var next = inputs[(current + 1) % inputs.length];
      next.click();
      next.focus();
    });
    inputs.forEach(function (input) {
      matchMedia(input.getAttribute("data-md-color-media")).addEventListener("change", function () {
        if (!palette.saved()) choose(palette.system(), false);
      });
    });
  }

  /* Glossary terms (a.kb-term, linked by macros/glossary_links.py) carry their
     definition in a title attribute: without JavaScript the browser shows it on
     hover and screen readers read it as the link's description. Here one
     tooltip shows it on hover and on keyboard focus too. Nothing is set up per
     term: the first hover or focus moves the title into the tooltip, which
     then describes the term (aria-describedby). The tooltip can be hovered,
     stays while the term is hovered or focused, and Escape closes it (WCAG
     1.4.13). Instead of the theme's content.tooltips, which sets up every
     titled element on page load (about 130 ms of blocked main thread under
     Lighthouse's mobile CPU setting, on the longest article). */
  function glossaryTooltips() {
    var tip = null;
    var current = null;
    var timer = 0;
    function term(node) {
      return node && node.closest ? node.closest("a.kb-term") : null;
    }
    function cancelHide() {
      window.clearTimeout(timer);
    }
    function hide() {
      cancelHide();
      if (tip) tip.hidden = true;
      current = null;
    }
    function hideSoon() {
      cancelHide();
      timer = window.setTimeout(hide, 300);
    }
    function show(link) {
      cancelHide();
      if (link.hasAttribute("title")) {
        link.setAttribute("data-kb-definition", link.title);
        link.removeAttribute("title");
        link.setAttribute("aria-describedby", "kb-tooltip");
      }
      if (!tip) {
        tip = make("div", "kb-tooltip");
        tip.id = "kb-tooltip";
        tip.setAttribute("role", "tooltip");
        tip.addEventListener("mouseenter", cancelHide);
        tip.addEventListener("mouseleave", hideSoon);
        document.body.appendChild(tip);
      }
      current = link;
      tip.textContent = link.getAttribute("data-kb-definition");
      tip.hidden = false;
      var box = link.getBoundingClientRect();
      var gap = 6;
      var below = box.bottom + gap + tip.offsetHeight <= window.innerHeight || box.top < tip.offsetHeight + gap;
      var left = Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
      tip.style.left = Math.max(8, left) + window.scrollX + "px";
      tip.style.top = (below ? box.bottom + gap : box.top - gap - tip.offsetHeight) + window.scrollY + "px";
    }
    document.addEventListener("mouseover", function (event) {
      var link = term(event.target);
      if (link) show(link);
    });
    document.addEventListener("mouseout", function (event) {
      var link = term(event.target);
      if (link && link === current && !link.contains(event.relatedTarget)) hideSoon();
    });
    document.addEventListener("focusin", function (event) {
      var link = term(event.target);
      if (link) show(link);
    });
    document.addEventListener("focusout", function (event) {
      if (term(event.target) === current) hide();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current) hide();
    });
  }

  /* "23 November 2026", as en-GB writes it. (Not toLocaleDateString: its first
     call loads locale data, about 100 ms of blocked main thread under
     Lighthouse's mobile CPU setting.) */
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  function longDate(date) {
    return date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
  }

  /* Ready citations: this page's full address, today's date as the accessed date,
     and a copy button. Without JavaScript the reader fills in the date. */
  function enhanceCitations() {
    var now = new Date();
    var today = longDate(now);
    var iso = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
      .map(function (n) { return n < 10 ? "0" + n : String(n); }).join("-");
    document.querySelectorAll(".kb-citation").forEach(function (block) {
      var anchor = block.getAttribute("data-anchor");
      if (window.location.origin !== "null") {  /* not a file opened from disk */
        block.querySelector(".kb-citation-url").textContent =
          window.location.origin + window.location.pathname + (anchor ? "#" + anchor : "");
      }
      var accessed = block.querySelector(".kb-citation-accessed");
      var time = make("time", "kb-citation-accessed", today);
      time.dateTime = iso;
      accessed.replaceWith(time);
      if (!navigator.clipboard) return;
      var text = block.querySelector(".kb-citation-text");
      var name = block.querySelector(".kb-citation-label .kb-sr-only");
      addCopyButton(text,
        "Copy citation", name ? name.textContent : "",
        function () { return text.textContent.replace(/\s+/g, " ").trim(); },
        "Citation copied", "Could not copy: select the citation text instead");
    });
  }

  /* The filter box above a long list of links (the FAQ index, the clinics' link
     kit): drawn with the page by macros/templates/_filter.html.j2, wired up here. */
  function addFilter(list, noun) {
    var wrap = list.previousElementSibling;
    if (!wrap || !wrap.classList.contains("kb-filter")) return;
    var items = list.querySelectorAll("li");
    var input = wrap.querySelector("input");
    var status = wrap.querySelector(".kb-filter-status");
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var text = item.textContent.toLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) !== -1; });
        item.hidden = !match;
        if (match && !item.querySelector("li")) shown += 1;
      });
      list.querySelectorAll("ul").forEach(function (ul) {
        var empty = !ul.querySelector("li:not([hidden])");
        var heading = ul.previousElementSibling;
        if (heading && heading.tagName === "H3") heading.hidden = empty;
      });
      list.querySelectorAll(".kb-faq-group, .kb-kit-group").forEach(function (group) {
        group.hidden = !group.querySelector("li:not([hidden])");
      });
      var total = Array.prototype.filter.call(items, function (i) { return !i.querySelector("li"); }).length;
      status.textContent = words.length ? shown + " of " + total + " " + noun + " match" : "";
    });
  }

  /* Embed snippets name the site's own address, wherever it is served from. */
  function absoluteSnippets() {
    document.querySelectorAll(".kb-snippet code").forEach(function (code) {
      code.textContent = code.textContent.replace('src="/', 'src="' + window.location.origin + "/");
    });
  }

  /* The self-check quiz: options become buttons, answers are marked in words,
     the score is shown, and wrong answers can be tried again. Nothing is stored
     or sent anywhere. */
  function enhanceQuiz() {
    var quiz = document.querySelector(".kb-quiz");
    if (!quiz) return;
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".kb-quiz-q"));
    var results = {};
    var bar = quiz.previousElementSibling;  /* drawn with the page: macros/templates/quiz.html.j2 */
    if (!bar || !bar.classList.contains("kb-quiz-bar")) return;
    var score = bar.querySelector(".kb-quiz-score");
    var retry = makeButton("kb-copy", "Try the ones I got wrong again");
    retry.hidden = true;
    var showAll = makeButton("kb-copy", "Show all questions");
    showAll.hidden = true;
    bar.append(retry, showAll);

    function update() {
      var answered = Object.keys(results).length;
      var right = Object.keys(results).filter(function (id) { return results[id]; }).length;
      score.textContent = "Answered " + answered + " of " + questions.length + ", " + right + " correct";
      retry.hidden = right === answered;
    }

    function mark(item, text) {
      item.querySelector("button").appendChild(make("span", "kb-quiz-mark", text));
    }

    function reset(question) {
      delete results[question.id];
      question.querySelectorAll(".kb-quiz-options li").forEach(function (item) {
        item.classList.remove("kb-right", "kb-wrong");
        item.querySelector("button").disabled = false;
        var span = item.querySelector(".kb-quiz-mark");
        if (span) span.remove();
      });
      var note = question.querySelector(".kb-quiz-result");
      if (note) note.remove();
      question.querySelector(".kb-quiz-answer").open = false;
    }

    questions.forEach(function (question) {
      var items = question.querySelectorAll(".kb-quiz-options li");
      items.forEach(function (item) {
        var button = makeButton("kb-quiz-option");
        while (item.firstChild) button.appendChild(item.firstChild);
        item.appendChild(button);
        button.addEventListener("click", function () {
          if (question.id in results) return;
          var correct = item.hasAttribute("data-correct");
          results[question.id] = correct;
          items.forEach(function (other) { other.querySelector("button").disabled = true; });
          var right = question.querySelector("li[data-correct]");
          right.classList.add("kb-right");
          mark(right, " (correct answer)");
          if (!correct) {
            item.classList.add("kb-wrong");
            mark(item, " (your answer)");
          }
          var note = make("p", "kb-quiz-result", correct ? "Correct." : "Not quite: see the answer below.");
          question.querySelector(".kb-quiz-answer").before(note);
          question.querySelector(".kb-quiz-answer").open = true;
          update();
        });
      });
    });

    retry.addEventListener("click", function () {
      questions.forEach(function (question) {
        var wrong = results[question.id] === false;
        if (wrong) reset(question);
        question.hidden = !wrong;
      });
      quiz.querySelectorAll(".kb-quiz-topic").forEach(function (topic) {
        topic.hidden = !topic.querySelector(".kb-quiz-q:not([hidden])");
      });
      showAll.hidden = false;
      update();
    });
    showAll.addEventListener("click", function () {
      quiz.querySelectorAll("[hidden]").forEach(function (el) { el.hidden = false; });
      showAll.hidden = true;
    });
    update();
  }

  enhancePalette();
  glossaryTooltips();
  addCopyButtons();
  enhanceCitations();
  var faqIndex = document.querySelector(".kb-faq-index");
  if (faqIndex) addFilter(faqIndex, "questions");
  var kit = document.querySelector(".kb-link-kit");
  if (kit) addFilter(kit, "links");
  absoluteSnippets();
  enhanceQuiz();
})();
