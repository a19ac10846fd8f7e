/**
 * Training Faster R-CNN (the paper's sections 3.1.2, 3.1.3 and 3.2): anchor and RoI targets, the multi-task
 * losses, SGD with warm-up and steps, approximate joint and 4-step alternating training, checkpoints.
 */
package dev.vigil.model.train;
