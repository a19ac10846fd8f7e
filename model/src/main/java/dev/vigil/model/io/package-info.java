/**
 * Files: weight import (torchvision / torch {@code .pth} files read in plain Java and put into DJL block trees),
 * weight files in the safetensors layout ({@link dev.vigil.model.io.SafetensorsFile}, DJL's codec), and files
 * replaced atomically ({@link dev.vigil.model.io.AtomicFile}).
 *
 * <pre>{@code
 * StateDict weights = TorchStateDictReader.read(path);          // or read(path, "model") for a training checkpoint
 * weights = FeaturePyramidNetwork.upgradeLegacyKeys(weights, "backbone.fpn"); // pre-0.13 FPN key layout
 * model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, h, w));
 * StateDictLoader.strict().load(model, weights);              // all missing/unexpected/mis-shaped keys at once
 * }</pre>
 *
 * Keys map onto the tree by name: the DJL child "01body" is the torch attribute "body" (see
 * {@link dev.vigil.model.io.StateDictLoader}); {@link dev.vigil.model.io.StateDictLoader#expectedKeys} lists what a
 * model expects.
 */
package dev.vigil.model.io;
