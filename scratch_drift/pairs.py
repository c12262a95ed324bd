import pickle, sys
sys.path.insert(0,'/work/main')
from quotes.drift.features import *
from quotes.drift.classify import *
from quotes.drift.speakers import relation
arts,recs=pickle.load(open('/work/main/scratch_drift/seeds.pkl','rb'))
fs=build_features([(r.text,r.direct) for r in recs], SpacyLemmatizer())
w=idf_weights(fs)
def find(s): return [i for i,r in enumerate(recs) if s in r.text]
pairs=[(a,b) for a,b in zip(sys.argv[1::2], sys.argv[2::2])]
for a,b in pairs:
    for i in find(a):
        for j in find(b):
            print(recs[i].article_id, recs[j].article_id, relation(recs[i].speaker,recs[j].speaker), overlap(fs[i],fs[j],w), surface(fs[i],fs[j]), entities_agree(fs[i],fs[j]))
            print('  ', fs[i].content_seq, fs[i].entities); print('  ', fs[j].content_seq, fs[j].entities)
