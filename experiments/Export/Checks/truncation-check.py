"""For a folder exported at mixed square sizes and its 32-px pixel cache: mean value of the last pixel column of the
cached images, grouped by whether ML.NET's crop resize truncates the scaled side to 31 px for that source size.
usage: truncation-check.py CACHE_DIR EXPORT_DIR SPLIT (needs python3-numpy, python3-pil)."""
import json, os, sys, glob
import numpy as np
from PIL import Image
cache, export, split = sys.argv[1], sys.argv[2], sys.argv[3]
root = os.path.join(export, split)
order = []
for c in sorted(os.listdir(root)):
    order += sorted(os.path.join(root, c, f) for f in os.listdir(os.path.join(root, c)))
key = [p for p in glob.glob(os.path.join(cache, "pixels", "*.json")) if json.load(open(p))["name"] == f"{export}:{split}"][0]
rows = np.fromfile(key[:-5] + ".pixels", np.uint8).reshape(len(order), 3, 32, 32)
size = np.array([Image.open(p).size[0] for p in order])
trunc = np.array([int(np.float32(w) * (np.float32(32) / np.float32(w))) != 32 for w in size])
last_col = rows[:, :, :, 31].mean(axis=(1, 2)); prev_col = rows[:, :, :, 30].mean(axis=(1, 2))
print(f"{split}: {trunc.sum()} of {len(order)} images at a truncating size ({sorted(set(size[trunc]))})")
print(f"  truncating sizes: mean of column 31 {last_col[trunc].mean():.1f}, column 30 {prev_col[trunc].mean():.1f}; all-zero column 31: {(rows[trunc][:, :, :, 31] == 0).all(axis=(1, 2)).mean():.3f}")
print(f"  other sizes:      mean of column 31 {last_col[~trunc].mean():.1f}, column 30 {prev_col[~trunc].mean():.1f}; all-zero column 31: {(rows[~trunc][:, :, :, 31] == 0).all(axis=(1, 2)).mean():.3f}")
