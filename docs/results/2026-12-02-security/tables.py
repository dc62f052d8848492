"""The security sitting's tables (README and docs/results.md) from its JMH JSON files: python3 tables.py DIR."""
import glob, json, math, os, sys

d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
ORDER = ['tcp', 'rmi', 'zeromq', 'grpc', 'http', 'websocket']
rec, wire = {}, {}
for path in sorted(glob.glob(os.path.join(d, '*.json'))):
    name = os.path.basename(path)
    if name == 'env.json':
        continue
    provider = 'openssl' if 'openssl' in name else 'jdk'
    try:
        data = json.load(open(path))
    except ValueError:
        print('skipped (not JSON yet):', name, file=sys.stderr); continue
    for r in data:
        if name.endswith('-wire.json'):
            p = r['params']
            key = (r['benchmark'].split('.')[0], r['transport'], p.get('tls', 'false'), provider, p.get('auth', 'none'),
                   p.get('handshake', 'full'))
            wire[key] = (r['upBytesPerOp'], r['downBytesPerOp'])
            continue
        p = r['params']
        key = (r['benchmark'].split('.')[-2], p['transport'], p.get('tls', 'false'), provider, p.get('auth', 'none'),
               p.get('handshake', 'full'))
        rec[key] = r

def get(bench, t, tls='false', prov='jdk', auth='none', hs='full'):
    if tls == 'false':
        prov = 'jdk'
    return rec.get((bench, t, tls, prov, auth, hs))

def p(r, q):
    return r['primaryMetric']['scorePercentiles'][q]

def cpu(r, scale):
    s = r['secondaryMetrics']
    return s['·server.cpu']['score'] / scale, s['·client.cpu']['score'] / scale

def failed(r):
    return r['secondaryMetrics'].get('·failedCalls', {}).get('score', 0)

def n(v, digits=0):
    return f'{v:,.{digits}f}'

rows = [(t, 'jdk') for t in ORDER] + [('grpc', 'openssl')]
rows.sort(key=lambda x: ORDER.index(x[0]) + (0.5 if x[1] == 'openssl' else 0))
print('| transport | simple p50 µs: off / on (×) | simple p99 µs: off / on | CPU µs per simple call, server + client: off / on'
      ' | 1 MB echo ms ± error: off / on (×) | CPU ms per echo, server + client: off / on |')
print('|---|---|---|---|---|---|')
bad, notes = [], []
for t, prov in rows:
    off, on = get('SimpleCallBenchmark', t), get('SimpleCallBenchmark', t, 'true', prov)
    eoff, eon = get('PayloadBenchmark', t), get('PayloadBenchmark', t, 'true', prov)
    if not (off and on and eoff and eon):
        print(f'| `{t}` ({prov}) | missing |'); continue
    for r in (off, on, eoff, eon):
        if failed(r):
            bad.append((t, prov, r['benchmark'], failed(r)))
    so, co = cpu(off, 1e3); sn, cn = cpu(on, 1e3)
    eso, eco = cpu(eoff, 1e6); esn, ecn = cpu(eon, 1e6)
    mo, mn = eoff['primaryMetric'], eon['primaryMetric']
    for m, which in ((mo, 'off'), (mn, 'on')):
        its = sorted(v for fork in m['rawData'] for v in fork)
        if m['scoreError'] > m['score'] / 2: # one slow iteration: say what the middle one was
            notes.append(f"{t} ({prov}) 1 MB echo {which}: iteration median {its[len(its) // 2] / 1e3:.2f} ms of"
                         f" {', '.join(f'{v / 1e3:.2f}' for v in its)}")
    label = f'`{t}`' + (' (OpenSSL)' if prov == 'openssl' else '')
    print(f"| {label} | {n(p(off, '50.0'))} / {n(p(on, '50.0'))} ({p(on, '50.0') / p(off, '50.0'):.2f}) | "
          f"{n(p(off, '99.0'))} / {n(p(on, '99.0'))} | {so:.0f} + {co:.0f} / {sn:.0f} + {cn:.0f} | "
          f"{mo['score'] / 1e3:.2f} ± {mo['scoreError'] / 1e3:.2f} / {mn['score'] / 1e3:.2f} ± {mn['scoreError'] / 1e3:.2f}"
          f" ({mn['score'] / mo['score']:.2f}) | {eso:.2f} + {eco:.2f} / {esn:.2f} + {ecn:.2f} |")
print()
print('| transport | simple p50 µs: none / token (×) | simple p99 µs: none / token | CPU µs per call, server + client: none / token |'
      ' request bytes: none / token |')
print('|---|---|---|---|---|')
for t in ORDER:
    a, b = get('SimpleCallBenchmark', t), get('SimpleCallBenchmark', t, auth='token')
    if not (a and b):
        print(f'| `{t}` | missing |'); continue
    if failed(b):
        bad.append((t, 'token', failed(b)))
    sa, ca = cpu(a, 1e3); sb, cb = cpu(b, 1e3)
    wa = wire.get(('SimpleCallBenchmark', t, 'false', 'jdk', 'none', 'full'))
    wb = wire.get(('SimpleCallBenchmark', t, 'false', 'jdk', 'token', 'full'))
    w = f'{wa[0]:.0f} / {wb[0]:.0f}' if wa and wb else '-'
    print(f"| `{t}` | {n(p(a, '50.0'))} / {n(p(b, '50.0'))} ({p(b, '50.0') / p(a, '50.0'):.2f}) | {n(p(a, '99.0'))} / "
          f"{n(p(b, '99.0'))} | {sa:.0f} + {ca:.0f} / {sb:.0f} + {cb:.0f} | {w} |")
print()
print('| transport | connect p50 µs, plaintext | full handshake: p50 µs (×), mean ± error | resumed: p50 µs, mean ± error |'
      ' CPU ms per connect, server + client: plaintext / full / resumed |')
print('|---|---|---|---|---|')
for t, prov in rows:
    plain = get('ConnectBenchmark', t)
    full = get('ConnectBenchmark', t, 'true', prov)
    res = get('ConnectBenchmark', t, 'true', prov, hs='resumed')
    if not (plain and full):
        print(f'| `{t}` ({prov}) | missing |'); continue
    def pm(r):
        m = r['primaryMetric']; return f"{n(m['score'])} ± {n(m['scoreError'])}"
    c0, c1 = cpu(plain, 1e6), cpu(full, 1e6)
    c2 = cpu(res, 1e6) if res else None
    label = f'`{t}`' + (' (OpenSSL)' if prov == 'openssl' else '')
    print(f"| {label} | {n(p(plain, '50.0'))} | {n(p(full, '50.0'))} ({p(full, '50.0') / p(plain, '50.0'):.0f}), {pm(full)} | "
          + (f"{n(p(res, '50.0'))}, {pm(res)}" if res else 'not supported (CURVE)') + ' | '
          + f'{c0[0]:.2f} + {c0[1]:.2f} / {c1[0]:.1f} + {c1[1]:.1f} / ' + (f'{c2[0]:.1f} + {c2[1]:.1f}' if c2 else '-') + ' |')
print()
for k, v in sorted(wire.items()):
    print('wire', k, v)
print('\n'.join(notes))
print('failed calls:', bad or 'none')
