/**
 * Training and evaluation data: datasets (COCO JSON, PASCAL VOC), the class map between dataset categories and
 * model class indices, the synthetic scene generator and augmentation.
 */
package dev.vigil.model.data;
