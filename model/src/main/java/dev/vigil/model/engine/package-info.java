/**
 * What the model needs of the DJL engine beyond its API: the autograd switch, constants that are safe to
 * differentiate through, and float tensors written straight from the JVM (see docs/djl-pitfalls.md).
 */
package dev.vigil.model.engine;
