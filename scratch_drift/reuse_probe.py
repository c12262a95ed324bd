import pickle, sys, itertools
sys.path.insert(0,'/work/main')
from quotes.drift.features import *
from quotes.drift.classify import *
from quotes.drift.text import sentence_ranges
from rapidfuzz.distance import LCSseq
arts,recs=pickle.load(open('/work/main/scratch_drift/seeds.pkl','rb'))
lem=SpacyLemmatizer()
sents={}
for a in arts:
    rs=sentence_ranges(a.text)
    fs=build_features([(a.text[x:y],False) for x,y in rs], lem)
    sents[a.id]=[f for f in fs if len(f.content_set)>=3]
allf=[f for v in sents.values() for f in v]
w=idf_weights(allf)
def shingles(f,k=3):
    return {f.words[i:i+k] for i in range(len(f.words)-k+1)}
for x,y in itertools.combinations(sorted(sents),2):
    A,B=sents[x],sents[y]
    best={}
    for j,g in enumerate(B):
        cands=[]
        for i,f in enumerate(A):
            n,c,jac=overlap(f,g,w)
            if n>=3 and c>=0.5: cands.append((c+jac,i))
        if cands: best[j]=max(cands)[1]
    seqA=list(range(len(A))); seqB=[best.get(j,-1-j) for j in range(len(B))]
    lcs=LCSseq.similarity(seqA,seqB)
    sa=set().union(*map(shingles,A)); sb=set().union(*map(shingles,B))
    cont=len(sa&sb)/min(len(sa),len(sb))
    ca=set().union(*(f.content_set for f in A)); cb=set().union(*(f.content_set for f in B))
    print(x,y,len(A),len(B),'matched',len(best),'lcs',lcs, 'cov %.2f'%(lcs/min(len(A),len(B))), 'shingle %.2f'%cont, 'vocab J %.2f'%(len(ca&cb)/len(ca|cb)))
