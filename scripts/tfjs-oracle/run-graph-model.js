// The TF.js oracle for Vigil's Java TF.js graph-model reader: runs a graph model (model.json + weight shards) with
// TensorFlow.js on its WebAssembly backend, one thread, on raw float32 inputs, and writes the named outputs.
// Usage: node run-graph-model.js MODEL.json OUT_DIR OUTPUT_NAMES(comma-separated) INPUT.f32...
//   Each INPUT.f32 is the model's single input, little-endian float32 in the input's shape (from the model's
//   signature). For input i, OUT_DIR/i/k.bin holds output k's values (little-endian, float32 or int32) and
//   OUT_DIR/manifest.json lists, per input, each output's name, dtype, shape and file, and the run time in ms.
// Installed by scripts/install-tfjs-oracle.sh; NODE_PATH must name its node_modules.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');

async function main() {
  const [modelFile, outDir, outputList, ...inputs] = process.argv.slice(2);
  if (!modelFile || !outDir || !outputList || inputs.length === 0) {
    console.error('usage: node run-graph-model.js MODEL.json OUT_DIR OUTPUT_NAMES INPUT.f32...');
    process.exit(2);
  }
  const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  wasm.setWasmPaths(path.join(wasmDir, 'dist') + path.sep);
  wasm.setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();

  const json = JSON.parse(fs.readFileSync(modelFile, 'utf8'));
  const weightSpecs = [];
  const shards = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      shards.push(fs.readFileSync(path.join(path.dirname(modelFile), p)));
    }
  }
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const model = await tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology, weightSpecs, weightData, format: json.format,
    generatedBy: json.generatedBy, convertedBy: json.convertedBy, signature: json.signature,
  }));
  const inputNode = model.inputs[0];
  const outputNames = outputList.split(',');
  const manifest = { backend: tf.getBackend(), tfjs: tf.version.tfjs, inputs: [] };
  for (let i = 0; i < inputs.length; i++) {
    const bytes = fs.readFileSync(inputs[i]);
    const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    const input = tf.tensor(values, inputNode.shape, 'float32');
    const start = process.hrtime.bigint();
    let outs = model.execute(input, outputNames);
    if (!Array.isArray(outs)) outs = [outs];
    const datas = await Promise.all(outs.map((t) => t.data()));
    const millis = Number(process.hrtime.bigint() - start) / 1e6;
    const dir = path.join(outDir, String(i));
    fs.mkdirSync(dir, { recursive: true });
    const entry = { input: inputs[i], millis, outputs: [] };
    outs.forEach((t, k) => {
      const file = path.join(String(i), k + '.bin');
      fs.writeFileSync(path.join(outDir, file), Buffer.from(datas[k].buffer, datas[k].byteOffset, datas[k].byteLength));
      entry.outputs.push({ name: outputNames[k], dtype: t.dtype, shape: t.shape, file });
      t.dispose();
    });
    input.dispose();
    manifest.inputs.push(entry);
  }
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
