// Helm's errors, pasted into the search box, are full of characters the site search
// reads as query syntax. A colon marks a field ("extraVolumes.0.name:", "yaml:7:4):"):
// the word before it is dropped, and after a hyphenated path the whole query is invalid,
// so nothing is found. Double quotes make a phrase whose every word is required, so an
// operator's own volume name ("my-certs") would rule out the entry that explains it.
// And every word is searched as a prefix, so the lone "s" of Helm's "schema(s)" and
// "chart(s)" matches every word starting with s and outweighs the words that matter.
// None of these means anything in a search of these docs, so the search reads each as
// a space: the box keeps showing what was pasted, typed or opened from a shared link
// (?q=), and the value the search reads (whenever it reads it) has them set aside.
(() => {
  const syntax = /[:"]|(?<![\w./'-])[a-z](?![\w./'-])/gi;
  // A name looked up on its own (db-ca-cert) is split at its hyphens by the search; every
  // part is then required, so the results hold the whole name rather than any "ca".
  const name = /^\s*(\w+(?:-\w+)+)\s*$/;
  const searched = text => {
    const whole = text.match(name);
    if (!whole) return text.replace(syntax, " ");
    const parts = whole[1].split("-");
    return parts.map((part, i) => `+${part}${i === parts.length - 1 ? "*" : ""}`).join(" ");
  };
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
  const install = input => {
    if (Object.hasOwn(input, "value")) return;
    Object.defineProperty(input, "value", {
      get() { return searched(native.get.call(this)); },
      set(text) { native.set.call(this, text); },
      configurable: true,
    });
  };
  const boxes = () =>
    document.querySelectorAll("input[data-md-component=search-query]").forEach(install);
  boxes();  // the header is in the page already; the search first reads it later
  if (typeof document$ !== "undefined") document$.subscribe(boxes);  // instant navigation
})();
