// An error pasted into the search box, whole or in part, from Helm 3 or Helm 4 (or
// schema-gen lint), lands on the troubleshooting entry that explains it.
//
// The box holds one line: a pasted error's line breaks are gone before anything reads it
// ("chart(s):agents:- at '/a/0/name': 'not' failed"). It is read into problems, each
// problem into words:
// - the words every Helm error carries ("Error:", "values don't meet the specifications
//   of the schema(s) ...", "execution error at (...)", "the values break the agents
//   chart's rules", "Use --debug flag to render out invalid YAML", the chart's name)
//   say nothing of which error it is, and "--debug" would even be read as "leave out
//   every section with debug": they are set aside;
// - of a values path only its last two keys say which mistake it is (the rest says
//   where): "at '/controllers/extraVolumes/0/volume/nfs/server'", Helm 3's
//   "controllers.extraVolumes.0.volume.nfs.server:" and lint's "...[0]...:" all read
//   "nfs server";
// - what the operator wrote is theirs, not the chart's: a double-quoted value and the
//   value Helm quotes before "does not match pattern" are set aside.
// The generated troubleshootingEntries (troubleshooting-entries.js) hold, per entry, the
// problems the CLIs print for its samples, read the same way. The entry whose problems
// share the most weight of words with the pasted ones (rare words weigh more) is the one
// that explains it, and the search looks for its heading. Anything that is no such error
// (a key, a word, a name) is searched for as text, with what the search would read as
// syntax (":" for a field, '"' for a phrase, "^" "~" "*", "+" or "-" before a word)
// read as a space. The box keeps showing what was pasted, typed or opened from a shared
// link (?q=); only the value the search reads changes.
(() => {
  const boilerplate = [
    /Error:/g,
    /\b(INSTALLATION|UPGRADE) FAILED:/g,
    /values don't meet the specifications of the schema\(s\) in the following chart\(s\):?/gi,
    /execution error at \([^)]*\):?/gi,
    /the values break the [\w-]+ chart's rules:?/gi,
    /\(validation\.mode=warn renders[^)]*\)/gi,
    /Use --debug flag to render out invalid YAML/gi,
    /[\w./-]+\.ya?ml:\d+:/g, // lint's FILE:LINE:
    /(?:^|\s)[\w-]+:(?=\s*-\s)/g, // the chart's name before the first problem
  ];
  // Where one problem ends and the next starts: "- " (glued to the end of the one before,
  // once the line break is gone) before Helm 4's "at '" or a key.
  const problem = /-\s+(?=at '|[A-Za-z_(])/;
  const lastTwo = path =>
    ` ${path.split(/[./]|\[\d*\]/).filter(key => key && !/^\d+$/.test(key)).slice(-3).join(" ")} `;
  const paths = [
    [/^\s*at '(\/[^']*)?'/, (_, path) => lastTwo(path || "")], // Helm 4
    [/^\s*\(root\):/, " "], // Helm 3's top level
    [/^\s*([A-Za-z_][\w-]*(?:(?:\.|\[\d+\])[\w-]*)+):/, (_, path) => lastTwo(path)], // the rest
  ];
  // The operator's values, and the pattern a value missed (the rest of its problem).
  const theirs = [/"[^"]*"/g, /'[^']*'(?= does not match pattern)/g, /(match pattern).*/gi];
  const problems = text => {
    let read = ` ${text} `;
    for (const words of boilerplate) read = read.replace(words, " ");
    return read.split(problem).map(said => {
      for (const [path, keys] of paths) said = said.replace(path, keys);
      for (const value of theirs) said = said.replace(value, (_, kept) => ` ${kept || ""} `);
      return said;
    }).filter(said => said.trim());
  };
  const holding = /'(allOf|anyOf|oneOf)' failed|Must validate (all|at least one|one and only one)/;
  const common = new Set("a an and are as be by for in is it its of on or so that the this to".split(" "));
  const words = said => [...new Set(said.toLowerCase().split(/[^a-z0-9_]+/))]
    .filter(word => word && !common.has(word));

  // The entries, each problem read into words, and how rare each word is among them.
  const entries = (window.troubleshootingEntries || []).map(entry => ({
    ...entry,
    problems: entry.lines.flatMap(problems).map(words),
    // What the entry's samples print, less the lines that only say a rule holding others
    // failed ("'allOf' failed"): a pasted line of its own says the same error.
    own: entry.own.map(lines => lines.filter(line => !holding.test(line)).flatMap(problems).map(words)),
  }));
  const seen = new Map();
  for (const entry of entries)
    for (const found of entry.problems)
      for (const word of found) seen.set(word, (seen.get(word) || 0) + 1);
  const total = entries.reduce((sum, entry) => sum + entry.problems.length, 0);
  const weight = word => Math.log(1 + total / (seen.get(word) || 1));
  const alike = (one, other) => {
    const both = new Set(other);
    const shared = one.filter(word => both.has(word)).reduce((sum, w) => sum + weight(w), 0);
    const all = [...new Set([...one, ...other])].reduce((sum, w) => sum + weight(w), 0);
    return all ? shared / all : 0;
  };
  // How much of a pasted problem must be an entry's for the entry to explain it.
  const ENOUGH = 0.3;
  // How much of what the entry's own sample prints the pasted problems say, as either Helm
  // prints it: where two entries explain the pasted problems alike (one shows the same
  // problem among others, as "R2 to R4 together" does), the one whose whole error it is.
  const covered = (pasted, entry) => Math.max(0, ...entry.own.filter(own => own.length).map(own =>
    own.filter(one => pasted.some(other => alike(one, other) >= 0.5)).length / own.length));
  const explaining = text => {
    const pasted = problems(text).map(words).filter(found => found.length);
    // A word or two is a lookup, not an error: the text search answers it.
    if (pasted.flat().length < 3) return null;
    let best = null;
    for (const entry of entries) {
      const score = pasted.reduce(
        (sum, one) => sum + Math.max(0, ...entry.problems.map(other => alike(one, other))), 0,
      ) / pasted.length;
      const ranked = score * (0.9 + 0.1 * covered(pasted, entry));
      if (!best || ranked > best.ranked) best = {entry, score, ranked};
    }
    return best && best.score >= ENOUGH ? best.entry : null;
  };

  const syntax = /[:"^~*]|(?<![\w./'-])[+-]+(?=\w)|(?<![\w./'-])[a-z](?![\w./'-])/gi;
  // A name looked up on its own (db-ca-cert) is split at its hyphens by the search; every
  // part is then required, so the results hold the whole name rather than any "ca".
  const name = /^\s*(\w+(?:-\w+)+)\s*$/;
  const searched = text => {
    const whole = text.match(name);
    if (whole) {
      const parts = whole[1].split("-");
      return parts.map((part, i) => `+${part}${i === parts.length - 1 ? "*" : ""}`).join(" ");
    }
    const entry = explaining(text);
    const read = entry ? problems(entry.heading).join(" ") : problems(text).join(" ");
    return read.replace(syntax, " ").replace(/\s+/g, " ").trim();
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
