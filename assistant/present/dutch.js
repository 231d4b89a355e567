() => {
  // Gradio words its own controls in the browser's language (and its error boxes always in
  // English); the app is Dutch whatever the browser says. Text nodes and tooltips that Gradio
  // writes are replaced by their Dutch words as they appear.
  const words = {
    "Error": "Fout", "Warning": "Let op", "Info": "Melding", "Success": "Gelukt",
    "Drop File Here": "Sleep het bestand hierheen", "Click to Upload": "Klik om te uploaden",
    "- or -": "- of -", "Copy table data": "Tabel kopiëren", "Fullscreen": "Volledig scherm",
    "Exit fullscreen mode": "Volledig scherm sluiten", "Download": "Downloaden", "Clear": "Wissen",
    "Close": "Sluiten", "Search": "Zoeken", "Copy": "Kopiëren", "Copied": "Gekopieerd",
    "Loading...": "Bezig met laden...", "Sort ascending": "Oplopend sorteren",
    "Sort descending": "Aflopend sorteren", "Clear sort": "Sortering wissen", "Filter": "Filteren",
    "Uploading...": "Bezig met uploaden...", "No results": "Geen resultaten", "Submit": "Versturen",
  };
  // Messages with a value in them, by pattern.
  const patterns = [
    [/^File\(s\) exceed the maximum allowed size of (.+?): (.*)$/s,
     (m) => `Te groot om te uploaden (grens ${m[1]}): ${m[2]}. Splits het document, of vraag de beheerder de grens te verhogen (--max-mb).`],
  ];
  const dutch = (text) => {
    if (text in words) return words[text];
    for (const [pattern, make] of patterns) {
      const m = text.match(pattern);
      if (m) return make(m);
    }
    return null;
  };
  const attributes = ["title", "aria-label", "placeholder"];
  // A dropdown option cut by the width of the list shows its whole text on hover.
  const hover = (root) => {
    if (!root.querySelectorAll) return;
    for (const option of root.querySelectorAll("[role=option][aria-label]")) {
      const text = option.getAttribute("aria-label");
      if (text && option.getAttribute("title") !== text) option.setAttribute("title", text);
    }
  };
  const translate = (root) => {
    hover(root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      const replaced = text && dutch(text);
      if (replaced) node.nodeValue = node.nodeValue.replace(text, replaced);
    }
    if (root.querySelectorAll) {
      for (const el of root.querySelectorAll("[title], [aria-label], [placeholder]")) {
        for (const name of attributes) {
          const value = el.getAttribute(name);
          if (value && value in words) el.setAttribute(name, words[value]);
        }
      }
    }
  };
  document.documentElement.lang = "nl";
  translate(document.body);
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "characterData") translate(change.target.parentNode || document.body);
      for (const node of change.addedNodes) translate(node.nodeType === 1 ? node : node.parentNode || document.body);
      if (change.type === "attributes") translate(change.target);
    }
  }).observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
                             attributeFilter: attributes});
}
