// The alignment playbook: copy an entry's permanent link with one click, and show tooltips.
// No external calls.
(function () {
  "use strict";

  // The permanent link of an entry: on its kind's page, even when a split kind shows the
  // entry on a sub-page (data-permalink names the kind's page, relative to this one).
  function permalink(link, anchor) {
    var page = link.getAttribute("data-permalink");
    var url = new URL(page || window.location.href, window.location.href);
    url.search = "";
    url.hash = anchor;
    return url.toString();
  }

  function copied(link) {
    link.classList.add("pb-copied");
    window.setTimeout(function () { link.classList.remove("pb-copied"); }, 1500);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.pb-copy") : null;
    if (!link) { return; }
    var anchor = link.getAttribute("href").replace(/^#/, "");
    var url = permalink(link, anchor);
    if (navigator.clipboard && window.isSecureContext) {
      event.preventDefault();
      navigator.clipboard.writeText(url).then(function () {
        history.replaceState(null, "", "#" + anchor);
        copied(link);
      });
    }
  });

  // Tooltips. An abbreviation or an entry link carries its tooltip in data-pb-tip; it is
  // shown as text (textContent, never parsed as HTML) on hover, keyboard focus and tap,
  // and Escape hides it. Screen readers get the same text through aria-describedby, from
  // a hidden element holding it.
  var tooltip = null;
  var shownFor = null;

  function tipOf(node) {
    return node && node.closest ? node.closest("[data-pb-tip]") : null;
  }

  // The element that takes focus: the abbreviation itself, or the link it wraps.
  function focusable(tip) {
    return tip.matches("abbr") ? tip : tip.querySelector("a[href]") || tip;
  }

  function describe() {
    var tips = document.querySelectorAll("[data-pb-tip]");
    for (var i = 0; i < tips.length; i++) {
      var text = document.createElement("span");
      text.id = "pb-tip-" + (i + 1);
      text.hidden = true;
      text.textContent = tips[i].getAttribute("data-pb-tip");
      document.body.appendChild(text);
      focusable(tips[i]).setAttribute("aria-describedby", text.id);
    }
  }

  function show(tip) {
    if (!tooltip) {
      tooltip = document.createElement("div");
      tooltip.className = "pb-tooltip";
      tooltip.setAttribute("role", "tooltip");
      document.body.appendChild(tooltip);
    }
    shownFor = tip;
    tooltip.textContent = tip.getAttribute("data-pb-tip");
    tooltip.hidden = false;
    var box = tip.getBoundingClientRect();
    var right = window.scrollX + document.documentElement.clientWidth - 8;
    var left = Math.min(box.left + window.scrollX, right - tooltip.offsetWidth);
    tooltip.style.left = Math.max(window.scrollX + 8, left) + "px";
    tooltip.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  function hide() {
    if (tooltip) { tooltip.hidden = true; }
    shownFor = null;
  }

  function inside(node, element) {
    return Boolean(node && element && element.contains(node));
  }

  document.addEventListener("mouseover", function (event) {
    var tip = tipOf(event.target);
    if (tip) { show(tip); }
  });
  document.addEventListener("mouseout", function (event) {
    var from = tipOf(event.target) || (inside(event.target, tooltip) ? shownFor : null);
    if (!from || from !== shownFor) { return; }
    // Stay while the pointer moves between the element and its tooltip, or it has focus.
    var to = event.relatedTarget;
    if (inside(to, from) || inside(to, tooltip) || inside(document.activeElement, from)) {
      return;
    }
    hide();
  });
  document.addEventListener("focusin", function (event) {
    var tip = tipOf(event.target);
    if (tip) { show(tip); }
  });
  document.addEventListener("focusout", function (event) {
    var tip = tipOf(event.target);
    if (tip && tip === shownFor && !tip.matches(":hover")) { hide(); }
  });
  document.addEventListener("click", function (event) {
    var tip = tipOf(event.target);
    if (tip) { show(tip); } else if (!inside(event.target, tooltip)) { hide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shownFor) { hide(); }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", describe);
  } else {
    describe();
  }
})();
