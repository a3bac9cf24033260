/* Progressive enhancement only: every page works without JavaScript.
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

  /* Ready citations: this page's full address, today's date as the accessed date,
     and a copy button. Without JavaScript the reader fills in the date. */
  function enhanceCitations() {
    var now = new Date();
    var today = now.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
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

  /* A filter box above a long list of links: the FAQ index and the clinics' link kit. */
  function addFilter(list, labelText, noun) {
    var items = list.querySelectorAll("li");
    var wrap = make("div", "kb-filter");
    var label = make("label", "", labelText);
    label.htmlFor = "kb-filter-input";
    var input = make("input");
    input.type = "search";
    input.id = "kb-filter-input";
    input.autocomplete = "off";
    var status = makeStatus("p", "kb-filter-status");
    wrap.append(label, input, status);
    list.parentNode.insertBefore(wrap, list);
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
    var score = makeStatus("p", "kb-quiz-score");
    var retry = makeButton("kb-copy", "Try the ones I got wrong again");
    retry.hidden = true;
    var showAll = makeButton("kb-copy", "Show all questions");
    showAll.hidden = true;
    var bar = make("div", "kb-quiz-bar");
    bar.append(score, retry, showAll);
    quiz.parentNode.insertBefore(bar, quiz);

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

  addCopyButtons();
  enhanceCitations();
  var faqIndex = document.querySelector(".kb-faq-index");
  if (faqIndex) addFilter(faqIndex, "Filter questions", "questions");
  var kit = document.querySelector(".kb-link-kit");
  if (kit) addFilter(kit, "Filter links", "links");
  absoluteSnippets();
  enhanceQuiz();
})();
