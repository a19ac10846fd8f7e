"""Vigil (libtorch) and ONNX Runtime side by side, per part of the network, in ms per frame, from one run of
`vigil bench detector --compare-onnx M.onnx ... --torch-profile T.json --onnx-profile O.json > BENCH.txt` (both engines
on the same frames, interleaved). Usage: python3 scripts/engine-ops.py T.json O.json FRAMES BENCH.txt
(FRAMES: the timed frames, --iterations).

ONNX Runtime: each node's kernel time over the last FRAMES runs (the profile holds the warm-up too), put into a part by
the node's scope in the export (/backbone/body, /backbone/fpn, /rpn/head, /roi_heads/box_head/fc6, ...); a node without
a scope (a layout reorder of its NCHWc convolutions, an NMS) goes to the part of the scoped node before it; container
nodes (If, Loop) are left out, their inner nodes are counted. Convolutions' arithmetic comes from their shapes.
Vigil: each stage's wall time from BENCH.txt ("vigil's stages" line: it holds the JVM's work, which libtorch's profile
cannot see: preprocessing, RoIAlign, NMS), and inside the stages, libtorch operators' self times from T.json by shapes:
the box head's GEMMs (fc6's inputs are 12,544 wide, fc7 1,024 to 1,024) and convolutions (256 channels in or out: FPN
(its laterals, then its first L 3x3 256->256 convs of each frame) or RPN head (the other 3x3 256->256 and 1x1 from 256);
all others the backbone's body)."""
import collections
import importlib.util
import json
import os
import re
import sys

_spec = importlib.util.spec_from_file_location(
    'torch_ops', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'torch-ops.py'))
torch_ops = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(torch_ops)

TORCH_CONVS = {'aten::mkldnn_convolution', 'aten::thnn_conv2d', 'aten::_slow_conv2d_forward',
               'aten::_nnpack_spatial_convolution', 'mkldnn::_convolution_pointwise',
               'mkldnn::_convolution_pointwise_'}
TORCH_GEMMS = {'aten::addmm', 'aten::mm', 'mkl::_mkl_linear', 'mkldnn::_linear_pointwise'}
ORT_CONVS = {'Conv', 'FusedConv', 'NchwcConv'}
CONTAINERS = {'If', 'Loop', 'Scan'}

# (row, ONNX scope prefix(es) or None, Vigil stage or None, Vigil operator kind or None)
ROWS = [
    ('preprocess (resize, normalise)', '/transform', 'preprocess', None),
    ('backbone body', '/backbone/body', None, None),
    ('  its convolutions', None, None, 'body convs'),
    ('FPN', '/backbone/fpn', None, None),
    ('  its convolutions', None, None, 'FPN convs'),
    ('= backbone stage', '/backbone', 'backbone', None),
    ('RPN head', '/rpn/head', 'rpn', None),
    ('  its convolutions', None, None, 'RPN head convs'),
    ('proposals (decode, top-k, NMS)', '/rpn/', 'proposals', None),
    ('RoIAlign (MultiScaleRoIAlign)', '/roi_heads/box_roi_pool', 'roi_features', None),
    ('fc6 (+ReLU)', '/roi_heads/box_head/fc6', None, 'fc6'),
    ('fc7 (+ReLU)', '/roi_heads/box_head/fc7', None, 'fc7'),
    ('box predictor', '/roi_heads/box_predictor', None, 'box predictor'),
    ('= head stage', ('/roi_heads/box_head', '/roi_heads/box_predictor'), 'head', None),
    ('postprocess (decode, NMS)', '/roi_heads/', 'postprocess', None),
]


class ConvKind:
    """Body, FPN or RPN head, for convolutions in time order (the FPN/RPN split counts convs per frame)."""

    def __init__(self, laterals_per_frame):
        self.laterals = laterals_per_frame
        self.seen_3x3 = 0

    def __call__(self, c_in, c_out, kernel):
        if c_in != 256 and c_out == 256:
            return 'FPN convs'
        if c_in == 256 and c_out == 256 and kernel == 3:
            position = self.seen_3x3 % (2 * self.laterals + 1)
            self.seen_3x3 += 1
            return 'FPN convs' if position < self.laterals else 'RPN head convs'
        if c_in == 256:
            return 'RPN head convs'
        return 'body convs'


def gemm_kind(k, n):
    if k == 12544:
        return 'fc6'
    if k == 1024 and n == 1024:
        return 'fc7'
    return 'box predictor'


def vigil_kinds(trace, frames):
    """ms per frame of libtorch's convolutions and GEMMs by kind (with the in-place ReLU after a GEMM)."""
    ev = torch_ops.complete_events(trace)
    torch_ops.with_self_times(ev)
    ev.sort(key=lambda e: e['ts'])
    dims = lambda e: e.get('shape') or e.get('args', {}).get('Input Dims') or e.get('args', {}).get('Input dims') or []
    convs = [e for e in ev if e['name'] in TORCH_CONVS and len(dims(e)) >= 2 and len(dims(e)[0]) == 4]
    laterals = sum(1 for e in convs if dims(e)[0][1] != 256 and dims(e)[1][0] == 256) / frames
    conv_kind = ConvKind(round(laterals) or 1)
    ms = collections.Counter()
    last_gemm = None
    for e in ev:
        name, d = e['name'], dims(e)
        kind = None
        if name in TORCH_CONVS and len(d) >= 2 and len(d[0]) == 4 and len(d[1]) == 4:
            kind = conv_kind(d[0][1], d[1][0], d[1][2])
        elif name == 'aten::addmm' and len(d) >= 3 and len(d[1]) == 2 and len(d[2]) == 2:
            kind = last_gemm = gemm_kind(d[1][1], d[2][1])
        elif name in TORCH_GEMMS and len(d) >= 1 and len(d[0]) == 2:
            # the packed kernels (fc6 and fc7 only; the packed weight's shape may not be recorded)
            kind = last_gemm = 'fc6' if d[0][1] == 12544 else 'fc7'

        elif name in ('aten::relu_', 'aten::clamp_min_', 'aten::relu') and last_gemm:
            kind, last_gemm = last_gemm, None  # the ReLU after fc6/fc7
        if kind is not None:
            ms[kind] += e['_self'] / 1000.0 / frames
    return ms


def channels(dims):
    return dims[1] if len(dims) == 4 else dims[1] * dims[4] if len(dims) == 5 else 0


def onnx_parts(trace, frames):
    """ms per frame of ONNX Runtime's nodes per scope, the GFLOP of its convolutions and GEMMs per scope, and the wall
    time of its runs."""
    events = json.load(open(trace))
    runs = sorted((e for e in events if e.get('cat') == 'Session' and e.get('name') == 'model_run'),
                  key=lambda e: e['ts'])[-int(frames):]
    if len(runs) < frames:
        raise SystemExit(f"{trace}: {len(runs)} runs, fewer than {frames}")
    start = runs[0]['ts']
    nodes = sorted((e for e in events if e.get('cat') == 'Node' and e.get('name', '').endswith('_kernel_time')
                    and e['ts'] >= start), key=lambda e: e['ts'])
    shapes = lambda e, key: [list(s.values())[0] for s in e['args'].get(key, [])]
    by_scope = collections.Counter()
    flop = collections.Counter()
    scope = '(none)'
    for e in nodes:
        op = e['args'].get('op_name', '')
        if op in CONTAINERS:
            continue
        name = e['name'][:-len('_kernel_time')].removeprefix('fused ')
        if name.startswith('/'):
            scope = name.rsplit('/', 1)[0] + '/'
        by_scope[scope] += e['dur'] / 1000.0 / frames
        y = (shapes(e, 'output_type_shape') or [[]])[0]
        x = (shapes(e, 'input_type_shape') or [[]])[0]
        if op in ORT_CONVS and len(y) >= 4 and len(shapes(e, 'input_type_shape')) >= 2:
            w = shapes(e, 'input_type_shape')[1]
            per_output = w[1] * w[2] * w[3] if len(w) == 4 else 0
            flop[scope] += 2.0 * y[0] * channels(y) * y[2] * y[3] * per_output / frames
        elif op in ('Gemm', 'FusedGemm', 'MatMul') and len(x) == 2 and len(y) == 2:
            flop[scope] += 2.0 * x[0] * x[1] * y[1] / frames
    wall = sum(r['dur'] for r in runs) / 1000.0 / frames
    return by_scope, flop, wall


def vigil_stages(bench_output):
    for line in open(bench_output):
        if line.startswith("vigil's stages"):
            return {k: float(v) for k, v in re.findall(r'([a-z_]+) (\d+(?:\.\d+)?)', line.split(':', 1)[1])}
    raise SystemExit(f"{bench_output}: no line \"vigil's stages\" (bench detector --compare-onnx prints it)")


def main():
    torch_trace, onnx_trace, frames, bench_output = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
    kinds = vigil_kinds(torch_trace, frames)
    stages = vigil_stages(bench_output)
    by_scope, flop, ort_wall = onnx_parts(onnx_trace, frames)
    claimed = set()
    print(f"{'part':32s} {'vigil ms':>9s} {'ORT ms':>9s} {'GFLOP':>7s} {'vigil GF/s':>10s} {'ORT GF/s':>9s}")
    for row, prefix, stage, kind in ROWS:
        ort = None
        gflop = 0.0
        if prefix is not None:
            scopes = [s for s in by_scope if s.startswith(prefix if isinstance(prefix, tuple) else (prefix,))]
            if not row.startswith('='):  # a total row counts what its parts hold; other rows claim their scopes
                scopes = [s for s in scopes if s not in claimed]
                claimed.update(scopes)
            ort = sum(by_scope[s] for s in scopes)
            gflop = sum(flop[s] for s in scopes) / 1e9
        vigil = stages.get(stage) if stage else kinds.get(kind) if kind else None
        cells = [f"{vigil:9.1f}" if vigil is not None else f"{'':9s}",
                 f"{ort:9.1f}" if ort is not None else f"{'':9s}",
                 f"{gflop:7.2f}" if gflop else f"{'':7s}"]
        rates = [f"{gflop / t * 1000:10.1f}" if gflop and t else f"{'':10s}" for t in (vigil, ort)]
        print(f"{row:32s} {' '.join(cells)} {rates[0]} {rates[1][1:]}")
    rest = sum(v for s, v in by_scope.items() if s not in claimed)
    print(f"{'ORT nodes outside these scopes':32s} {'':9s} {rest:9.1f}")
    print(f"{'total (vigil: its stages; ORT: its runs)':32s} {sum(stages.values()):9.1f} {ort_wall:9.1f}")


if __name__ == '__main__':
    main()
