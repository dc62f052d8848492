import json, sys, math, statistics
T9995 = {1: 636.6, 2: 31.6, 3: 12.92, 4: 8.610, 5: 6.869, 6: 5.959, 7: 5.408, 8: 5.041, 9: 4.781, 14: 4.140, 19: 3.883}
d = json.load(open(sys.argv[1]))
def pct(hist, q):
    total = sum(c for v, c in hist); need = q * total; seen = 0
    for v, c in sorted(hist):
        seen += c
        if seen >= need: return v
def est(values):
    n = len(values); m = statistics.mean(values)
    err = T9995.get(n - 1, 3.3) * statistics.stdev(values) / math.sqrt(n) if n > 1 else float('nan')
    return m, err
rows = {}
for r in d:
    p = r['params']; t = p['transport']; a = p.get('auth', 'none')
    hists = [it for fork in r['primaryMetric']['rawDataHistogram'] for it in fork]
    p50 = est([pct(h, 0.50) for h in hists]); p99 = est([pct(h, 0.99) for h in hists])
    sm = r['secondaryMetrics']
    rows[(t, a)] = dict(p50=p50, p99=p99, all50=r['primaryMetric']['scorePercentiles']['50.0'],
        all99=r['primaryMetric']['scorePercentiles']['99.0'], mean=(r['primaryMetric']['score'], r['primaryMetric']['scoreError']),
        scpu=(sm['·server.cpu']['score'] / 1000, sm['·server.cpu']['scoreError'] / 1000),
        ccpu=(sm['·client.cpu']['score'] / 1000, sm['·client.cpu']['scoreError'] / 1000),
        failed=sm.get('·failedCalls', {}).get('score', 0), n=len(hists))
order = ['tcp', 'rmi', 'zeromq', 'grpc', 'http', 'websocket']
f = lambda x: ('%.1f ± %.1f' % x)
print('| transport | auth | p50 µs | p99 µs | p50 token/none | p99 token/none | server CPU µs/call | client CPU µs/call | server CPU token/none | client CPU token/none |')
print('|---|---|---|---|---|---|---|---|---|---|')
for t in order:
    for a in ['none', 'token']:
        if (t, a) not in rows: continue
        r = rows[(t, a)]; n = rows.get((t, 'none'))
        def ratio(k):
            if a != 'token': return ''
            q = r[k][0] / n[k][0]; e = q * math.sqrt((r[k][1] / r[k][0]) ** 2 + (n[k][1] / n[k][0]) ** 2)
            return '%.2f ± %.2f' % (q, e)
        print('| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (t, a, f(r['p50']), f(r['p99']), ratio('p50'), ratio('p99'),
              f(r['scpu']), f(r['ccpu']), ratio('scpu'), ratio('ccpu')))
print()
for k, r in sorted(rows.items()):
    print(k, 'iterations', r['n'], 'JMH p50 %.2f p99 %.2f mean %.2f±%.2f failed %s' % (r['all50'], r['all99'], r['mean'][0], r['mean'][1], r['failed']))
