// Helm's errors, pasted into the search box, are full of characters the site search
// reads as query syntax. A colon marks a field ("extraVolumes.0.name:", "yaml:7:4):"):
// the word before it is dropped, and after a hyphenated path the whole query is invalid,
// so nothing is found. Double quotes make a phrase whose every word is required, so an
// operator's own volume name ("my-certs") would rule out the entry that explains it.
// A schema pattern ('^[a-z0-9]([-a-z0-9]*...') holds the rest of the query syntax:
// ^ boosts, ~ edits, * widens, and + or - before a word requires or forbids it; the
// query is invalid and nothing is found. And every word is searched as a prefix, so the
// lone "s" of Helm's "schema(s)" and "chart(s)" matches every word starting with s and
// outweighs the words that matter.
// None of these means anything in a search of these docs, so the search reads each as
// a space: the box keeps showing what was pasted, typed or opened from a shared link
// (?q=), and the value the search reads has them set aside.
(() => {
  const syntax = /[:"^~*]|(?<![\w./'-])[+-](?=\w)|(?<![\w./'-])[a-z](?![\w./'-])/gi;
  // A name looked up on its own (db-ca-cert) is split at its hyphens by the search; every
  // part is then required, so the results hold the whole name rather than any "ca".
  const name = /^\s*(\w+(?:-\w+)+)\s*$/;
  const searched = text => {
    const whole = text.match(name);
    if (!whole) return text.replace(syntax, " ");
    const parts = whole[1].split("-");
    return parts.map((part, i) => `+${part}${i === parts.length - 1 ? "*" : ""}`).join(" ");
  };
  // Loaded in the page's head (overrides/main.html), before the theme's scripts: every
  // read of the search box's value, whenever the search makes it, goes through here.
  const box = "input[data-md-component=search-query]";
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
  Object.defineProperty(HTMLInputElement.prototype, "value", {
    ...native,
    get() {
      const text = native.get.call(this);
      return this.matches(box) ? searched(text) : text;
    },
  });
})();
