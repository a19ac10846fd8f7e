"""Self time per libtorch operator, in ms per frame, from the Chrome trace that `vigil bench detector --torch-profile
TRACE.json` writes (one file per batch size, TRACE-batchN.json when there are several). An operator's self time is its
time less that of the operators it called. Usage: python3 scripts/torch-ops.py TRACE.json FRAMES (the timed frames:
--iterations x the batch size)."""
import collections
import json
import sys


def complete_events(trace_file):
    """The trace's complete ('X') events."""
    tr = json.load(open(trace_file))
    return [e for e in (tr['traceEvents'] if isinstance(tr, dict) else tr) if e.get('ph') == 'X' and 'dur' in e]


def with_self_times(ev):
    """Sets each event's '_self' (its time less its children's, per thread) and returns the top-level time per
    thread."""
    bytid = collections.defaultdict(list)
    for e in ev:
        bytid[(e.get('pid'), e.get('tid'))].append(e)
    total_top = collections.Counter()
    for k, es in bytid.items():
        es.sort(key=lambda e: (e['ts'], -e['dur']))
        stack = []
        for e in es:
            while stack and stack[-1]['ts'] + stack[-1]['dur'] <= e['ts']:
                stack.pop()
            e['_child'] = 0
            if stack:
                stack[-1]['_child'] += e['dur']
            else:
                total_top[k] += e['dur']
            stack.append(e)
        for e in es:
            e['_self'] = e['dur'] - e['_child']
    return total_top


def main():
    ev = complete_events(sys.argv[1])
    frames = float(sys.argv[2])
    total_top = with_self_times(ev)
    selft = collections.Counter()
    count = collections.Counter()
    for e in ev:
        selft[e['name']] += e['_self']
        count[e['name']] += 1
    tot = sum(selft.values())
    print("threads:", {str(k): round(v / 1000 / frames, 1) for k, v in total_top.items()})
    print(f"{'op':45s} {'self ms/frame':>13s} {'%':>6s} {'calls/frame':>11s}")
    for name, t in selft.most_common(25):
        print(f"{name[:45]:45s} {t/1000/frames:13.2f} {100*t/tot:6.1f} {count[name]/frames:11.1f}")
    print(f"{'all':45s} {tot/1000/frames:13.2f}")


if __name__ == '__main__':
    main()
