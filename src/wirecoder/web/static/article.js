// Article view: a click on a highlighted span shows its most specific record of a type the
// legend shows (a second click on the same span the next one), marks the record's spans and
// evidence in the text, and the legend hides or shows a record type. Works on the
// server-rendered markup only.
(function () {
  "use strict";
  const text = document.getElementById("story-text");
  const hint = document.getElementById("hint");
  const segments = Array.from(text.querySelectorAll("[data-s]"));
  const highlighted = Array.from(text.querySelectorAll(".hl"));
  const legend = Array.from(document.querySelectorAll("#legend input"));
  let current = null;

  function ranges(value) {
    return (value || "").trim().split(/\s+/).filter(Boolean).map(function (pair) {
      const [start, end] = pair.split("-").map(Number);
      return [start, end];
    });
  }

  function within(segment, list) {
    const start = Number(segment.dataset.s), end = Number(segment.dataset.e);
    return list.some(function (range) { return range[0] <= start && end <= range[1]; });
  }

  function select(key, scroll) {
    const card = document.getElementById("card-" + key);
    if (!card) { return; }
    document.querySelectorAll(".card").forEach(function (c) { c.hidden = c !== card; });
    document.querySelectorAll(".record-link").forEach(function (b) {
      b.classList.toggle("on", b.dataset.key === key);
    });
    hint.hidden = true;
    current = key;
    const spans = ranges(card.dataset.spans), evidence = ranges(card.dataset.evidence);
    let first = null;
    segments.forEach(function (segment) {
      const mine = within(segment, spans);
      segment.classList.toggle("picked", mine);
      segment.classList.toggle("in-evidence", within(segment, evidence));
      if (mine && !first) { first = segment; }
    });
    if (scroll && first) { first.scrollIntoView({block: "center", behavior: "smooth"}); }
    history.replaceState(null, "", "#" + encodeURIComponent(key));
  }

  // a segment's records of the types the legend shows, smallest span first
  function shownKeys(segment) {
    return segment.dataset.keys.split(" ").filter(function (key) {
      return !text.classList.contains("hide-" + key.slice(0, key.indexOf(":")));
    });
  }

  function choose(segment) {
    const keys = shownKeys(segment);
    if (!keys.length) { return; }
    const next = keys[(keys.indexOf(current) + 1) % keys.length];
    select(keys.includes(current) ? next : keys[0], false);
  }

  text.addEventListener("click", function (event) {
    const segment = event.target.closest(".hl");
    if (segment) { choose(segment); }
  });
  text.addEventListener("keydown", function (event) {
    const segment = event.target.closest(".hl");
    if (segment && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      choose(segment);
    }
  });
  document.querySelectorAll(".record-link").forEach(function (button) {
    button.addEventListener("click", function () { select(button.dataset.key, true); });
  });
  // The stylesheet hides each unticked type's look; a span left with no type shown becomes
  // plain text, neither clickable nor focusable.
  function showLegend() {
    legend.forEach(function (box) {
      text.classList.toggle("hide-" + box.dataset.type, !box.checked);
    });
    highlighted.forEach(function (segment) {
      const off = shownKeys(segment).length === 0;
      segment.classList.toggle("off", off);
      segment.tabIndex = off ? -1 : 0;
      if (off) { segment.removeAttribute("role"); } else { segment.setAttribute("role", "button"); }
    });
  }
  legend.forEach(function (box) { box.addEventListener("change", showLegend); });
  // a reload may bring back the boxes as they were left
  showLegend();
  if (location.hash) { select(decodeURIComponent(location.hash.slice(1)), true); }
  // a card's link to another record of the story ("Stated in: the quote")
  window.addEventListener("hashchange", function () {
    select(decodeURIComponent(location.hash.slice(1)), true);
  });
})();
