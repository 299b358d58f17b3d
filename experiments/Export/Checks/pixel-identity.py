"""Compares a pixel cache built from an exported 32-px PNG folder with CIFAR-10's binary records.
usage: pixel-identity.py CIFAR_DIR CACHE_DIR EXPORT_DIR  (cache rows follow the dataset's order: classes ordinal,
files ordinal by full path; the export names each file <cifar index>.png; needs python3-numpy)."""
import json, os, sys, glob
import numpy as np
cifar, cache, export = sys.argv[1:4]
def records(files):
    data = np.concatenate([np.fromfile(os.path.join(cifar, f), np.uint8).reshape(-1, 3073) for f in files])
    return data[:, 0], data[:, 1:]
splits = {"train": records([f"data_batch_{i}.bin" for i in range(1, 6)]), "test": records(["test_batch.bin"])}
manifests = [json.load(open(p)) for p in glob.glob(os.path.join(cache, "pixels", "*.json"))]
for split, (labels, pixels) in splits.items():
    root = os.path.join(export, split)
    classes = sorted(os.listdir(root))
    order = []
    for c in classes:
        folder = os.path.join(root, c)
        order += sorted(os.path.join(folder, f) for f in os.listdir(folder))
    index = np.array([int(os.path.basename(p).split(".")[0].split("-")[0]) for p in order])
    paths = [p for p in glob.glob(os.path.join(cache, "pixels", "*.json"))
             if (lambda m: m["name"].rstrip("/").endswith(export.rstrip("/") + ":" + split) and m["height"] == 32)(json.load(open(p)))]
    if not paths: print(split, "no 32-px cache of", export); continue
    key = paths[0]; m = [json.load(open(key))]
    rows = np.fromfile(key[:-5] + ".pixels", np.uint8).reshape(len(order), 3072)
    same = (rows == pixels[index]).all(axis=1)
    print(f"{split}: {same.sum()}/{len(order)} cache rows identical to the binary records; labels equal: "
          f"{(np.array(m[0]['labels']) == labels[index]).all()}; mean |difference| "
          f"{np.abs(rows.astype(np.int16) - pixels[index]).mean():.2f} of 255")
