import json,sys,glob,statistics as st,collections
# usage: summ.py DIR... -> per jar/bench/transport: fork values; per round ratios to raw; medians
forks=collections.defaultdict(list); rounds=collections.defaultdict(dict)
for d in sys.argv[1:]:
    for f in sorted(glob.glob(d+'/*-*.json')):
        name,r=f.split('/')[-1][:-5].rsplit('-',1)
        try: data=json.load(open(f))
        except ValueError as e:
            print('skipped (unreadable, a run cut short?):', f, e, file=sys.stderr); continue
        for b in data:
            bench=b['benchmark'].split('.')[-2].replace('Benchmark',''); t=b['params']['transport']; m=b['primaryMetric']
            if 'RoundTrip' in bench:
                val=m['scorePercentiles']['50.0']; fm=[val]
            else:
                fm=[st.mean(x) for x in m['rawData']]; val=m['score']
            forks[(bench,t,name)]+=fm; rounds[(bench,name,d.split('/')[-1]+('' if r=='1' else r))][t]=val
print('fork values (throughput M msg/s per fork; round trip p50 ns per run of 3 forks)')
for k in sorted(forks): print('%-10s %-26s %-9s n=%2d median %7.2f  %s'%(k[0],k[1],k[2],len(forks[k]),st.median(forks[k]),[round(x,1) for x in forks[k]]))
print('ratio to raw Agrona per round (same jar, same round)')
agg=collections.defaultdict(list)
for (bench,name,r),v in sorted(rounds.items()):
    raw=v.get('AGRONA_RAW')
    for t,x in v.items():
        if t!='AGRONA_RAW' and raw: agg[(bench,t,name)].append((r,x/raw))
for k,v in sorted(agg.items()): print('%-10s %-26s %-9s %s median %.3f'%(k[0],k[1],k[2],' '.join('%s:%.3f'%(r,x) for r,x in v),st.median([x for _,x in v])))
