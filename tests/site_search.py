"""The site's search, asked many queries in one page: what an operator's search would show first.

Each query goes through the search box's own reading (docs/javascripts/search-paste.js,
read back from the box) and is answered by the site's search worker, built from the
site's own index: the worker and the reading the search box uses, without a page load
per query. The answer is what the box's result list shows first: the best page, and
the best section of it.
"""

from __future__ import annotations

import json
from typing import Any

from tests.browser import browser, evaluate, wait_for

# In the page: read each query back from the search box (as the search does), post it
# to a search worker of the site's own, and collect each answer's best page and section.
_ASK = """(async queries => {
  const config = JSON.parse(document.querySelector('#__config').textContent);
  const base = new URL(config.base + '/', location.href);
  const index = await (await fetch(new URL('search/search_index.json', base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const next = () => new Promise(done => worker.addEventListener(
    'message', event => done(event.data), {once: true}));
  const ready = next();
  worker.postMessage({type: 0, data: {...index, options: {suggest: false}}});
  await ready;
  const box = document.querySelector('input[data-md-component=search-query]');
  const answers = [];
  for (const query of queries) {
    box.value = query;
    const read = box.value;  // what the search reads: search-paste.js's reading
    const answer = next();
    worker.postMessage({type: 2, data: read});
    const groups = (await answer).data.items;
    const top = groups.length ? groups[0] : [];
    const page = top.find(item => !item.location.includes('#'));
    const sections = top.filter(item => item !== page);
    answers.push({read, page: page ? page.location : '',
                  section: sections.length ? sections[0].location : '',
                  // the best sections anywhere, to say where a query went instead
                  top: groups.flat().filter(i => i.location.includes('#'))
                    .sort((a, b) => b.score - a.score).slice(0, 3).map(i => i.location)});
  }
  worker.terminate();
  window.__answers = answers;
  return true;
})"""


def ask(site: str, queries: list[str]) -> list[dict[str, Any]]:
    """Return, per query, what the site's search shows first: ``page`` (its location, such
    as ``troubleshooting/``) and ``section`` (``troubleshooting/#r1-reserved-name``)."""
    with browser(f"{site}/") as page:
        loaded = "document.readyState === 'complete' && !!document.querySelector('#__config')"
        assert wait_for(page, loaded)
        evaluate(page, f"{_ASK}({json.dumps(queries)}).then(() => null)")
        done = wait_for(page, "window.__answers && window.__answers.length", seconds=600)
        assert done == len(queries), done
        return evaluate(page, "window.__answers")
