/** What the model needs of the DJL engine beyond its API: the process-wide autograd switch. */
package dev.vigil.model.engine;
