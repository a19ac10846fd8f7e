"""Vigil (libtorch) and ONNX Runtime side by side, per layer kind, in ms per frame, from the two profiles that
`vigil bench detector --compare-onnx M.onnx ... --torch-profile T.json --onnx-profile O.json` writes on the same
frames. Usage: python3 scripts/engine-ops.py T.json O.json FRAMES (FRAMES: the timed frames, --iterations).

Each operator's self time (libtorch: its time less that of the operators it called; ONNX Runtime: each node's kernel
time, the last FRAMES runs only: the profile holds the warm-up too) is put into one layer kind by its shapes:
  fc6 / fc7 / box predictor: the box head's GEMMs (fc6's inputs are 12,544 wide);
  FPN, RPN head, backbone convs: convolutions; those with 256 input or output channels belong to the FPN (1x1 lateral
  convs; the first L 3x3 256->256 convs of each frame, L = laterals per frame) or to the RPN head (the other 3x3
  256->256 convs, and the 1x1 convs from 256 channels to the anchors' scores and deltas); all others to the backbone.
  ONNX Runtime's fused Conv+activation nodes count as convs;
  RoIAlign, NMS, top-k: their operators (Vigil pools RoIs and runs NMS in the JVM: its 'roi_features' and 'proposals'
  stage times, printed by the benchmark, are not in libtorch's profile);
  activations, element-wise, layout (copies, reorders), the rest.
Prints the GFLOP/s of fc6 and of the convolutions from the shapes, too."""
import collections
import importlib.util
import os
import sys

_spec = importlib.util.spec_from_file_location(
    'torch_ops', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'torch-ops.py'))
torch_ops = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(torch_ops)

KINDS = ['backbone convs', 'FPN convs', 'RPN head convs', 'fc6', 'fc7', 'box predictor', 'RoIAlign',
         'NMS', 'top-k', 'activations', 'element-wise', 'layout/copies', 'other']
ACTIVATIONS = {'aten::hardswish_', 'aten::hardswish', 'aten::hardsigmoid_', 'aten::hardsigmoid', 'aten::relu_',
               'aten::relu', 'aten::clamp_min_', 'aten::clamp_min', 'aten::clamp_', 'aten::clamp', 'aten::sigmoid',
               'Relu', 'HardSigmoid', 'HardSwish', 'Sigmoid', 'Clip'}
ELEMENTWISE = {'aten::mul', 'aten::mul_', 'aten::add', 'aten::add_', 'aten::sub', 'aten::div', 'aten::exp',
               'aten::sum', 'aten::mean', 'aten::max_pool2d_with_indices', 'aten::softmax', 'aten::_softmax',
               'Mul', 'Add', 'Sub', 'Div', 'Exp', 'GlobalAveragePool', 'ReduceMean', 'MaxPool', 'Softmax',
               'Sqrt', 'Log', 'Max', 'Min'}
LAYOUT = {'aten::copy_', 'aten::contiguous', 'aten::clone', 'aten::cat', 'aten::index', 'aten::index_select',
          'aten::empty', 'aten::empty_strided', 'aten::fill_', 'aten::zero_', 'ReorderInput', 'ReorderOutput',
          'Transpose', 'Reshape', 'Concat', 'Gather', 'Slice', 'Unsqueeze', 'Squeeze', 'Flatten', 'Cast', 'Expand',
          'Shape', 'ConstantOfShape', 'Tile', 'Identity'}
CONV_OPS = {'aten::mkldnn_convolution', 'aten::_convolution', 'aten::thnn_conv2d', 'aten::_slow_conv2d_forward',
            'aten::_nnpack_spatial_convolution', 'Conv', 'FusedConv', 'NchwcConv'}
GEMM_OPS = {'aten::addmm', 'aten::mm', 'aten::linear', 'Gemm', 'MatMul', 'FusedGemm'}


def channels(dims):
    """Channels of a rank-4 NCHW or a rank-5 NCHWc (ONNX Runtime's blocked) map."""
    if len(dims) == 4:
        return dims[1]
    if len(dims) == 5:
        return dims[1] * dims[4]
    return None


def conv_flop(x, w, y):
    """2 x outputs x (input channels per group x kh x kw), from the input, weight and output dims."""
    if len(y) < 4 or len(w) < 4:
        return 0
    out_pixels = y[2] * y[3]
    out_channels = channels(y)
    per_output = w[1] * w[2] * w[3] if len(w) == 4 else w[1] * w[4] * w[2] * w[3]
    return 2.0 * y[0] * out_channels * out_pixels * per_output


class Classifier:
    """Layer kind of each operator, in time order (the FPN/RPN split counts convs per frame)."""

    def __init__(self, laterals_per_frame):
        self.laterals = laterals_per_frame
        self.seen_3x3 = 0

    def conv(self, c_in, c_out, kernel):
        if c_in != 256 and c_out == 256:
            return 'FPN convs'
        if c_in == 256 and c_out == 256 and kernel == 3:
            position = self.seen_3x3 % (2 * self.laterals + 1)
            self.seen_3x3 += 1
            return 'FPN convs' if position < self.laterals else 'RPN head convs'
        if c_in == 256:
            return 'RPN head convs'
        return 'backbone convs'


def gemm_kind(k, n):
    if k == 12544:
        return 'fc6'
    if k == 1024 and n == 1024:
        return 'fc7'
    return 'box predictor'


def simple_kind(op):
    low = op.lower()
    if 'roialign' in low or 'roi_align' in low:
        return 'RoIAlign'
    if 'nms' in low or 'nonmaxsuppression' in low:
        return 'NMS'
    if 'topk' in low:
        return 'top-k'
    if op in ACTIVATIONS:
        return 'activations'
    if op in ELEMENTWISE:
        return 'element-wise'
    if op in LAYOUT:
        return 'layout/copies'
    return 'other'


def torch_table(trace, frames):
    ev = torch_ops.complete_events(trace)
    torch_ops.with_self_times(ev)
    ev.sort(key=lambda e: e['ts'])
    dims = lambda e: e.get('args', {}).get('Input Dims') or e.get('args', {}).get('Input dims') or []
    convs = [e for e in ev if e['name'] in CONV_OPS and len(dims(e)) >= 2 and len(dims(e)[0]) == 4]
    laterals = sum(1 for e in convs if dims(e)[0][1] != 256 and dims(e)[1][0] == 256) / frames
    classify = Classifier(round(laterals) or 1)
    ms = collections.Counter()
    for e in ev:
        name, d = e['name'], dims(e)
        if name in CONV_OPS and len(d) >= 2 and len(d[0]) == 4 and len(d[1]) == 4:
            # aten::_convolution is the dispatcher above mkldnn_convolution: count the kernel only
            kind = None if name == 'aten::_convolution' else classify.conv(d[0][1], d[1][0], d[1][2])
        elif name in GEMM_OPS and name != 'aten::linear' and len(d) >= 3 and len(d[1]) == 2 and len(d[2]) == 2:
            kind = gemm_kind(d[1][1], d[2][1])
        else:
            kind = simple_kind(name)
        if kind is not None:
            ms[kind] += e['_self'] / 1000.0 / frames
    return ms


def onnx_table(trace, frames):
    import json
    events = json.load(open(trace))
    runs = sorted((e for e in events if e.get('cat') == 'Session' and e.get('name') == 'model_run'),
                  key=lambda e: e['ts'])[-int(frames):]
    if not runs:
        raise SystemExit(f"{trace}: no model_run events")
    start = runs[0]['ts']
    nodes = sorted((e for e in events if e.get('cat') == 'Node' and e.get('name', '').endswith('_kernel_time')
                    and e['ts'] >= start), key=lambda e: e['ts'])

    def shapes(e, key):
        return [list(s.values())[0] for s in e.get('args', {}).get(key, [])]

    laterals = 0
    for e in nodes:
        op = e['args'].get('op_name', '')
        if op in CONV_OPS:
            x, w = shapes(e, 'input_type_shape')[:2]
            if channels(x) != 256 and channels(shapes(e, 'output_type_shape')[0]) == 256:
                laterals += 1
    classify = Classifier(round(laterals / frames) or 1)
    ms = collections.Counter()
    flop = collections.Counter()
    for e in nodes:
        op = e['args'].get('op_name', '')
        inputs = shapes(e, 'input_type_shape')
        if op in CONV_OPS:
            x, w, y = inputs[0], inputs[1], shapes(e, 'output_type_shape')[0]
            kind = classify.conv(channels(x), channels(y), w[2] if len(w) >= 4 else None)
            flop[kind] += conv_flop(x, w, y)
        elif op in GEMM_OPS:
            a, b = inputs[0], inputs[1]
            trans_b = b[0] != a[1]  # Gemm with transB=1: B is N x K
            n = b[0] if trans_b else b[1]
            kind = gemm_kind(a[1], n)
            flop[kind] += 2.0 * a[0] * a[1] * n
        else:
            kind = simple_kind(op)
        ms[kind] += e['dur'] / 1000.0 / frames
    wall = sum(r['dur'] for r in runs) / 1000.0 / frames
    return ms, {k: v / frames for k, v in flop.items()}, wall


def main():
    torch_trace, onnx_trace, frames = sys.argv[1], sys.argv[2], float(sys.argv[3])
    vigil_ms = torch_table(torch_trace, frames)
    ort_ms, flop, ort_wall = onnx_table(onnx_trace, frames)
    print(f"{'layer kind':16s} {'vigil ms':>9s} {'ORT ms':>9s} {'GFLOP':>7s} {'vigil GF/s':>11s} {'ORT GF/s':>9s}")
    for kind in KINDS:
        gflop = flop.get(kind, 0) / 1e9
        rates = ''
        if gflop:
            rates = ''.join(f" {gflop / t * 1000 if t else float('nan'):{w}.1f}"
                            for t, w in ((vigil_ms.get(kind, 0), 11), (ort_ms.get(kind, 0), 9)))
        print(f"{kind:16s} {vigil_ms.get(kind, 0):9.1f} {ort_ms.get(kind, 0):9.1f} {gflop:7.2f}{rates}")
    print(f"{'all traced':16s} {sum(vigil_ms.values()):9.1f} {sum(ort_ms.values()):9.1f} {sum(flop.values()) / 1e9:7.2f}")
    print(f"ONNX Runtime's runs: {ort_wall:.1f} ms a frame (GFLOP from its shapes); Vigil's wall time and stages per "
          "frame are in the benchmark's output (RoIAlign and NMS run in the JVM there, outside libtorch's profile)")


if __name__ == '__main__':
    main()
