#!/usr/bin/python3
"""Draws a COCO ground truth (boxes, track ids, ignore regions) onto its frames, as a contact sheet PNG.

  scripts/draw-gt.py ANNOTATIONS.json IMAGES_DIR OUT.png [--frames 700,715,730,745] [--cols 2] [--scale 0.75]
                     [--crop x1,y1,x2,y2]

Each track id keeps its colour; cars are labelled c<id>; ignore regions (iscrowd) are drawn in white with "ign".
Needs Debian's python3-opencv (scripts/install-test-deps.sh installs it).
"""
import argparse
import colorsys
import json
import os
import sys

import cv2
import numpy as np


def colour(track_id):
    if track_id is None:
        return (0, 255, 255)
    r, g, b = colorsys.hsv_to_rgb((track_id * 0.61803398875) % 1.0, 0.9, 1.0)
    return (int(b * 255), int(g * 255), int(r * 255))


def render(image, boxes, categories, scale, crop):
    x0, y0 = (crop[0], crop[1]) if crop else (0, 0)
    if crop:
        image = image[crop[1]:crop[3], crop[0]:crop[2]]
    image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    for a in boxes:
        x, y, w, h = a['bbox']
        p1 = (int(round((x - x0) * scale)), int(round((y - y0) * scale)))
        p2 = (int(round((x + w - x0) * scale)) - 1, int(round((y + h - y0) * scale)) - 1)
        crowd = a.get('iscrowd', 0) == 1
        c = (255, 255, 255) if crowd else colour(a.get('track_id'))
        cv2.rectangle(image, p1, p2, c, 1)
        label = ('c' if categories[a['category_id']] == 'car' else '') + str(a.get('track_id', ''))
        if crowd:
            label += ' ign'
        if not label:
            continue
        (tw, th), _ = cv2.getTextSize(label, cv2.FONT_HERSHEY_SIMPLEX, 0.35, 1)
        ty = p1[1] - 2 if p1[1] >= th + 3 else p2[1] + th + 2
        cv2.rectangle(image, (p1[0], ty - th - 1), (p1[0] + tw + 1, ty + 1), (0, 0, 0), -1)
        cv2.putText(image, label, (p1[0] + 1, ty), cv2.FONT_HERSHEY_SIMPLEX, 0.35, c, 1, cv2.LINE_AA)
    return image


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('annotations')
    ap.add_argument('images')
    ap.add_argument('out')
    ap.add_argument('--frames', default='', help='frame indices (default: the first four images)')
    ap.add_argument('--cols', type=int, default=2)
    ap.add_argument('--scale', type=float, default=0.75)
    ap.add_argument('--crop', default='', help='x1,y1,x2,y2 of each frame to show')
    args = ap.parse_args()
    with open(args.annotations) as f:
        coco = json.load(f)
    categories = {c['id']: c['name'] for c in coco['categories']}
    images = {im.get('frame_index', im['id']): im for im in coco['images']}
    frames = [int(v) for v in args.frames.split(',')] if args.frames else sorted(images)[:4]
    crop = [int(v) for v in args.crop.split(',')] if args.crop else None
    tiles = []
    for frame in frames:
        if frame not in images:
            sys.exit('draw-gt: frame %d is not in %s' % (frame, args.annotations))
        path = os.path.join(args.images, images[frame]['file_name'])
        image = cv2.imread(path)
        if image is None:
            sys.exit('draw-gt: cannot read %s (scripts/extract-gt-frames.sh writes the frames)' % path)
        boxes = [a for a in coco['annotations'] if a['image_id'] == images[frame]['id']]
        tile = render(image, boxes, categories, args.scale, crop)
        cv2.rectangle(tile, (0, 0), (70, 16), (0, 0, 0), -1)
        cv2.putText(tile, 'frame %d' % frame, (3, 12), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (255, 255, 255), 1, cv2.LINE_AA)
        tiles.append(tile)
    h, w = tiles[0].shape[:2]
    rows = (len(tiles) + args.cols - 1) // args.cols
    sheet = np.full((rows * (h + 2), args.cols * (w + 2), 3), 255, np.uint8)
    for k, tile in enumerate(tiles):
        r, c = divmod(k, args.cols)
        sheet[r * (h + 2):r * (h + 2) + h, c * (w + 2):c * (w + 2) + w] = tile
    cv2.imwrite(args.out, sheet, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    print('draw-gt: %d frames -> %s' % (len(tiles), args.out))


if __name__ == '__main__':
    main()
