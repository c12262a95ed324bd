import pathlib, pickle, sys
sys.path.insert(0, '/work/main')
from quotes.drift.records import ArticleRecord, from_extracted
cache = pathlib.Path('/work/main/scratch_drift/seeds.pkl')
if cache.exists() and '--fresh' not in sys.argv:
    arts, recs = pickle.loads(cache.read_bytes())
else:
    import quotes
    arts, recs = [], []
    for p in sorted(pathlib.Path('/work/main/seeds').glob('*.txt')):
        t = p.read_text()
        aid = p.name[:3]
        arts.append(ArticleRecord(aid, t, outlet=aid))
        recs += from_extracted(aid, quotes.extract(t))
    cache.write_bytes(pickle.dumps((arts, recs)))
from quotes.drift.pipeline import track_drift
from quotes.drift.features import SpacyLemmatizer
res = track_drift(arts, recs, SpacyLemmatizer())
byid = {r.id: r for r in recs}
for s in sorted(res.statements, key=lambda s: -len(s.quote_ids)):
    if len(s.quote_ids) < 2 and '-a' not in sys.argv: continue
    print(f'== {s.id} {s.speaker_id} n={len(s.quote_ids)} outlets={s.n_outlets}: {s.text[:80]!r}')
    for qid in s.quote_ids:
        d = res.quotes[qid]; r = byid[qid]
        print(f'   {r.article_id} {d.drift_class:12} mis={int(d.misquote)} attr={int(d.attribution_changed)} sim={d.similarity:.2f} [{r.speaker.name}] {r.text[:70]!r}')
        if '-d' in sys.argv: print('        ', d.diff_html[:200])
print(len(res.statements), 'statements', sum(d.misquote for d in res.quotes.values()), 'misquotes')
for r in res.reuse: print(r)
